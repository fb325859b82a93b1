import { describe, expect, it } from 'vitest';
import { ALERT_LOG_MAX_ROWS, type NewAlertRecord } from '../../../src-main/store/alert-log-repository.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

function alert(profileId: string, raisedAt: number, overrides: Partial<NewAlertRecord> = {}): NewAlertRecord {
  return {
    profileId,
    profileName: 'Main',
    accountKey: 'flex',
    accountLabel: 'Flex',
    level: 'critical',
    title: '[Main] Margin level 142 % - critical',
    body: 'Margin equity 14,200 USD, maintenance margin 10,000 USD.',
    raisedAt,
    notified: true,
    ...overrides,
  };
}

describe('AlertLogRepository', () => {
  it('append assigns an id and returns the record, unacknowledged', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const record = store.alertLog.append(alert('p', 1_000, { notified: false, level: 'interrupted' }));
    expect(record).toEqual({ ...alert('p', 1_000, { notified: false, level: 'interrupted' }), id: expect.any(Number), acknowledgedAt: null });
    expect(store.alertLog.list({ limit: 10 })).toEqual([record]);
  });

  it('lists newest first, for one profile or all, up to the limit', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    store.profiles.insert(buildProfile('q'));
    const first = store.alertLog.append(alert('p', 1_000));
    const second = store.alertLog.append(alert('q', 2_000));
    const sameTime = store.alertLog.append(alert('p', 2_000, { level: 'liquidation' }));
    expect(store.alertLog.list({ limit: 10 })).toEqual([sameTime, second, first]);
    expect(store.alertLog.list({ limit: 2 })).toEqual([sameTime, second]);
    expect(store.alertLog.list({ profileId: 'p', limit: 10 })).toEqual([sameTime, first]);
    expect(() => store.alertLog.list({ limit: 0 })).toThrow(RangeError);
  });

  it('acknowledge keeps the first acknowledgement; an unknown id gives null', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const record = store.alertLog.append(alert('p', 1_000));
    expect(store.alertLog.acknowledge(record.id, 5_000)).toEqual({ ...record, acknowledgedAt: 5_000 });
    expect(store.alertLog.acknowledge(record.id, 9_000)).toEqual({ ...record, acknowledgedAt: 5_000 });
    expect(store.alertLog.list({ limit: 1 })[0]?.acknowledgedAt).toBe(5_000);
    expect(store.alertLog.acknowledge(record.id + 100, 9_000)).toBeNull();
  });

  it('prune keeps the alerts of the last 90 days, at most the newest 10,000 of them', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const day = 86_400_000;
    const now = 400 * day;
    store.alertLog.append(alert('p', now - 91 * day));
    const kept = store.alertLog.append(alert('p', now - 89 * day));
    expect(store.alertLog.prune(now)).toBe(1);
    expect(store.alertLog.list({ limit: 10 })).toEqual([kept]);

    for (let i = 0; i < ALERT_LOG_MAX_ROWS + 5; i++) store.alertLog.append(alert('p', now - day + i));
    expect(store.alertLog.prune(now)).toBe(6);
    const newest = store.alertLog.list({ limit: ALERT_LOG_MAX_ROWS + 10 });
    expect(newest).toHaveLength(ALERT_LOG_MAX_ROWS);
    expect(newest.at(-1)!.raisedAt).toBe(now - day + 5);
  });
});
