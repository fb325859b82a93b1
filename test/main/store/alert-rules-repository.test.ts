import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../../src-shared/alert-model.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

describe('AlertRulesRepository', () => {
  it('gives the defaults to a profile never configured', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    expect(store.alertRules.get('p')).toEqual(DEFAULT_ALERT_RULES);
  });

  it('stores rules per profile, overrides and quiet hours included', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    store.profiles.insert(buildProfile('q'));
    const rules: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      warnBelowPct: 400,
      quietHours: { from: '22:00', to: '07:00' },
      subaccountOverrides: { 'uid-1': { criticalBelowPct: 200 } },
    };
    expect(store.alertRules.set('p', rules)).toEqual(rules);
    expect(store.alertRules.get('p')).toEqual(rules);
    expect(store.alertRules.get('q')).toEqual(DEFAULT_ALERT_RULES);
  });

  it('fills fields missing from a stored record (written before they existed) with their defaults', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const db = new Sqlite(store.path);
    db.prepare("INSERT INTO alert_rules (profile_id, rules) VALUES ('p', ?)").run(JSON.stringify({ warnBelowPct: 250, enabled: false }));
    db.close();
    expect(store.alertRules.get('p')).toEqual({ ...DEFAULT_ALERT_RULES, warnBelowPct: 250, enabled: false });
  });
});
