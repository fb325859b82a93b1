/**
 * The liquidation estimate on hand-worked examples. Each example's arithmetic is written out in its
 * comment (the same examples, with more words, are in docs/LIQUIDATION.md); the expected figures
 * come from that arithmetic, not from the code under test. Prices are to 8 significant digits,
 * moves to 0.01 %.
 *
 * BTC levels throughout (Kraken's PF_XBTUSD example): maintenance 1 % of notional up to $500,000,
 * 2 % of the part from $500,000 to $2,000,000, 5 % above.
 */
import { describe, expect, it } from 'vitest';
import { buildRiskReport } from '../../../src-main/risk/risk-report.ts';
import type { PositionRisk, RiskReport } from '../../../src-shared/risk-model.ts';
import { flex, inverseWallet, linearInstrument, position, snapshot } from './risk-fixtures.ts';

const BTC = linearInstrument('pf_xbtusd', 'BTC');
const ETH = linearInstrument('pf_ethusd', 'ETH', [['0', '0.02', '0.01']]);
const USD = (amount: string) => ({ code: 'USD', quantity: amount, value: amount, collateral: amount });

function only(report: RiskReport): PositionRisk {
  expect(report.positions).toHaveLength(1);
  return report.positions[0] as PositionRisk;
}

function flexAccount(report: RiskReport) {
  const account = report.accounts.find((candidate) => candidate.accountKey === 'flex');
  if (account === undefined) throw new Error('no flex account in the report');
  return account;
}

describe('linear perpetual, USD collateral', () => {
  it('long 1 BTC at 60,000 with $10,000: liquidated at 50,505.051 (−15.82 %)', () => {
    // equity(p) = 10,000 + 1 × (p − 60,000); maintenance(p) = 1 % × 1 × p
    // 10,000 + p − 60,000 = 0.01 p  →  0.99 p = 50,000  →  p = 50,505.0505…
    // move = 50,505.0505 / 60,000 − 1 = −15.824 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '10000', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    const row = only(report);
    expect(row.liquidation).toEqual({ source: 'estimate', price: '50505.051', movePct: '-15.82', pastLiquidation: false });
    // PnL 1 × (60,000 − 60,000) = 0; notional 60,000; leverage 60,000 / 10,000 = 6
    expect([row.pnl, row.pnlCurrency, row.notional, row.leverage]).toEqual(['0', 'USD', '60000', '6']);
  });

  it('short 1 BTC at 60,000 with $10,000: liquidated at 69,306.931 (+15.51 %)', () => {
    // equity(p) = 10,000 − 1 × (p − 60,000) = 70,000 − p; maintenance 0.01 p
    // 70,000 − p = 0.01 p  →  p = 70,000 / 1.01 = 69,306.9307…   move = +15.511 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '10000', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'short', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '69306.931', movePct: '15.51', pastLiquidation: false });
  });

  it('PnL is signed by side: short 1 BTC from 60,000 at a mark of 62,500 has lost 2,500 USD', () => {
    // −1 × (62,500 − 60,000) = −2,500
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '7500', maintenanceMargin: '625' }),
        positions: [position('pf_xbtusd', 'short', '1', '60000')],
        marks: { pf_xbtusd: '62500' },
        instruments: [BTC],
      }),
    );
    // Liquidation does not depend on where the mark is: 70,000 − p = 0.01 p as above.
    expect(only(report)).toMatchObject({ pnl: '-2500', liquidation: { source: 'estimate', price: '69306.931', movePct: '10.89' } });
  });
});

describe('linear perpetual, BTC collateral with a haircut (collateral falls with the price)', () => {
  // 0.2 BTC at 60,000 = 12,000 value; the account reports 11,760 collateral → haircut 1 − 11,760 / 12,000 = 2 %.
  const BTC_COLLATERAL = { code: 'BTC', quantity: '0.2', value: '12000', collateral: '11760' };

  it('long 1 BTC: liquidated at 50,590.219 (−15.68 %)', () => {
    // equity(p) = 0.2 × p × 0.98 + (p − 60,000) = 1.196 p − 60,000; maintenance 0.01 p
    // 1.186 p = 60,000  →  p = 50,590.2192…   move = −15.683 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([BTC_COLLATERAL], { marginEquity: '11760', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '50590.219', movePct: '-15.68', pastLiquidation: false });
  });

  it('short 1 BTC: liquidated at 73,710.074 (+22.85 %), later than with USD because the collateral rises too', () => {
    // equity(p) = 0.196 p − (p − 60,000) = 60,000 − 0.804 p; maintenance 0.01 p
    // 0.814 p = 60,000  →  p = 73,710.0737…   move = +22.850 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([BTC_COLLATERAL], { marginEquity: '11760', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'short', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '73710.074', movePct: '22.85', pastLiquidation: false });
  });
});

