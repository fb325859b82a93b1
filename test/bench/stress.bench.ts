/**
 * The stress view's cost per step of its control for a master account with 1,000 subaccounts:
 * every account's equity, maintenance margin and level after the move, sorted by level (what one
 * step of the slider recomputes in the window), against building the report in main (once per
 * refresh) and preparing the window's table (once per snapshot).
 *
 *   node test/bench/stress.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { toCurrency } from '../../src-main/kraken/currency.ts';
import { toDecimal } from '../../src-shared/decimal.ts';
import type { AccountSnapshot, FlexAccount, Instrument, Subaccount } from '../../src-shared/account-model.ts';
import { buildRiskReport } from '../../src-main/risk/risk-report.ts';
import { StressTable } from '../../src-renderer/src/lib/stress.ts';
import type { BenchResult } from './bench-result.ts';
import { median } from './measure.ts';

const SUBACCOUNTS = 1_000;
const ROUNDS = 101;
const VISIBLE_ROWS = 40;
const d = toDecimal;

function flexOf(i: number): FlexAccount {
  const usd = 5000 + (i % 89) * 37.5;
  const btc = (i % 7) * 0.0125;
  const eth = (i % 5) * 0.35;
  const btcValue = btc * 60000;
  const ethValue = eth * 3000;
  const collateral = usd + btcValue * 0.98 + ethValue * 0.97;
  const maintenance = i % 10 === 0 ? 0 : 300 + (i % 53) * 11.25;
  const currency = (code: string, quantity: number, value: number, haircut: number) => ({
    currency: toCurrency(code),
    quantity: d(quantity.toFixed(8)),
    value: d(value.toFixed(2)),
    collateral: d((value * (1 - haircut)).toFixed(2)),
    available: d(quantity.toFixed(8)),
    haircut: d(haircut),
  });
  return {
    currencies: [currency('usd', usd, usd, 0), currency('xbt', btc, btcValue, 0.02), currency('eth', eth, ethValue, 0.03)],
    balanceValue: d((usd + btcValue + ethValue).toFixed(2)),
    portfolioValue: d((usd + btcValue + ethValue).toFixed(2)),
    collateralValue: d(collateral.toFixed(2)),
    initialMargin: d(maintenance * 2),
    initialMarginWithOrders: d(maintenance * 2),
    maintenanceMargin: d(maintenance),
    pnl: d(0),
    unrealizedFunding: d(0),
    totalUnrealized: d(0),
    totalUnrealizedAsMargin: d(0),
    marginEquity: d(collateral.toFixed(2)),
    availableMargin: d((collateral - maintenance * 2).toFixed(2)),
    portfolioMarginBreakdown: null,
  };
}

function snapshot(): AccountSnapshot {
  const subaccounts: Subaccount[] = Array.from({ length: SUBACCOUNTS }, (_, i) => ({
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    email: `trader${i}@example.com`,
    fullName: `Trader ${i}`,
    holdings: [],
    futuresWallets: [],
    flex: flexOf(i),
  }));
  const levels = [
    { from: d(0), initialMargin: d('0.02'), maintenanceMargin: d('0.01') },
    { from: d(500000), initialMargin: d('0.04'), maintenanceMargin: d('0.02') },
  ];
  const instrument = (symbol: string, base: string): Instrument => ({ symbol, type: 'flexible_futures', base: toCurrency(base), quote: toCurrency('USD'), levelUnit: 'quote', marginLevels: levels });
  return {
    profileId: 'bench',
    fetchedAt: 0,
    serverTime: null,
    accounts: { cash: null, marginWallets: [], flex: flexOf(1), unknown: [], serverTime: null },
    subaccounts: { masterUid: 'master', subaccounts, serverTime: null },
    positions: [
      { symbol: 'pf_xbtusd', side: 'long', size: d(8), price: d(59000), fillTime: null, unrealizedFunding: null },
      { symbol: 'pf_ethusd', side: 'short', size: d(40), price: d(3100), fillTime: null, unrealizedFunding: null },
    ],
    markPrices: { pf_xbtusd: d(60000), pf_ethusd: d(3000) },
    instruments: { pf_xbtusd: instrument('pf_xbtusd', 'XBT'), pf_ethusd: instrument('pf_ethusd', 'ETH') },
  };
}

function timed(rounds: number, operation: (round: number) => unknown): number {
  for (let i = 0; i < 5; i++) operation(i);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    operation(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function run(): Promise<BenchResult[]> {
  const input = snapshot();
  const report = buildRiskReport(input);
  const table = new StressTable(report.accounts);
  // The slider's steps, −50 … +50 %, walked in order as a drag does; a step ranks every account
  // and computes the exact figures of the rows a window shows (about forty).
  const step = (scope: string) => (round: number) => table.evaluate(scope, (round % 101) - 50).entries.slice(0, VISIBLE_ROWS).map((entry) => entry.figures());
  return [
    { name: 'stress step, every crypto price, 1,001 accounts (rank all, exact figures of 40 rows)', value: timed(ROUNDS, step('allCrypto')), unit: 'ms', note: 'median per step' },
    { name: 'stress step, BTC alone, 1,001 accounts (rank all, exact figures of 40 rows)', value: timed(ROUNDS, step('BTC')), unit: 'ms', note: 'median per step' },
    { name: 'stress table prepared from the report (per snapshot)', value: timed(21, () => new StressTable(report.accounts).evaluate('allCrypto', 0)), unit: 'ms' },
    { name: 'risk report built in main, 1,000 subaccounts (per refresh)', value: timed(21, () => buildRiskReport(input)), unit: 'ms' },
    { name: 'risk report size over the bridge', value: Math.round(JSON.stringify(report).length / 1024), unit: 'KiB' },
  ];
}

if (import.meta.main) console.table(await run());
