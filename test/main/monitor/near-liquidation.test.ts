/**
 * The distance alert ("mark price within X % of the liquidation price") through the alert engine:
 * raised once when a position comes within X %, held with hysteresis (cleared at X × 1.1 with the
 * default 10 % hysteresis), silenced by snooze and quiet hours like any warning, and its text.
 */
import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src-shared/decimal.ts';
import { initialAlertState, stepAlerts, type AlertEngineState, type AlertStep } from '../../../src-main/monitor/alert-engine.ts';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../src-shared/alert-model.ts';
import type { PositionRisk } from '../../../src-shared/risk-model.ts';

const NOON = Date.UTC(2026, 0, 5, 12, 0);
const UTC = { minuteOfDay: (now: number) => Math.floor(now / 60_000) % 1440 };
const EMPTY_REPORT = { worst: null, figures: [] };

/** A long PF_XBTUSD at mark 60,000 whose estimated liquidation price is `movePct` % away. */
function position(movePct: string, extra: Partial<PositionRisk> = {}): PositionRisk {
  const price = toDecimal((60000 * (1 + Number(movePct) / 100)).toFixed(2));
  return {
    symbol: 'pf_xbtusd',
    side: 'long',
    size: toDecimal('1'),
    entryPrice: toDecimal('60000'),
    markPrice: toDecimal('60000'),
    contract: 'linear',
    accountKey: 'flex',
    pnl: toDecimal('0'),
    pnlCurrency: 'USD',
    unrealizedFunding: null,
    notional: toDecimal('60000'),
    notionalCurrency: 'USD',
    leverage: toDecimal('6'),
    liquidation: { source: 'estimate', price, movePct: toDecimal(movePct), pastLiquidation: false },
    ...extra,
  };
}

function run(rules: Partial<AlertRules>, steps: readonly { readonly at: number; readonly positions: readonly PositionRisk[] }[], snoozeUntil?: number): AlertStep[] {
  let state: AlertEngineState = stepAlerts(
    initialAlertState(),
    { kind: 'configure', profile: { profileId: 'p', profileName: 'Main', rules: { ...DEFAULT_ALERT_RULES, ...rules }, refreshSeconds: 30 } },
    NOON,
    UTC,
  ).state;
  if (snoozeUntil !== undefined) state = stepAlerts(state, { kind: 'snooze', profileId: 'p', until: snoozeUntil }, NOON, UTC).state;
  return steps.map(({ at, positions }) => {
    const step = stepAlerts(state, { kind: 'health', profileId: 'p', report: EMPTY_REPORT, fetchedAt: at, positions }, at, UTC);
    state = step.state;
    return step;
  });
}

const minutes = (n: number) => NOON + n * 60_000;

describe('distance to liquidation alert', () => {
  it('raises once within 10 %, holds until 11 % (hysteresis), raises again after clearing', () => {
    const steps = run({ nearLiquidationPct: 10, hysteresisPct: 10 }, [
      { at: minutes(0), positions: [position('-12')] },
      { at: minutes(1), positions: [position('-9.5')] },
      { at: minutes(2), positions: [position('-9')] },
      { at: minutes(3), positions: [position('-10.5')] },
      { at: minutes(4), positions: [position('-9.8')] },
      { at: minutes(5), positions: [position('-11.5')] },
      { at: minutes(6), positions: [position('-8')] },
    ]);
    expect(steps.map((step) => step.alerts.length)).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const alert = steps[1]?.alerts[0];
    expect(alert).toMatchObject({
      level: 'warn',
      accountKey: 'position:flex:pf_xbtusd',
      accountLabel: 'PF_XBTUSD',
      notified: true,
      title: '[Main] PF_XBTUSD 9.5 % from liquidation',
    });
    expect(alert?.body).toBe(
      'Estimated liquidation price (Margin Desk) 54,300: the mark price (60,000) must fall 9.5 %, within your 10 % limit.\n' +
        'Consider adding collateral or reducing positions.',
    );
  });

  it("names Kraken's own liquidation price, and a position already past it", () => {
    const exchange = position('5', { side: 'short', liquidation: { source: 'exchange', price: toDecimal('63000'), movePct: toDecimal('5') } });
    const past = position('3', { symbol: 'pf_ethusd', liquidation: { source: 'estimate', price: toDecimal('61800'), movePct: toDecimal('3'), pastLiquidation: true } });
    const [step] = run({ nearLiquidationPct: 10 }, [{ at: minutes(0), positions: [exchange, past] }]);
    expect(step?.alerts.map((alert) => alert.title).sort()).toEqual(['[Main] PF_ETHUSD past its liquidation price', '[Main] PF_XBTUSD 5 % from liquidation']);
    expect(step?.alerts.find((alert) => alert.title.includes('XBT'))?.body).toContain("Kraken's estimated liquidation price 63,000: the mark price (60,000) must rise 5 %");
  });

  it('is logged but kept off the desktop while snoozed and in quiet hours', () => {
    const [snoozed] = run({ nearLiquidationPct: 10 }, [{ at: minutes(0), positions: [position('-5')] }], minutes(30));
    expect(snoozed?.alerts.map((alert) => alert.notified)).toEqual([false]);
    const [quiet] = run({ nearLiquidationPct: 10, quietHours: { from: '11:00', to: '13:00' } }, [{ at: minutes(0), positions: [position('-5')] }]);
    expect(quiet?.alerts.map((alert) => alert.notified)).toEqual([false]);
  });

  it('off by default and when the limit is null; no estimate, no alert', () => {
    expect(DEFAULT_ALERT_RULES.nearLiquidationPct).toBeNull();
    const off = run({ nearLiquidationPct: null }, [{ at: minutes(0), positions: [position('-1')] }]);
    expect(off[0]?.alerts).toEqual([]);
    const none = run({ nearLiquidationPct: 10 }, [{ at: minutes(0), positions: [position('-1', { liquidation: { source: 'none', reason: 'No mark price.' } })] }]);
    expect(none[0]?.alerts).toEqual([]);
  });
});
