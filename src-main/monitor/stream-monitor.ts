/**
 * Keeps streamed profiles (Unified WebSocket) current and says honestly how current they are: the
 * streaming counterpart of ./refresh-scheduler.ts, with the same outputs (snapshots and
 * ProfileStatus), so the layers after it do not care which source a profile reads.
 *
 * - One stream per watched profile (the active one, and others whose alerts watch them).
 * - Every data message may change the figures, and a burst can bring hundreds a second. The monitor
 *   hands a snapshot on at once when the last one went out more than `coalesceMs` ago, otherwise
 *   once at the end of that window with the newest figures: at most one evaluate + store + renderer
 *   event per window and profile, and never more than one window late.
 * - Freshness comes from the stream itself: data messages and Kraken's heartbeats confirm the figures
 *   (published at most every `confirmEveryMs`, which also keeps the alert engine's "monitoring
 *   interrupted" quiet while nothing changes); silence turns them stale after `staleAfterMs`, and
 *   offline after `offlineAfterMs`. The connection's own watchdog reconnects long before that; a
 *   refused key stops everything until the user acts, as in the polling monitor.
 */
import { toUserFacing } from '../errors.ts';
import type { AccountStream, AccountStreamHandle, StreamConnectionEvent } from '../kraken/account-stream.ts';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import type { Logger } from '../log/logger.ts';
import { changedStatus } from './status-change.ts';
import { classifyFailure } from './failure-class.ts';
import type { ConnectionState, ProfileStatus } from '../../src-shared/profile-status.ts';

export interface StreamTiming {
  /** The window in which a burst of messages becomes one snapshot. */
  readonly coalesceMs: number;
  /** How often a quiet but live stream republishes that its figures are current. */
  readonly confirmEveryMs: number;
  /** Silence (no message, no heartbeat) after which figures are stale. */
  readonly staleAfterMs: number;
  /** Silence after which the profile is offline. */
  readonly offlineAfterMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = {
  coalesceMs: 100,
  confirmEveryMs: 5_000,
  staleAfterMs: 15_000,
  offlineAfterMs: 60_000,
};

export interface StreamedProfile {
  readonly id: string;
  /** Where and how it streams (addresses, source): a change reopens the stream. */
  readonly address: string;
  /** fetchedAt of the cached snapshot, so the state is right before the stream delivers. */
  readonly lastSuccessAt: number | null;
}

export interface StreamMonitorOptions {
  readonly stream: AccountStream;
  readonly onSnapshot: (snapshot: AccountSnapshot) => void;
  /** A quiet stream confirmed its figures are current at `at` (no figure changed). */
  readonly onConfirmed: (profileId: string, at: number) => void;
  readonly onStatus: (status: ProfileStatus) => void;
  readonly logger: Logger;
  /** The app's one clock abstraction (default: the system's; tests use fake timers on it). */
  readonly clock?: Pick<Clock, 'now' | 'timer'>;
  readonly timing?: Partial<StreamTiming>;
}

interface Watch {
  readonly handle: AccountStreamHandle;
  readonly address: string;
  status: ProfileStatus;
  /** When figures or a heartbeat last arrived. */
  heardAt: number | null;
  /** Whether this connection has delivered figures (a cached snapshot does not count). */
  delivered: boolean;
  lastSentAt: number;
  /** Cancels the pending flush of a burst, when one is due. */
  cancelFlush: (() => void) | null;
  /** Cancels the pending silence check. */
  cancelSilence: (() => void) | null;
  stopped: boolean;
}

export class StreamMonitor {
  readonly #options: StreamMonitorOptions;
  readonly #clock: Pick<Clock, 'now' | 'timer'>;
  readonly #timing: StreamTiming;
  readonly #watches = new Map<string, Watch>();
  #paused = false;

  constructor(options: StreamMonitorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#timing = { ...DEFAULT_STREAM_TIMING, ...options.timing };
  }

