/**
 * Keeps every monitored profile's figures fresh, and says honestly how fresh they are.
 *
 * One loop per profile: the active profile every `activeIntervalMs` (its refresh setting, 15 s by
 * default), other profiles with alerts every `backgroundIntervalMs` (60 s), the rest not at all.
 * Failures back off exponentially (with jitter, capped) except that an authentication failure stops
 * the loop until the user acts, because retrying a refused key only burns the key's budget. While the
 * machine sleeps nothing runs; on resume, unlock or network return every profile refreshes at once.
 *
 * The state per profile (see ./status.ts) is derived from the outcome of the last attempt and the age
 * of the last good data, and re-evaluated on a timer too, so that "live" turns "stale" by itself
 * when refreshes stop succeeding. Plain Node; time comes from the app's one Clock (system time by
 * default, so tests drive it with fake timers).
 */
import type { UserFacingError } from '../../src-shared/user-facing-error.ts';
import { toUserFacing } from '../errors.ts';
import { changedStatus } from './status-change.ts';
import { classifyFailure, type FailureClass } from './failure-class.ts';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import type { Logger } from '../log/logger.ts';
import { isStale, staleLimitMs } from '../../src-shared/staleness.ts';
import type { ConnectionState, ProfileStatus } from '../../src-shared/profile-status.ts';

/** Consecutive unreachable attempts after which a profile is shown offline rather than stale. */
const OFFLINE_AFTER_FAILURES = 2;
const MAX_BACKOFF_MS = 5 * 60_000;
/** While offline, keep probing at least this often so the return of the network is noticed quickly. */
const OFFLINE_PROBE_MS = 30_000;

export interface MonitoredProfile {
  readonly id: string;
  /** Refresh interval while active, ms. */
  readonly activeIntervalMs: number;
  readonly active: boolean;
  /** Background profiles are refreshed only when alerts watch them. */
  readonly hasAlerts: boolean;
  /** fetchedAt of the cached snapshot, so the state is right before the first refresh. */
  readonly lastSuccessAt: number | null;
  /** The user's "monitoring interrupted after" minutes (alert rules), null or absent: automatic. */
  readonly staleAfterMinutes?: number | null;
}

export interface RefreshSchedulerOptions {
  /** Fetches one profile's snapshot; throws AppErrors whose `kind` classifies the failure. */
  readonly refresh: (profileId: string, signal: AbortSignal) => Promise<AccountSnapshot>;
  readonly onSnapshot: (snapshot: AccountSnapshot) => void;
  readonly onStatus: (status: ProfileStatus) => void;
  readonly logger: Logger;
  readonly backgroundIntervalMs?: number;
  /** The app's one clock abstraction (default: the system's; tests use fake timers on it). */
  readonly clock?: Pick<Clock, 'now' | 'timer'>;
  readonly random?: () => number;
  /** Timing policy; the defaults suit people, tests shorten them to watch a whole outage. */
  readonly timing?: SchedulerTiming;
}

export interface SchedulerTiming {
  /** Age after which data is stale, from the refresh interval (default: the one rule, src-shared/staleness.ts). */
  readonly staleAfterMs?: (intervalMs: number) => number;
  /** While offline, probe at least this often (default 30 s). */
  readonly offlineProbeMs?: number;
}

interface Loop {
  profile: MonitoredProfile;
  status: ProfileStatus;
  /** Cancels the next refresh. */
  timer: (() => void) | null;
  /** Cancels the staleness re-check. */
  staleTimer: (() => void) | null;
  inFlight: AbortController | null;
  /** The refresh in flight, which a second refreshNow waits for instead of starting another. */
  running: Promise<void> | null;
  failures: number;
}

export function intervalOf(profile: MonitoredProfile, backgroundIntervalMs: number): number | null {
  if (profile.active) return profile.activeIntervalMs;
  return profile.hasAlerts ? backgroundIntervalMs : null;
}

export class RefreshScheduler {
  readonly #loops = new Map<string, Loop>();
  readonly #options: RefreshSchedulerOptions;
  readonly #backgroundIntervalMs: number;
  readonly #clock: Pick<Clock, 'now' | 'timer'>;
  readonly #random: () => number;
  #paused = false;
  readonly #staleAfterOverride: ((intervalMs: number) => number) | undefined;
  readonly #offlineProbeMs: number;