describe('inverse contract (single-collateral wallet)', () => {
  // fi_xbtusd: 0.05 BTC, long 10,000 PI_XBTUSD contracts ($1 each) from 50,000, mark 55,000, maintenance 1 %.
  // PnL = 10,000 × (1/50,000 − 1/55,000) = 0.2 − 0.181818… = 0.0181818182 BTC; pv = 0.0681818182 BTC
  // mm = 1 % × 10,000 / 55,000 = 0.0018181818 BTC
  // Liquidation where pv(p) = mm(p): 0.05 + 10,000 × (1/50,000 − 1/p) = 100 / p
  //   →  0.25 = 10,100 / p  →  p = 40,400   move = 40,400 / 55,000 − 1 = −26.545 %
  const figures = { balance: '0.05', pv: '0.0681818182', pnl: '0.0181818182', mm: '0.0018181818' };
  const parts = { positions: [position('pi_xbtusd', 'long', '10000', '50000')], marks: { pi_xbtusd: '55000' } };

  it('estimates 40,400 when Kraken sends no liquidation price, with the PnL in BTC', () => {
    const report = buildRiskReport(snapshot({ wallets: [inverseWallet({ ...figures, triggerMm: '0' })], ...parts }));
    const row = only(report);
    expect(row.liquidation).toEqual({ source: 'estimate', price: '40400', movePct: '-26.55', pastLiquidation: false });
    // notional: 10,000 contracts of $1; leverage 10,000 / (0.0681818182 × 55,000 = 3,750.000001) = 2.67
    expect([row.pnl, row.pnlCurrency, row.notional, row.notionalCurrency, row.leverage]).toEqual(['0.0181818182', 'BTC', '10000', 'USD', '2.67']);
  });

  it("shows Kraken's own triggerEstimates.mm instead, marked as the exchange's", () => {
    const report = buildRiskReport(snapshot({ wallets: [inverseWallet({ ...figures, triggerMm: '40400' })], ...parts }));
    expect(only(report).liquidation).toEqual({ source: 'exchange', price: '40400', movePct: '-26.55' });
  });
});

describe('two positions on different underlyings', () => {
  // $20,000; long 1 BTC from 60,000 (mark 60,000, mm 600); short 10 ETH from 3,000 (mark 3,000, mm 1 % × 30,000 = 300)
  const report = buildRiskReport(
    snapshot({
      flex: flex([USD('20000')], { marginEquity: '20000', maintenanceMargin: '900' }),
      positions: [position('pf_xbtusd', 'long', '1', '60000'), position('pf_ethusd', 'short', '10', '3000')],
      marks: { pf_xbtusd: '60000', pf_ethusd: '3000' },
      instruments: [BTC, ETH],
    }),
  );

  it('BTC alone (ETH held): 40,707.071 (−32.15 %)', () => {
    // equity = 20,000 + (p − 60,000); maintenance = 0.01 p + 300
    // 0.99 p = 40,300  →  p = 40,707.0707…   move = −32.155 %
    expect(report.positions[0]?.liquidation).toEqual({ source: 'estimate', price: '40707.071', movePct: '-32.15', pastLiquidation: false });
  });

  it('ETH alone (BTC held): 4,891.0891 (+63.04 %)', () => {
    // equity = 20,000 − 10 (q − 3,000) = 50,000 − 10 q; maintenance = 600 + 0.1 q
    // 10.1 q = 49,400  →  q = 4,891.0891…   move = +63.036 %
    expect(report.positions[1]?.liquidation).toEqual({ source: 'estimate', price: '4891.0891', movePct: '63.04', pastLiquidation: false });
  });

  it('every crypto price by the same factor k: −65.64 %', () => {
    // equity = 20,000 + 60,000 (k − 1) − 30,000 (k − 1) = 30,000 k − 10,000; maintenance = 900 k
    // 29,100 k = 10,000  →  k = 0.343642…   move = −65.636 %
    expect(flexAccount(report).allCrypto.liquidation).toMatchObject({ kind: 'move', movePct: '-65.64', pastLiquidation: false });
    expect(report.underlyings).toEqual(['BTC', 'ETH']);
  });
});

