/**
 * The stateful shell around the pure alert engine: holds its state, stamps events with the clock,
 * appends every alert to the alert log, tells listeners (notifier, bridge, tray) and schedules the
 * next tick the engine asks for. The clock (the app's one Clock, kraken/clock.ts) is injected so
 * tests drive time themselves.
 */
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import type { AlertRecord } from '../../src-shared/alert-model.ts';
import {
  type AlertDraft,
  type AlertEngineOptions,
  type AlertEngineState,
  type AlertEvent,
  type AlertProfileSetup,
  LOCAL_TIME,
  type ProfileAlertStatus,
  initialAlertState,
  profileAlertStatus,
  stepAlerts,
} from './alert-engine.ts';
import type { HealthReport } from '../../src-shared/health-model.ts';
import type { PositionRisk } from '../../src-shared/risk-model.ts';

export type { ProfileAlertStatus };

/** Where alerts are kept: the store's alert log. `append` assigns the id. */
export interface AlertSink {
  append(alert: AlertDraft): AlertRecord;
}

export interface AlertServiceOptions {
  readonly sink: AlertSink;
  /**
   * The sink could not keep an alert (a full disk). The alert is still shown and published, with
   * a negative id that no acknowledgement can reach; this says the store is failing.
   */
  readonly onSinkFailure?: (error: unknown, alert: AlertDraft) => void;
  /** The app's one clock abstraction: `now` stamps events, `timer` schedules the next tick. */
  readonly clock?: Pick<Clock, 'now' | 'timer'>;
  readonly engine?: AlertEngineOptions;
}

/** setTimeout's delay is a signed 32-bit integer: longer waits fire at once, so they are capped. */
const MAX_DELAY = 2 ** 31 - 1;

export class AlertService {
  readonly #sink: AlertSink;
  readonly #onSinkFailure: (error: unknown, alert: AlertDraft) => void;
  /** Ids of alerts the sink could not keep: negative, so they never collide with the log's. */
  #unsavedId = 0;
  readonly #clock: Pick<Clock, 'now' | 'timer'>;
  readonly #engine: AlertEngineOptions;
  readonly #alertListeners = new Set<(alert: AlertRecord) => void>();
  readonly #changeListeners = new Set<() => void>();
  #state: AlertEngineState = initialAlertState();
  #cancelTick: (() => void) | null = null;
  /** The statuses listeners last heard about (a snooze that ran out changes them without any event). */
  #publishedStatus = '[]';
  #disposed = false;

  constructor(options: AlertServiceOptions) {
    this.#sink = options.sink;
    this.#onSinkFailure = options.onSinkFailure ?? (() => undefined);
    this.#clock = options.clock ?? systemClock;
    this.#engine = options.engine ?? LOCAL_TIME;
  }

  /** A profile was added, or its name, rules or refresh interval changed. */
  configure(profile: AlertProfileSetup): void {
    this.handle({ kind: 'configure', profile });
  }

  removeProfile(profileId: string): void {
    this.handle({ kind: 'remove', profileId });
  }

  /** After every successful refresh: the health of the snapshot (HealthReport from evaluateHealth) and its positions' risk. */
  healthChecked(profileId: string, report: HealthReport, fetchedAt: number, positions?: readonly PositionRisk[]): readonly AlertRecord[] {
    return this.handle({ kind: 'health', profileId, report, fetchedAt, ...(positions === undefined ? {} : { positions }) });
  }

  /** Snoozes a profile's alerts for `minutes` (0 ends the snooze). Returns the end, null when not snoozed. */
  snooze(profileId: string, minutes: number): number | null {
    this.handle({ kind: 'snooze', profileId, until: minutes > 0 ? this.#clock.now() + minutes * 60_000 : null });
    return this.status(profileId).snoozedUntil;
  }

  /** The computer woke from sleep (powerMonitor 'resume'). */
  resumed(): void {
    this.handle({ kind: 'resumed' });
  }

  status(profileId: string): ProfileAlertStatus {
    return profileAlertStatus(this.#state, profileId, this.#clock.now());
  }

  /** Every alert appended to the log, shown or not (check `notified` before showing it). */
  onAlert(listener: (alert: AlertRecord) => void): () => void {
    this.#alertListeners.add(listener);
    return () => this.#alertListeners.delete(listener);
  }

  /** A profile's interrupted, snoozed or alert-level status changed (the tray shows all three). */
  onStatusChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  handle(event: AlertEvent): readonly AlertRecord[] {
    if (this.#disposed) return [];
    const now = this.#clock.now();
    const step = stepAlerts(this.#state, event, now, this.#engine);
    this.#state = step.state;
    this.#reschedule(step.nextCheckAt, now);
    const records = step.alerts.map((draft) => this.#append(draft));
    for (const record of records) for (const listener of this.#alertListeners) listener(record);
    const status = this.#statusSignature(now);
    if (status !== this.#publishedStatus) {
      this.#publishedStatus = status;
      for (const listener of this.#changeListeners) listener();
    }
    return records;
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancelTick?.();
    this.#cancelTick = null;
  }

  /** Logs the alert; an alert the log cannot keep is still an alert (notifying matters more than keeping). */
  #append(draft: AlertDraft): AlertRecord {
    try {
      return this.#sink.append(draft);
    } catch (error) {
      this.#onSinkFailure(error, draft);
      this.#unsavedId -= 1;
      return { ...draft, id: this.#unsavedId, acknowledgedAt: null };
    }
  }

  #statusSignature(now: number): string {
    return JSON.stringify(Object.keys(this.#state.profiles).map((id) => [id, profileAlertStatus(this.#state, id, now)]));
  }

  #reschedule(at: number | null, now: number): void {
    this.#cancelTick?.();
    this.#cancelTick = at === null ? null : this.#clock.timer(Math.min(Math.max(0, at - now), MAX_DELAY), () => this.handle({ kind: 'tick' }));
  }
}