  /** Opens a stream for each new profile and closes those no longer wanted. */
  setProfiles(profiles: readonly StreamedProfile[]): void {
    const addresses = new Map(profiles.map((profile) => [profile.id, profile.address]));
    for (const [id, watch] of this.#watches) {
      if (addresses.get(id) === watch.address) continue;
      this.#stop(watch);
      this.#watches.delete(id);
    }
    for (const profile of profiles) {
      if (!this.#watches.has(profile.id)) this.#open(profile);
    }
  }

  has(profileId: string): boolean {
    return this.#watches.has(profileId);
  }

  status(profileId: string): ProfileStatus | null {
    return this.#watches.get(profileId)?.status ?? null;
  }

  /** The figures as they stand now (a user's "refresh now" on a streamed profile); nothing when there are none yet. */
  flushNow(profileId: string): void {
    const watch = this.#watches.get(profileId);
    if (watch !== undefined) this.#flush(profileId, watch);
  }

  /** The machine goes to sleep: connections close; the figures keep their age. */
  pause(): void {
    this.#paused = true;
    for (const watch of this.#watches.values()) watch.handle.suspend();
  }

  resume(): void {
    this.#paused = false;
    for (const watch of this.#watches.values()) watch.handle.resume();
  }

  networkChanged(): void {
    for (const watch of this.#watches.values()) watch.handle.networkChanged();
  }

  dispose(): void {
    for (const watch of this.#watches.values()) this.#stop(watch);
    this.#watches.clear();
  }

  #open(profile: StreamedProfile): void {
    const id = profile.id;
    const status: ProfileStatus = {
      profileId: id,
      state: 'refreshing',
      lastSuccessAt: profile.lastSuccessAt,
      lastAttemptAt: this.#clock.now(),
      nextRefreshAt: null,
      lastError: null,
    };
    // The listener is built before the handle exists: a stream may report synchronously from open().
    let watch: Watch | null = null;
    const pending: Array<() => void> = [];
    const later = (run: (current: Watch) => void) => {
      if (watch === null) pending.push(() => run(watch!));
      else if (!watch.stopped) run(watch);
    };
    const handle = this.#options.stream.open(id, {
      changed: () => later((current) => this.#changed(id, current)),
      alive: (at) => later((current) => this.#alive(id, current, at)),
      connection: (event) => later((current) => this.#connection(id, current, event)),
    });
    watch = { handle, address: profile.address, status, heardAt: null, delivered: false, lastSentAt: -Infinity, cancelFlush: null, cancelSilence: null, stopped: false };
    this.#watches.set(id, watch);
    this.#options.onStatus(status);
    this.#watchSilence(watch);
    for (const run of pending) run();
  }

  #changed(id: string, watch: Watch): void {
    watch.heardAt = this.#clock.now();
    if (watch.cancelFlush !== null) return;
    const wait = watch.lastSentAt + this.#timing.coalesceMs - this.#clock.now();
    if (wait <= 0) this.#flush(id, watch);
    else watch.cancelFlush = this.#clock.timer(wait, () => this.#flush(id, watch));
  }

  #flush(id: string, watch: Watch): void {
    watch.cancelFlush?.();
    watch.cancelFlush = null;
    if (watch.stopped) return;
    const snapshot = watch.handle.current();
    if (snapshot === null) return;
    watch.lastSentAt = this.#clock.now();
    watch.delivered = true;
    this.#options.onSnapshot(snapshot);
    this.#publish(watch, { state: 'live', lastSuccessAt: snapshot.fetchedAt, lastError: null });
  }

  #alive(id: string, watch: Watch, at: number): void {
    watch.heardAt = at;
    if (!watch.delivered) return;
    const { lastSuccessAt, state } = watch.status;
    if (state === 'live' && lastSuccessAt !== null && at - lastSuccessAt < this.#timing.confirmEveryMs) return;
    this.#options.onConfirmed(id, at);
    this.#publish(watch, { state: 'live', lastSuccessAt: at });
  }

  #connection(id: string, watch: Watch, event: StreamConnectionEvent): void {
    if (event.kind === 'up') {
      watch.heardAt = this.#clock.now();
      return;
    }
    // A new connection must deliver every channel's current state again before its figures count.
    const wasDelivering = watch.delivered;
    watch.delivered = false;
    if (event.kind === 'down') {
      // once per lost connection, not per failed attempt to reopen it: a trail for support, not a flood
      if (wasDelivering) this.#options.logger.info('Stream connection lost: reconnecting', { profileId: id, error: event.error });
      const error = event.error === null || event.error === undefined ? watch.status.lastError : toUserFacing(event.error);
      this.#publish(watch, { lastError: error, lastAttemptAt: this.#clock.now() });
      return;
    }
    const failure = classifyFailure(event.error, this.#clock.now());
    const state: ConnectionState = failure === 'keychain' ? 'keychainLocked' : failure === 'credentials' ? 'authFailed' : 'offline';
    this.#options.logger.warn('Stream stopped: waiting for the user', { profileId: id, kind: toUserFacing(event.error).kind });
    this.#publish(watch, { state, lastError: toUserFacing(event.error) });
  }

  /** Re-arms the silence check from the last thing heard; the state follows the silence's length. */
  #watchSilence(watch: Watch): void {
    watch.cancelSilence?.();
    watch.cancelSilence = null;
    const { state } = watch.status;
    if (watch.stopped || this.#paused || (state !== 'live' && state !== 'stale' && state !== 'refreshing')) return;
    const since = watch.heardAt ?? watch.status.lastAttemptAt ?? this.#clock.now();
    const limit = state === 'stale' ? this.#timing.offlineAfterMs : this.#timing.staleAfterMs;
    watch.cancelSilence = this.#clock.timer(Math.max(since + limit - this.#clock.now(), 0), () => {
      watch.cancelSilence = null;
      const silent = this.#clock.now() - (watch.heardAt ?? since);
      if (silent >= this.#timing.offlineAfterMs) this.#publish(watch, { state: 'offline' });
      else if (silent >= this.#timing.staleAfterMs && watch.status.lastSuccessAt !== null) this.#publish(watch, { state: 'stale' });
      else this.#watchSilence(watch);
    });
  }

  #publish(watch: Watch, change: Partial<ProfileStatus>): void {
    const next = changedStatus(watch.status, change);
    if (next !== null) watch.status = next;
    this.#watchSilence(watch);
    if (next !== null) this.#options.onStatus(next);
  }

  #stop(watch: Watch): void {
    watch.stopped = true;
    watch.cancelFlush?.();
    watch.cancelSilence?.();
    watch.handle.close();
  }
}
