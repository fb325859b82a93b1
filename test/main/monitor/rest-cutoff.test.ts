import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorFromBody, errorFromHttpStatus, errorFromKrakenCode } from '../../../src-main/kraken/errors.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { RefreshScheduler } from '../../../src-main/monitor/refresh-scheduler.ts';
import { meansSwitchedOff, REST_NOTICE_FROM, REST_SWITCH_OFF_AT, restCutoffNotice } from '../../../src-main/monitor/rest-cutoff.ts';

const BEFORE = Date.UTC(2026, 11, 6);
const restKey = { kind: 'kraken', source: 'rest' } as const;

describe('the Derivatives REST switch-off', () => {
  it('is a 404 or 410 without a Kraken error code, whatever the body', () => {
    expect(meansSwitchedOff(errorFromHttpStatus(404, null), BEFORE)).toBe(true);
    expect(meansSwitchedOff(errorFromHttpStatus(410, null), BEFORE)).toBe(true);
    expect(meansSwitchedOff(errorFromBody('htmlBody', 410), BEFORE)).toBe(true);
    // Kraken's own "notFound" answer comes from a living API.
    expect(meansSwitchedOff(errorFromKrakenCode('notFound', 404), BEFORE)).toBe(false);
    expect(meansSwitchedOff(errorFromHttpStatus(503, null), BEFORE)).toBe(false);
    expect(meansSwitchedOff(new Error('boom'), REST_SWITCH_OFF_AT)).toBe(false);
  });

  it('from 2027-03-01 is also any failure to reach or read the API', () => {
    expect(meansSwitchedOff(errorFromHttpStatus(503, null), REST_SWITCH_OFF_AT - 1)).toBe(false);
    expect(meansSwitchedOff(errorFromHttpStatus(503, null), REST_SWITCH_OFF_AT)).toBe(true);
    expect(meansSwitchedOff(errorFromBody('htmlBody', 200), REST_SWITCH_OFF_AT)).toBe(true);
    // A refused key is still the user's key problem, not the switch-off.
    expect(meansSwitchedOff(errorFromKrakenCode('authenticationError', 200), REST_SWITCH_OFF_AT)).toBe(false);
  });

  it('gives REST key profiles a notice from 2027-02-01 and the switched-off text when it happened', () => {
    expect(restCutoffNotice(restKey, false, REST_NOTICE_FROM - 1)).toBeNull();
    expect(restCutoffNotice(restKey, false, REST_NOTICE_FROM)).toMatchObject({ stage: 'notice', title: expect.stringMatching(/1 March 2027/) });
    expect(restCutoffNotice(restKey, true, BEFORE)).toMatchObject({ stage: 'switchedOff', title: 'Kraken switched this API off' });
    expect(restCutoffNotice(restKey, true, BEFORE)?.steps).toEqual([
      expect.stringMatching(/pro\.kraken\.com.*WebSocket/),
      expect.stringMatching(/Switch to a Kraken API key/),
      expect.stringMatching(/history and alert rules/),
    ]);
    expect(restCutoffNotice({ kind: 'kraken', source: 'uws' }, true, REST_SWITCH_OFF_AT)).toBeNull();
    expect(restCutoffNotice({ kind: 'sample', source: 'rest' }, false, REST_SWITCH_OFF_AT)).toBeNull();
  });
});

describe('the refresh scheduler after the switch-off', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function run(now: number, failure: Error) {
    vi.setSystemTime(now);
    const snapshot = { profileId: 'a', fetchedAt: now, serverTime: null, accounts: { cash: null, marginWallets: [], flex: null, unknown: [], serverTime: null }, subaccounts: null, positions: [], markPrices: {} };
    let calls = 0;
    const scheduler = new RefreshScheduler({
      refresh: async () => {
        calls += 1;
        if (calls === 1) return snapshot;
        throw failure;
      },
      onSnapshot: () => undefined,
      onStatus: () => undefined,
      logger: createLogger({ filePath: null }),
      random: () => 0.5,
    });
    scheduler.setProfiles([{ id: 'a', activeIntervalMs: 15_000, active: true, hasAlerts: false, lastSuccessAt: null }]);
    return scheduler;
  }

  it('says "switched off" at the first gone answer, not offline, and keeps the last figures', async () => {
    const scheduler = run(BEFORE, errorFromHttpStatus(410, null));
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.status('a')?.state).toBe('live');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(scheduler.status('a')).toMatchObject({ state: 'switchedOff', lastSuccessAt: BEFORE, lastError: { kind: 'httpUnexpectedStatus' } });
    scheduler.dispose();
  });

  it('says "switched off" instead of offline for an outage after 2027-03-01', async () => {
    const scheduler = run(REST_SWITCH_OFF_AT + 3_600_000, errorFromHttpStatus(503, null));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(scheduler.status('a')?.state).toBe('switchedOff');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(scheduler.status('a')?.state).toBe('switchedOff');
    scheduler.dispose();
  });
});