  constructor(options: RefreshSchedulerOptions) {
    this.#options = options;
    this.#backgroundIntervalMs = options.backgroundIntervalMs ?? 60_000;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#staleAfterOverride = options.timing?.staleAfterMs;
    this.#offlineProbeMs = options.timing?.offlineProbeMs ?? OFFLINE_PROBE_MS;
  }

  /** Replaces the set of profiles (after a change or a switch); refreshes the newly active one at once. */
  setProfiles(profiles: readonly MonitoredProfile[]): void {
    const wanted = new Set(profiles.map((profile) => profile.id));
    for (const [id, loop] of this.#loops) {
      if (!wanted.has(id)) {
        this.#stop(loop);
        this.#loops.delete(id);
      }
    }
    for (const profile of profiles) {
      const existing = this.#loops.get(profile.id);
      if (existing) {
        const becameActive = profile.active && !existing.profile.active;
        const intervalChanged = this.#interval(existing) !== intervalOf(profile, this.#backgroundIntervalMs);
        existing.profile = profile;
        if (becameActive) void this.refreshNow(profile.id);
        // Only a changed interval reschedules: any other profile change (a rename, a keychain state)
        // must not cut a backoff short or postpone a due refresh.
        else if (intervalChanged && !existing.inFlight && existing.status.state !== 'authFailed') this.#schedule(existing, this.#interval(existing));
        continue;
      }
      const loop: Loop = {
        profile,
        status: {
          profileId: profile.id,
          state: 'idle',
          lastSuccessAt: profile.lastSuccessAt,
          lastAttemptAt: null,
          nextRefreshAt: null,
          lastError: null,
        },
        timer: null,
        staleTimer: null,
        inFlight: null,
        running: null,
        failures: 0,
      };
      this.#loops.set(profile.id, loop);
      this.#publish(loop, { state: this.#freshnessState(loop) });
      if (intervalOf(profile, this.#backgroundIntervalMs) !== null) void this.refreshNow(profile.id);
    }
  }

  status(profileId: string): ProfileStatus | null {
    return this.#loops.get(profileId)?.status ?? null;
  }

  statuses(): ProfileStatus[] {
    return [...this.#loops.values()].map((loop) => loop.status);
  }

  /** Refreshes now (user action, resume, unlock); waits for the refresh already running instead of doubling it. */
  refreshNow(profileId: string): Promise<void> {
    const loop = this.#loops.get(profileId);
    if (!loop || this.#paused) return Promise.resolve();
    loop.running ??= this.#refresh(loop).finally(() => {
      loop.running = null;
    });
    return loop.running;
  }

  async #refresh(loop: Loop): Promise<void> {
    const profileId = loop.profile.id;
    this.#clearTimer(loop);
    const controller = new AbortController();
    loop.inFlight = controller;
    // Old figures stay stale while new ones are fetched: "refreshing" is only said of current ones.
    this.#publish(loop, { state: this.#isStale(loop) ? 'stale' : 'refreshing', lastAttemptAt: this.#clock.now(), nextRefreshAt: null });
    try {
      const snapshot = await this.#options.refresh(profileId, controller.signal);
      if (controller.signal.aborted || this.#loops.get(profileId) !== loop) return;
      loop.failures = 0;
      this.#options.onSnapshot(snapshot);
      this.#publish(loop, { state: 'live', lastSuccessAt: snapshot.fetchedAt, lastError: null });
      this.#schedule(loop, this.#interval(loop));
    } catch (error) {
      if (controller.signal.aborted || this.#loops.get(profileId) !== loop) return;
      this.#failed(loop, classifyFailure(error, this.#clock.now()), toUserFacing(error));
    } finally {
      if (loop.inFlight === controller) loop.inFlight = null;
    }
  }

  /** The machine goes to sleep: stop every timer and cancel refreshes in flight. */
  pause(): void {
    this.#paused = true;
    for (const loop of this.#loops.values()) {
      this.#stop(loop);
      // A refresh cut short by sleep leaves the figures as fresh as they were, not "refreshing".
      this.#publish(loop, { state: loop.status.state === 'refreshing' ? this.#freshnessState(loop) : loop.status.state, nextRefreshAt: null });
    }
  }

  /** Back from sleep, screen unlocked or network back: refresh every scheduled profile at once. */
  resume(): void {
    this.#paused = false;
    for (const loop of this.#loops.values()) {
      if (loop.status.state === 'authFailed') continue;
      if (intervalOf(loop.profile, this.#backgroundIntervalMs) !== null) void this.refreshNow(loop.profile.id);
    }
  }

  dispose(): void {
    for (const loop of this.#loops.values()) this.#stop(loop);
    this.#loops.clear();
  }

  #interval(loop: Loop): number | null {
    return intervalOf(loop.profile, this.#backgroundIntervalMs);
  }

  #failed(loop: Loop, failure: FailureClass, error: UserFacingError): void {
    loop.failures += 1;
    const interval = this.#interval(loop);
    if (failure === 'credentials') {
      this.#options.logger.warn('Refresh refused: credentials rejected; waiting for the user', { profileId: loop.profile.id, kind: error.kind });
      this.#publish(loop, { state: 'authFailed', lastError: error, nextRefreshAt: null });
      return;
    }
    this.#options.logger.info('Refresh failed', { profileId: loop.profile.id, kind: error.kind, failures: loop.failures });
    let state: ConnectionState;
    if (failure === 'keychain') state = 'keychainLocked';
    // Still probed with the plain backoff: should Kraken turn the API on again, the profile works.
    else if (failure === 'switchedOff') state = 'switchedOff';
    else if (failure === 'unreachable' && loop.failures >= OFFLINE_AFTER_FAILURES) state = 'offline';
    else state = this.#freshnessState(loop);
    this.#publish(loop, { state, lastError: error });
    if (interval === null) return;
    const backoff = Math.min(interval * 2 ** (loop.failures - 1), MAX_BACKOFF_MS);
    // Offline: keep probing so the network's return is noticed. A locked keychain is not probed
    // harder than the plain backoff: each read may pop an unlock prompt on the desktop, and the
    // unlock itself triggers a refresh (resume()).
    const capped = state === 'offline' ? Math.min(backoff, Math.max(interval, this.#offlineProbeMs)) : backoff;
    // Jitter (±20 %) keeps several profiles from hammering the exchange in lockstep after an outage.
    this.#schedule(loop, Math.round(capped * (0.8 + 0.4 * this.#random())));
  }

  /** live or stale from the age of the last good data alone. */
  #freshnessState(loop: Loop): ConnectionState {
    if (loop.status.lastSuccessAt === null) return 'idle';
    return this.#isStale(loop) ? 'stale' : 'live';
  }

  #staleLimit(loop: Loop): number {
    const interval = this.#interval(loop) ?? this.#backgroundIntervalMs;
    return this.#staleAfterOverride?.(interval) ?? staleLimitMs(interval, loop.profile.staleAfterMinutes ?? null);
  }

  #isStale(loop: Loop): boolean {
    return isStale(loop.status.lastSuccessAt, this.#clock.now(), this.#staleLimit(loop));
  }

  #schedule(loop: Loop, delayMs: number | null): void {
    this.#clearTimer(loop);
    if (delayMs === null || this.#paused) {
      this.#publish(loop, { nextRefreshAt: null });
      return;
    }
    loop.timer = this.#clock.timer(delayMs, () => void this.refreshNow(loop.profile.id));
    this.#publish(loop, { nextRefreshAt: this.#clock.now() + delayMs });
  }

  /** Re-evaluates live or refreshing → stale when the age crosses the limit, even if no refresh completes. */
  #watchStaleness(loop: Loop): void {
    loop.staleTimer?.();
    loop.staleTimer = null;
    const { lastSuccessAt, state } = loop.status;
    if (lastSuccessAt === null || (state !== 'live' && state !== 'refreshing') || this.#paused) return;
    const due = lastSuccessAt + this.#staleLimit(loop) - this.#clock.now();
    loop.staleTimer = this.#clock.timer(Math.max(due, 0), () => {
      loop.staleTimer = null;
      if (loop.status.state === 'live' || loop.status.state === 'refreshing') this.#publish(loop, { state: this.#isStale(loop) ? 'stale' : loop.status.state });
    });
  }

  #publish(loop: Loop, change: Partial<ProfileStatus>): void {
    const next = changedStatus(loop.status, change);
    if (next !== null) loop.status = next;
    this.#watchStaleness(loop);
    if (next !== null) this.#options.onStatus(next);
  }

  #clearTimer(loop: Loop): void {
    loop.timer?.();
    loop.timer = null;
  }

  #stop(loop: Loop): void {
    this.#clearTimer(loop);
    loop.staleTimer?.();
    loop.staleTimer = null;
    loop.inFlight?.abort();
    loop.inFlight = null;
    loop.running = null;
  }
}
