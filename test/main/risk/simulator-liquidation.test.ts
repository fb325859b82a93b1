/**
 * The estimate against the simulated exchange over loopback HTTP, through the app's own client and
 * REST source (signing, /instruments and its decoding, the snapshot): after the exchange's mark
 * price is moved to the estimated liquidation price, the account's own margin equity is within
 * 0.1 % of its maintenance margin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { big } from '../../../src-shared/decimal.ts';
import type { AccountSnapshot, Decimal } from '../../../src-shared/account-model.ts';
import { RestDataSource } from '../../../src-main/kraken/rest-data-source.ts';
import { buildRiskReport } from '../../../src-main/risk/risk-report.ts';
import type { PositionRisk } from '../../../src-shared/risk-model.ts';
import { startLoopback, type Loopback } from '../kraken/loopback.ts';

let loopback: Loopback;
let source: RestDataSource;

beforeEach(async () => {
  loopback = await startLoopback();
  const client = loopback.client();
  source = new RestDataSource({ clientFor: () => client, clock: loopback.clock });
});

afterEach(async () => {
  await loopback.close();
});

function estimateOf(row: PositionRisk | undefined): Decimal {
  if (row?.liquidation.source !== 'estimate') throw new Error(`no estimate: ${JSON.stringify(row?.liquidation)}`);
  return row.liquidation.price;
}

/** |equity − maintenance| / maintenance of the master's flex account. */
function flexGap(snapshot: AccountSnapshot) {
  const flex = snapshot.accounts.flex;
  if (flex === null) throw new Error('no flex account');
  return big(flex.marginEquity).minus(flex.maintenanceMargin).abs().div(flex.maintenanceMargin);
}

describe('estimate against the simulated exchange', () => {
  it('long BTC in its second margin level, with BTC and EUR collateral: equity meets maintenance margin at the estimate', async () => {
    const { exchange } = loopback;
    exchange.deposit('USD', '40000');
    exchange.deposit('BTC', '0.5');
    exchange.deposit('EUR', '5000');
    exchange.openPosition({ symbol: 'pf_xbtusd', size: '10', entryPrice: '59000' });
    exchange.openPosition({ symbol: 'pf_ethusd', size: '-20', entryPrice: '3100' });
    const before = await source.fetchSnapshot('sim');
    expect(before.instruments?.['pf_xbtusd']?.marginLevels.length).toBeGreaterThan(1);
    const report = buildRiskReport(before);
    const price = estimateOf(report.positions.find((row) => row.symbol === 'pf_xbtusd'));
    // $600,000 of BTC today is in the second margin level (from $500,000).
    expect(big(price).lt(60000)).toBe(true);

    exchange.setMarkPrice('pf_xbtusd', price);
    const after = await source.fetchSnapshot('sim');
    expect(flexGap(after).lt('0.001')).toBe(true);
  });

  it('short ETH with USD collateral: the same after ETH rises to the estimate', async () => {
    const { exchange } = loopback;
    exchange.deposit('USD', '8000');
    exchange.openPosition({ symbol: 'pf_ethusd', size: '-30', entryPrice: '3000' });
    const report = buildRiskReport(await source.fetchSnapshot('sim'));
    const price = estimateOf(report.positions[0]);
    expect(big(price).gt(3000)).toBe(true);

    exchange.setMarkPrice('pf_ethusd', price);
    expect(flexGap(await source.fetchSnapshot('sim')).lt('0.001')).toBe(true);
  });

  it("an inverse wallet shows the exchange's own liquidation price", async () => {
    const { exchange } = loopback;
    exchange.setWalletBalance('xbt', '0.05');
    exchange.openPosition({ symbol: 'pi_xbtusd', size: '10000', entryPrice: '50000' });
    const row = buildRiskReport(await source.fetchSnapshot('sim')).positions[0];
    // Kraken's formula as the simulator applies it: (10,000 + 100) / (0.05 + 10,000 / 50,000) = 40,400
    expect(row?.liquidation).toEqual({ source: 'exchange', price: '40400', movePct: '-32.67' });
  });
});