describe('a position whose size crosses a margin level', () => {
  it('long 10 BTC at 60,000 ($600,000, level 2 today) with $110,000: liquidated inside level 1, at 49,494.949', () => {
    // today: mm = 500,000 × 1 % + 100,000 × 2 % = 7,000
    // equity(p) = 110,000 + 10 (p − 60,000) = 10 p − 490,000
    // level 2 (10 p ≥ 500,000): mm = 5,000 + 2 % × (10 p − 500,000) = 0.2 p − 5,000
    //   10 p − 490,000 = 0.2 p − 5,000 → p = 49,489.79… but then 10 p < 500,000: not in level 2
    // level 1 (10 p < 500,000): mm = 0.1 p → 9.9 p = 490,000 → p = 49,494.9494… (10 p = 494,949 < 500,000 ✓)
    // move = −17.508 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('110000')], { marginEquity: '110000', maintenanceMargin: '7000' }),
        positions: [position('pf_xbtusd', 'long', '10', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '49494.949', movePct: '-17.51', pastLiquidation: false });
  });

  it('the same position with $60,000: liquidated still inside level 2, at 54,591.837', () => {
    // equity(p) = 60,000 + 10 (p − 60,000) = 10 p − 540,000; level 2: mm = 0.2 p − 5,000
    // 9.8 p = 535,000 → p = 54,591.8367… (10 p = 545,918 ≥ 500,000 ✓)   move = −9.014 %
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('60000')], { marginEquity: '60000', maintenanceMargin: '7000' }),
        positions: [position('pf_xbtusd', 'long', '10', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '54591.837', movePct: '-9.01', pastLiquidation: false });
  });
});

describe('no position', () => {
  it('no rows, and no liquidation move: $10,000 and 0.1 BTC stay above a maintenance margin of 0', () => {
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000'), { code: 'BTC', quantity: '0.1', value: '6000', collateral: '5880' }], { marginEquity: '15880', maintenanceMargin: '0' }),
      }),
    );
    expect(report.positions).toEqual([]);
    expect(flexAccount(report).allCrypto.liquidation).toEqual({
      kind: 'none',
      reason: 'Margin equity stays above maintenance margin at any crypto price.',
    });
  });
});

describe('a price already past liquidation', () => {
  it('long 1 BTC from 60,000 at a mark of 50,000 with $9,000: equity −1,000 < mm 500; back at 51,515.152', () => {
    // equity(p) = 9,000 + (p − 60,000) = p − 51,000; maintenance 0.01 p
    // 0.99 p = 51,000 → p = 51,515.1515…, above the mark: the price must rise +3.03 % to leave liquidation
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('9000')], { marginEquity: '-1000', maintenanceMargin: '500' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        marks: { pf_xbtusd: '50000' },
        instruments: [BTC],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'estimate', price: '51515.152', movePct: '3.03', pastLiquidation: true });
  });
});

describe('missing inputs: no estimate, and why', () => {
  it('without the instrument list', () => {
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '10000', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
      }),
    );
    expect(only(report).liquidation).toEqual({
      source: 'none',
      reason:
        "No margin levels for PF_XBTUSD: these figures came without Kraken's instrument list (a Futures key's refresh fetches it; the Unified WebSocket sends none).",
    });
  });

  it('with an instrument Kraken gives no margin levels for', () => {
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '10000', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        marks: { pf_xbtusd: '60000' },
        instruments: [linearInstrument('pf_xbtusd', 'BTC', [])],
      }),
    );
    expect(only(report).liquidation).toEqual({ source: 'none', reason: "No margin levels for PF_XBTUSD: Kraken's instrument list gives none for it." });
  });

  it('without a mark price', () => {
    const report = buildRiskReport(
      snapshot({
        flex: flex([USD('10000')], { marginEquity: '10000', maintenanceMargin: '600' }),
        positions: [position('pf_xbtusd', 'long', '1', '60000')],
        instruments: [BTC],
      }),
    );
    expect(only(report)).toMatchObject({ pnl: null, markPrice: null, liquidation: { source: 'none', reason: 'No mark price.' } });
  });
});
