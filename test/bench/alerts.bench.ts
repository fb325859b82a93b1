/**
 * What alert evaluation costs per snapshot for a master account with 1,000 subaccounts, against
 * peers measured in the same run on the same snapshot: parsing its /subaccounts body (which every
 * refresh does anyway) and JSON.stringify of the normalised snapshot (what storing it costs at least).
 * - steady state: the engine already knows every account's level (every refresh after the first);
 * - start-up: empty engine state, so every account at warn or worse raises an alert with its text.
 *
 *   node test/bench/alerts.bench.ts
 */
import { performance } from 'node:perf_hooks';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';
import { parseSubaccounts } from '../../src-main/kraken/parse-subaccounts.ts';
import { type AlertEngineState, initialAlertState, stepAlerts } from '../../src-main/monitor/alert-engine.ts';
import { DEFAULT_ALERT_RULES } from '../../src-shared/alert-model.ts';
import { evaluateHealth } from '../../src-main/monitor/health.ts';
import { type BenchResult, withBudget } from './bench-result.ts';

const SUBACCOUNTS = 1_000;
const ROUNDS = 60;
const NOW = Date.UTC(2026, 0, 5, 12, 0);
const UTC = { minuteOfDay: (now: number) => Math.floor(now / 60_000) % 1440 };

function median(rounds: number, operation: () => unknown): number {
  for (let i = 0; i < 5; i++) operation(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    operation();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/**
 * A /subaccounts body in Kraken's shape. Margin levels spread from 105 % to 1,000 % (about a third
 * at warn or worse), one in ten without a position, figures with the digits real ones carry.
 */
function subaccountsBody(): string {
  const subaccounts = Array.from({ length: SUBACCOUNTS }, (_, i) => {
    const maintenanceMargin = i % 10 === 0 ? 0 : 1000 + (i % 97) * 13.37;
    const marginEquity = maintenanceMargin === 0 ? 2500.25 : (maintenanceMargin * (105 + ((i * 37) % 895))) / 100;
    return {
      accountUid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      email: `trader${i}@example.com`,
      fullName: `Trader ${i}`,
      holdingAccounts: [{ currency: 'usd', amount: 1000.5 }, { currency: 'xbt', amount: 3.46e-9 }],
      futuresAccounts: [{ name: 'f-xbt:usd', availableMargin: -0.0009056832839642471 }],
      flexAccount: {
        currencies: [
          { currency: 'usd', quantity: marginEquity, value: marginEquity, collateral: marginEquity, available: marginEquity },
          { currency: 'eth', quantity: 0.5, value: 1646.575, collateral: 1543.91104875, available: 0.49999966035931903 },
        ],
        initialMargin: maintenanceMargin * 2,
        initialMarginWithOrders: maintenanceMargin * 2,
        maintenanceMargin,
        balanceValue: marginEquity,
        portfolioValue: marginEquity,
        collateralValue: marginEquity,
        pnl: 0,
        unrealizedFunding: 0,
        totalUnrealized: 0,
        totalUnrealizedAsMargin: 0,
        availableMargin: marginEquity - maintenanceMargin * 2,
        marginEquity,
      },
    };
  });
  return JSON.stringify({ result: 'success', serverTime: '2026-01-05T12:00:00.000Z', masterAccountUid: 'master', subaccounts });
}

function snapshotOf(body: string): AccountSnapshot {
  return {
    profileId: 'bench',
    fetchedAt: NOW,
    serverTime: null,
    accounts: { cash: null, marginWallets: [], flex: null, unknown: [], serverTime: null },
    subaccounts: parseSubaccounts(body),
    positions: [],
    markPrices: {},
  };
}

export async function run(): Promise<BenchResult[]> {
  const body = subaccountsBody();
  const snapshot = snapshotOf(body);
  const configured = stepAlerts(
    initialAlertState(),
    { kind: 'configure', profile: { profileId: 'bench', profileName: 'Bench', rules: DEFAULT_ALERT_RULES, refreshSeconds: 30 } },
    NOW,
    UTC,
  ).state;
  const evaluate = (state: AlertEngineState) =>
    stepAlerts(state, { kind: 'health', profileId: 'bench', report: evaluateHealth(snapshot, DEFAULT_ALERT_RULES), fetchedAt: NOW }, NOW, UTC);
  const first = evaluate(configured);
  const warm = first.state;

  const parseMs = median(ROUNDS, () => parseSubaccounts(body));
  const stringifyMs = median(ROUNDS, () => JSON.stringify(snapshot));
  const healthMs = median(ROUNDS, () => evaluateHealth(snapshot, DEFAULT_ALERT_RULES));
  const steadyMs = median(ROUNDS, () => evaluate(warm));
  const startMs = median(ROUNDS, () => evaluate(configured));
  const ratio = (ms: number) => `${(ms / parseMs).toFixed(2)} × parsing the body, ${(ms / stringifyMs).toFixed(2)} × JSON.stringify`;

  return [
    withBudget({ name: `alerts: health + engine per snapshot, ${SUBACCOUNTS} subaccounts (steady state)`, value: steadyMs, unit: 'ms (median)', note: ratio(steadyMs) }, 5),
    {
      name: `alerts: health + engine per snapshot, ${SUBACCOUNTS} subaccounts (start-up)`,
      value: startMs,
      unit: 'ms (median)',
      note: `${first.alerts.length} alerts raised; ${ratio(startMs)}`,
    },
    { name: `alerts: evaluateHealth alone, ${SUBACCOUNTS} subaccounts`, value: healthMs, unit: 'ms (median)', note: ratio(healthMs) },
    withBudget(
      { name: `alerts peer: parse /subaccounts body (${(body.length / 1024).toFixed(0)} KiB), the client's task before the snapshot is accepted`, value: parseMs, unit: 'ms (median)' },
      50,
    ),
    { name: 'alerts peer: JSON.stringify of the snapshot', value: stringifyMs, unit: 'ms (median)' },
  ];
}

if (import.meta.main) console.table(await run());
