import { staleLimitMs } from '../../../src-shared/staleness.ts';
import { describe, expect, it } from 'vitest';
import {
  type AlertDraft,
  type AlertEngineOptions,
  type AlertEngineState,
  type AlertEvent,
  type AlertProfileSetup,
  initialAlertState,
  profileAlertStatus,
  stepAlerts,
} from '../../../src-main/monitor/alert-engine.ts';
import { type AlertRules, DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import type { HealthFigure } from '../../../src-shared/health-model.ts';
import { flexAt, flexWithoutMargin, reportOf, subAt } from './health-fixtures.ts';

const MINUTE = 60_000;
/** Monday 5 January 2026, 12:00 UTC. */
const NOON = Date.UTC(2026, 0, 5, 12, 0);
/** Quiet hours are local time; the tests pin "local" to UTC. */
const UTC: AlertEngineOptions = { minuteOfDay: (now) => Math.floor(now / MINUTE) % (24 * 60) };

function setup(rules: Partial<AlertRules> = {}, profileId = 'main', profileName = 'Main'): AlertProfileSetup {
  return { profileId, profileName, rules: { ...DEFAULT_ALERT_RULES, ...rules }, refreshSeconds: 30 };
}

/** Drives the engine like the app does: one event at a time, time moving forward. */
class Session {
  state: AlertEngineState = initialAlertState();
  now: number;
  nextCheckAt: number | null = null;
  readonly log: AlertDraft[] = [];

  constructor(rules: Partial<AlertRules> = {}, start = NOON) {
    this.now = start;
    this.send({ kind: 'configure', profile: setup(rules) });
  }

  send(event: AlertEvent): AlertDraft[] {
    const step = stepAlerts(this.state, event, this.now, UTC);
    this.state = step.state;
    this.nextCheckAt = step.nextCheckAt;
    this.log.push(...step.alerts);
    return [...step.alerts];
  }

  /** Moves the clock to `minutes` after the start of the session's day-part (NOON unless given). */
  at(minutes: number, start = NOON): this {
    this.now = start + minutes * MINUTE;
    return this;
  }

  health(...figures: HealthFigure[]): AlertDraft[] {
    return this.send({ kind: 'health', profileId: 'main', report: reportOf(...figures), fetchedAt: this.now });
  }

  tick(): AlertDraft[] {
    return this.send({ kind: 'tick' });
  }

  titles(alerts: readonly AlertDraft[] = this.log): string[] {
    return alerts.map((alert) => alert.title);
  }
}

describe('levels, hysteresis and escalation', () => {
  it('a ratio flapping around 300 % gives one warning; it clears only at 310 %, and a new fall warns again', () => {
    const s = new Session();
    for (const [minute, pct] of [[0, '295'], [1, '305'], [2, '298'], [3, '309.99'], [4, '296']] as const) s.at(minute).health(flexAt(pct));
    expect(s.titles()).toEqual(['[Main] Margin level 295 % - warning']);

    expect(profileAlertStatus(s.state, 'main', s.now).level).toBe('warn');
    s.at(5).health(flexAt('310'));
    expect(s.log).toHaveLength(1);
    expect(profileAlertStatus(s.state, 'main', s.now).level).toBeNull();
    s.at(6).health(flexAt('299'));
    expect(s.titles()).toEqual(['[Main] Margin level 295 % - warning', '[Main] Margin level 299 % - warning']);
  });

  it('escalates warn → critical → liquidation imminent with one alert each, never alerts on the way up', () => {
    const s = new Session();
    s.at(0).health(flexAt('280'));
    s.at(1).health(flexAt('140'));
    s.at(2).health(flexAt('105'));
    s.at(3).health(flexAt('140')); // 140 ≥ 110 + 10: liquidation clears, still critical
    s.at(4).health(flexAt('250')); // ≥ 150 + 10: critical clears, still a warning
    expect(s.titles()).toEqual([
      '[Main] Margin level 280 % - warning',
      '[Main] Margin level 140 % - critical',
      '[Main] Margin level 105 % - liquidation imminent',
    ]);
    s.at(5).health(flexAt('145'));
    expect(s.titles().at(-1)).toBe('[Main] Margin level 145 % - critical');
    expect(s.log.map((alert) => alert.level)).toEqual(['warn', 'critical', 'liquidation', 'critical']);
  });

  it('critical holds until 160 %, then a new fall below 150 % is a new critical alert', () => {
    const s = new Session();
    s.at(0).health(flexAt('140'));
    s.at(1).health(flexAt('155'));
    s.at(2).health(flexAt('159.99'));
    s.at(3).health(flexAt('149'));
    expect(s.log).toHaveLength(1);
    s.at(4).health(flexAt('160'));
    s.at(5).health(flexAt('149'));
    expect(s.titles()).toEqual(['[Main] Margin level 140 % - critical', '[Main] Margin level 149 % - critical']);
  });

  it('first data at a healthy level or without margin raises nothing', () => {
    const s = new Session();
    expect(s.at(0).health(flexAt('300'))).toEqual([]);
    expect(s.at(1).health(flexWithoutMargin())).toEqual([]);
  });

  it('an account that closes its position is cleared at once and alerts again when margin is back at risk', () => {
    const s = new Session();
    s.at(0).health(flexAt('140'));
    s.at(1).health(flexWithoutMargin());
    s.at(2).health(flexAt('140'));
    expect(s.log).toHaveLength(2);
  });

  it('initial margin breached: alerts above a warning, clears with hysteresis on equity / initial margin', () => {
    const s = new Session();
    s.at(0).health(flexAt('250', { initialMargin: '260' }));
    s.at(1).health(flexAt('270', { initialMargin: '260' })); // 103.8 % of IM: still breached (clears at 110 %)
    s.at(2).health(flexAt('255', { initialMargin: '260' }));
    expect(s.titles()).toEqual(['[Main] Margin level 250 % - initial margin breached']);
    s.at(3).health(flexAt('290', { initialMargin: '260' })); // 111.5 %: cleared, still a warning
    s.at(4).health(flexAt('255', { initialMargin: '260' }));
    expect(s.log.map((alert) => alert.level)).toEqual(['imBreached', 'imBreached']);
  });

  it('initial-margin alerts can be switched off', () => {
    const s = new Session({ alertOnInitialMarginBreach: false });
    s.at(0).health(flexAt('250', { initialMargin: '260' }));
    expect(s.log.map((alert) => alert.level)).toEqual(['warn']);
  });

  it('subaccounts inherit the thresholds, overrides apply per subaccount, titles carry the profile and the subaccount label', () => {
    const s = new Session({ subaccountOverrides: { b: { warnBelowPct: 500 } } });
    s.at(0).health(flexAt('900'), subAt('a', 'Alpha', '400'), subAt('b', 'Beta', '400'), subAt('c', 'Gamma', '280'));
    expect(s.log.map((alert) => [alert.accountKey, alert.accountLabel, alert.title])).toEqual([
      ['sub:b', 'Beta', '[Main · Beta] Margin level 400 % - warning'],
      ['sub:c', 'Gamma', '[Main · Gamma] Margin level 280 % - warning'],
    ]);
  });

  it('new rules apply from the next data', () => {
    const s = new Session();
    s.at(0).health(flexAt('350'));
    s.send({ kind: 'configure', profile: setup({ warnBelowPct: 400 }) });
    s.at(1).health(flexAt('350'));
    expect(s.titles()).toEqual(['[Main] Margin level 350 % - warning']);
  });

  it('a profile with alerts switched off raises nothing, not even "monitoring interrupted"', () => {
    const s = new Session({ enabled: false });
    s.at(0).health(flexAt('105'));
    s.at(60).tick();
    expect(s.log).toEqual([]);
    expect(s.nextCheckAt).toBeNull();
  });

  it('health of a profile the engine was not told about, or has removed, is ignored', () => {
    const s = new Session();
    s.send({ kind: 'remove', profileId: 'main' });
    expect(s.at(0).health(flexAt('105'))).toEqual([]);
    expect(s.state.profiles).toEqual({});
  });
});

describe('alert text', () => {
  it('titles and bodies from exact decimals, with the buffer and what to do', () => {
    const s = new Session();
    const [alert] = s.at(0).health(flexAt('142.999999'));
    expect(alert).toEqual({
      profileId: 'main',
      profileName: 'Main',
      accountKey: 'flex',
      accountLabel: 'Flex',
      level: 'critical',
      title: '[Main] Margin level 142 % - critical',
      body: [
        'Margin equity is 43.00 USD above maintenance margin.',
        'Add collateral or reduce positions now.',
        'Margin Desk has just started: this may have been the case for a while.',
      ].join('\n'),
      raisedAt: NOON,
      notified: true,
    });
  });

  it('negative equity: the buffer is below maintenance margin', () => {
    const [alert] = new Session().at(0).health(flexAt('-1234.5'));
    expect(alert!.title).toBe('[Main] Margin level -1,235 % - liquidation imminent');
    expect(alert!.body.split('\n')[0]).toBe('Margin equity is 1,334.50 USD below maintenance margin: liquidation has started.');
  });
});

describe('start-up', () => {
  it('every account already at warn or worse alerts once, saying the app just started', () => {
    const s = new Session();
    s.at(0).health(flexAt('280'), subAt('a', 'Alpha', '140'), subAt('b', 'Beta', '900'));
    expect(s.log.map((alert) => alert.title)).toEqual(['[Main · Alpha] Margin level 140 % - critical', '[Main] Margin level 280 % - warning']);
    expect(s.log.every((alert) => alert.body.includes('Margin Desk has just started'))).toBe(true);
    s.at(1).health(flexAt('280'), subAt('a', 'Alpha', '140'), subAt('b', 'Beta', '280'));
    expect(s.log).toHaveLength(3);
    expect(s.log[2]!.body).not.toContain('just started');
  });

  it('a restarted engine (empty state) alerts again for the same levels', () => {
    const first = new Session();
    first.at(0).health(flexAt('280'));
    const second = new Session();
    second.at(5).health(flexAt('280'));
    expect(second.titles()).toEqual(['[Main] Margin level 280 % - warning']);
  });
});

describe('repeats while critical', () => {
  const rules = { repeatCriticalMinutes: 15, staleAfterMinutes: 120 };

  it('repeats every interval while critical, on fresh data and on ticks', () => {
    const s = new Session(rules);
    s.at(0).health(flexAt('140'));
    expect(s.nextCheckAt).toBe(NOON + 15 * MINUTE);
    s.at(14).health(flexAt('140'));
    s.at(15).health(flexAt('141'));
    s.at(20).tick();
    s.at(30).tick();
    expect(s.titles()).toEqual([
      '[Main] Margin level 140 % - critical',
      '[Main] Margin level 141 % - still critical',
      '[Main] Margin level 141 % - still critical',
    ]);
    expect(s.log.map((alert) => alert.raisedAt)).toEqual([NOON, NOON + 15 * MINUTE, NOON + 30 * MINUTE]);
  });

  it('liquidation imminent repeats too, warnings never do, and 0 switches repeats off', () => {
    const s = new Session(rules);
    s.at(0).health(flexAt('105'), subAt('a', 'Alpha', '280'));
    s.at(15).tick();
    expect(s.titles().slice(2)).toEqual(['[Main] Margin level 105 % - liquidation still imminent']);

    const off = new Session({ ...rules, repeatCriticalMinutes: 0 });
    off.at(0).health(flexAt('105'));
    off.at(60).tick();
    expect(off.log).toHaveLength(1);
  });

  it('no "still critical" about data that stopped coming', () => {
    const s = new Session({ repeatCriticalMinutes: 15 });
    s.at(0).health(flexAt('140'));
    s.at(2).tick(); // 2 × 30 s + 60 s without data
    s.at(15).tick();
    s.at(30).tick();
    expect(s.log.map((alert) => alert.level)).toEqual(['critical', 'interrupted']);
  });
});

describe('snooze', () => {
  it('keeps alerts off the desktop but in the log, except liquidation imminent; repeats wait for its end', () => {
    const s = new Session({ repeatCriticalMinutes: 15, staleAfterMinutes: 120 });
    s.send({ kind: 'snooze', profileId: 'main', until: NOON + 60 * MINUTE });
    expect(profileAlertStatus(s.state, 'main', s.now)).toEqual({ interrupted: false, snoozedUntil: NOON + 60 * MINUTE, level: null });

    s.at(0).health(flexAt('280'));
    s.at(1).health(flexAt('140'));
    s.at(16).health(flexAt('140')); // repeat due, but snoozed: not raised at all
    expect(s.log.map((alert) => [alert.level, alert.notified])).toEqual([
      ['warn', false],
      ['critical', false],
    ]);
    expect(s.nextCheckAt).toBe(NOON + 60 * MINUTE);

    s.at(60).tick();
    expect(s.log.slice(2).map((alert) => [alert.title, alert.notified])).toEqual([['[Main] Margin level 140 % - still critical', true]]);
    expect(profileAlertStatus(s.state, 'main', s.now).snoozedUntil).toBeNull();
  });

  it('never silences liquidation imminent', () => {
    const s = new Session();
    s.send({ kind: 'snooze', profileId: 'main', until: NOON + 60 * MINUTE });
    s.at(0).health(flexAt('105'));
    expect(s.log.map((alert) => [alert.level, alert.notified])).toEqual([['liquidation', true]]);
  });

  it('a snooze can be ended early', () => {
    const s = new Session();
    s.send({ kind: 'snooze', profileId: 'main', until: NOON + 60 * MINUTE });
    s.send({ kind: 'snooze', profileId: 'main', until: null });
    s.at(0).health(flexAt('280'));
    expect(s.log[0]!.notified).toBe(true);
  });

  it('is per profile', () => {
    const s = new Session();
    s.send({ kind: 'configure', profile: setup({}, 'other', 'Other') });
    s.send({ kind: 'snooze', profileId: 'main', until: NOON + 60 * MINUTE });
    s.at(0).health(flexAt('280'));
    s.send({ kind: 'health', profileId: 'other', report: reportOf(flexAt('280')), fetchedAt: s.now });
    expect(s.log.map((alert) => [alert.title, alert.notified])).toEqual([
      ['[Main] Margin level 280 % - warning', false],
      ['[Other] Margin level 280 % - warning', true],
    ]);
  });
});

describe('quiet hours', () => {
  const NIGHT = Date.UTC(2026, 0, 5, 23, 0);
  const rules = { quietHours: { from: '22:00', to: '07:00' }, staleAfterMinutes: 24 * 60 };

  it('silence warnings, never critical or worse', () => {
    const s = new Session(rules, NIGHT);
    s.at(0, NIGHT).health(flexAt('280'), subAt('a', 'Alpha', '250'));
    s.at(1, NIGHT).health(flexAt('140'), subAt('a', 'Alpha', '250'));
    s.at(2, NIGHT).health(flexAt('105'), subAt('a', 'Alpha', '250'));
    expect(s.log.map((alert) => [alert.level, alert.accountKey, alert.notified])).toEqual([
      ['warn', 'flex', false],
      ['warn', 'sub:a', false],
      ['critical', 'flex', true],
      ['liquidation', 'flex', true],
    ]);
  });

  it('wrap midnight and end at their "to" minute', () => {
    const early = Date.UTC(2026, 0, 6, 6, 59);
    const s = new Session(rules, early);
    s.at(0, early).health(flexAt('280'));
    const later = Date.UTC(2026, 0, 6, 7, 0);
    s.at(0, later).health(subAt('a', 'Alpha', '280'));
    expect(s.log.map((alert) => alert.notified)).toEqual([false, true]);
  });

  it('"monitoring interrupted" gets through when the last data was critical', () => {
    const calm = new Session({ ...rules, staleAfterMinutes: 5 }, NIGHT);
    calm.at(0, NIGHT).health(flexAt('280'));
    calm.at(5, NIGHT).tick();
    const tense = new Session({ ...rules, staleAfterMinutes: 5 }, NIGHT);
    tense.at(0, NIGHT).health(flexAt('140'));
    tense.at(5, NIGHT).tick();
    expect(calm.log.map((alert) => [alert.level, alert.notified])).toEqual([['warn', false], ['interrupted', false]]);
    expect(tense.log.map((alert) => [alert.level, alert.notified])).toEqual([['critical', true], ['interrupted', true]]);
  });
});

describe('rate cap', () => {
  it('notifies at most N per rolling minute, worst first; the rest are logged with notified=false', () => {
    const s = new Session({ maxNotificationsPerMinute: 6 });
    const subs = Array.from({ length: 10 }, (_, i) => subAt(`s${i}`, `Sub ${i}`, '280'));
    s.at(0).health(flexAt('140'), subAt('x', 'X', '105'), ...subs);
    expect(s.log).toHaveLength(12);
    expect(s.log.slice(0, 2).map((alert) => [alert.level, alert.notified])).toEqual([
      ['liquidation', true],
      ['critical', true],
    ]);
    expect(s.log.filter((alert) => alert.notified)).toHaveLength(6);
    expect(s.log.slice(6).every((alert) => alert.level === 'warn' && !alert.notified)).toBe(true);

    s.now = NOON + 30_000;
    s.health(flexAt('140'), subAt('x', 'X', '105'), ...subs, subAt('y', 'Y', '280'));
    expect(s.log.at(-1)).toMatchObject({ accountKey: 'sub:y', notified: false });
    s.now = NOON + 60_000;
    s.health(flexAt('140'), subAt('x', 'X', '105'), ...subs, subAt('y', 'Y', '280'), subAt('z', 'Z', '280'));
    expect(s.log.at(-1)).toMatchObject({ accountKey: 'sub:z', notified: true });
  });
});

describe('staleness guard', () => {
  it('no fresh data for the stale limit raises "monitoring interrupted" once; fresh data clears it', () => {
    const s = new Session(); // refresh every 30 s: three missed refreshes, 90 s, as the screen dims them
    expect(s.nextCheckAt).toBe(NOON + staleLimitMs(30_000));
    expect(staleLimitMs(30_000)).toBe(90_000);
    s.now = NOON + 90_000 - 1;
    expect(s.tick()).toEqual([]);
    s.at(2).tick();
    s.at(5).tick();
    expect(s.log).toEqual([
      {
        profileId: 'main',
        profileName: 'Main',
        accountKey: 'profile',
        accountLabel: 'Main',
        level: 'interrupted',
        title: '[Main] Monitoring interrupted',
        body: 'No fresh data for 2 minutes.\nMargin is not being watched: check the network connection and the API key in Margin Desk.',
        raisedAt: NOON + 2 * MINUTE,
        notified: true,
      },
    ]);
    expect(profileAlertStatus(s.state, 'main', s.now).interrupted).toBe(true);
    expect(s.nextCheckAt).toBeNull();

    s.at(6).health(flexAt('900'));
    expect(s.log).toHaveLength(1);
    expect(profileAlertStatus(s.state, 'main', s.now).interrupted).toBe(false);
    s.at(8).tick();
    expect(s.log.map((alert) => alert.level)).toEqual(['interrupted', 'interrupted']);
  });

  it('quotes the last known margin level', () => {
    const s = new Session();
    s.at(0).health(flexAt('140'));
    s.at(3).tick();
    expect(s.log[1]!.body).toBe(
      'No fresh data for 3 minutes.\nLast known margin level: 140 % (Flex).\nMargin is not being watched: check the network connection and the API key in Margin Desk.',
    );
  });

  it('follows the profile setting when there is one', () => {
    const s = new Session({ staleAfterMinutes: 10 });
    s.at(9).tick();
    expect(s.log).toEqual([]);
    s.at(10).tick();
    expect(s.titles()).toEqual(['[Main] Monitoring interrupted']);
  });

  it('old (cached) data neither alerts nor counts as fresh', () => {
    const s = new Session();
    s.send({ kind: 'health', profileId: 'main', report: reportOf(flexAt('105')), fetchedAt: NOON - 60 * MINUTE });
    expect(s.log).toEqual([]);
    s.at(2).tick();
    expect(s.titles()).toEqual(['[Main] Monitoring interrupted']);
  });

  it('after sleep, staleness counts from the wake-up', () => {
    const s = new Session();
    s.at(0).health(flexAt('900'));
    s.at(60).send({ kind: 'resumed' });
    s.at(61).tick();
    expect(s.log).toEqual([]);
    s.at(62).tick();
    expect(s.titles()).toEqual(['[Main] Monitoring interrupted']);
  });
});
