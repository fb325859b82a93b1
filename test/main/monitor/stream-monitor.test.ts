import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountStream, AccountStreamListener } from '../../../src-main/kraken/account-stream.ts';
import { spotError } from '../../../src-main/kraken/uws/spot-errors.ts';
import { uwsConnectionClosed } from '../../../src-main/kraken/uws/uws-errors.ts';
import type { AccountSnapshot } from '../../../src-shared/account-model.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import type { ProfileStatus } from '../../../src-shared/profile-status.ts';
import { StreamMonitor } from '../../../src-main/monitor/stream-monitor.ts';

/** A stream the test drives: `figures` is what current() answers, `listener` what the monitor listens with. */
class ScriptedStream implements AccountStream {
  listener: AccountStreamListener | null = null;
  ready = false;
  current = 0;
  calls: string[] = [];

  open(profileId: string, listener: AccountStreamListener) {
    this.listener = listener;
    return {
      current: (): AccountSnapshot | null => {
        this.current += 1;
        if (!this.ready) return null;
        return { profileId, fetchedAt: Date.now(), serverTime: null, accounts: { cash: null, marginWallets: [], flex: null, unknown: [], serverTime: null }, subaccounts: null, positions: [], markPrices: {} };
      },
      suspend: () => this.calls.push('suspend'),
      resume: () => this.calls.push('resume'),
      networkChanged: () => this.calls.push('networkChanged'),
      close: () => this.calls.push('close'),
    };
  }
}

function harness() {
  const stream = new ScriptedStream();
  const snapshots: AccountSnapshot[] = [];
  const statuses: ProfileStatus[] = [];
  const confirmed: number[] = [];
  const monitor = new StreamMonitor({
    stream,
    onSnapshot: (snapshot) => snapshots.push(snapshot),
    onConfirmed: (_id, at) => confirmed.push(at),
    onStatus: (status) => statuses.push(status),
    logger: createLogger({ filePath: null }),
  });
  monitor.setProfiles([{ id: 'p', address: 'wss://a', lastSuccessAt: null }]);
  return { stream, monitor, snapshots, statuses, confirmed, state: () => monitor.status('p')?.state };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('stream monitor', () => {
  it('shows nothing until every channel delivered its state, then passes the first change on at once', () => {
    const { stream, snapshots, state } = harness();
    expect(state()).toBe('refreshing');
    stream.listener!.changed();
    expect(snapshots).toHaveLength(0);
    stream.ready = true;
    vi.advanceTimersByTime(100);
    stream.listener!.changed();
    expect(snapshots).toHaveLength(1);
    expect(state()).toBe('live');
  });

  it('coalesces a burst into one snapshot per window with the newest figures, never more than one window late', () => {
    const { stream, snapshots } = harness();
    stream.ready = true;
    stream.listener!.changed();
    expect(snapshots).toHaveLength(1);
    for (let i = 0; i < 500; i += 1) stream.listener!.changed();
    expect(snapshots).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(snapshots).toHaveLength(2);
    for (let i = 0; i < 10; i += 1) {
      for (let j = 0; j < 50; j += 1) stream.listener!.changed();
      vi.advanceTimersByTime(100);
    }
    // 501 + 500 changes: 12 snapshots, each built once (current() is asked once per snapshot, not per message).
    expect(snapshots).toHaveLength(12);
    expect(stream.current).toBe(12);
  });

  it('heartbeats keep a quiet stream live and confirm it every few seconds; silence makes it stale, then offline', () => {
    const { stream, state, confirmed, statuses } = harness();
    stream.ready = true;
    stream.listener!.changed();
    for (let second = 1; second <= 20; second += 1) {
      vi.advanceTimersByTime(1_000);
      stream.listener!.alive(Date.now());
    }
    expect(state()).toBe('live');
    expect(confirmed).toHaveLength(4);
    const published = statuses.length;
    // Kraken goes quiet: no message and no heartbeat.
    vi.advanceTimersByTime(14_000);
    expect(state()).toBe('live');
    vi.advanceTimersByTime(1_000);
    expect(state()).toBe('stale');
    vi.advanceTimersByTime(45_000);
    expect(state()).toBe('offline');
    expect(statuses.length).toBe(published + 2);
    // The connection comes back and delivers again.
    stream.listener!.connection({ kind: 'up' });
    stream.listener!.changed();
    expect(state()).toBe('live');
  });

  it('a dropped connection keeps the figures and says why; a refused key stops with authFailed', () => {
    const { stream, monitor, state } = harness();
    stream.ready = true;
    stream.listener!.changed();
    stream.listener!.connection({ kind: 'down', error: uwsConnectionClosed(1006) });
    expect(state()).toBe('live');
    expect(monitor.status('p')?.lastError?.kind).toBe('uwsConnectionClosed');
    // Figures of the new connection count only once every channel delivered again.
    stream.ready = false;
    stream.listener!.changed();
    expect(monitor.status('p')?.lastError).not.toBeNull();
    stream.listener!.connection({ kind: 'failed', error: spotError('EAPI:Invalid key', 200) });
    expect(state()).toBe('authFailed');
    vi.advanceTimersByTime(120_000);
    expect(state()).toBe('authFailed');
  });

  it('suspends and resumes its streams with the machine, and closes those no longer watched', () => {
    const { stream, monitor } = harness();
    monitor.pause();
    monitor.resume();
    monitor.networkChanged();
    monitor.setProfiles([]);
    expect(stream.calls).toEqual(['suspend', 'resume', 'networkChanged', 'close']);
    expect(monitor.status('p')).toBeNull();
  });
});
