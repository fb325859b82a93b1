/**
 * The app without Electron: every plain-Node service, wired into the one-way flow
 * exchange → client → monitor → store → bridge. src-main/index.ts wraps it in Electron adapters;
 * the end-to-end harness drives the very same object from a browser test.
 */
import type { ProfileStatus, SnapshotView } from '../../src-preload/contract.ts';
import type { UserFacingError } from '../../src-shared/user-facing-error.ts';
import { CostBudgets } from '../kraken/budget.ts';
import { KrakenClient } from '../kraken/client.ts';
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import type { AccountDataSource } from '../kraken/data-source.ts';
import type { FetchFunction } from '../kraken/transport.ts';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';
import { NonceSequences } from '../kraken/nonce.ts';
import { RestDataSource } from '../kraken/rest-data-source.ts';
import { createSampleDataSource, createSampleExchange, SAMPLE_CREDENTIALS } from '../kraken/simulator/sample-exchange.ts';
import type { SimulatedExchange } from '../kraken/simulator/exchange.ts';
import type { Logger } from '../log/logger.ts';
import type { AlertRules } from '../../src-shared/alert-model.ts';
import { alertRulesSchema } from '../../src-shared/alert-rules-schema.ts';
import { AlertService } from '../monitor/alert-service.ts';
import { evaluateHealth } from '../monitor/health.ts';
import { historyEntriesOf } from '../monitor/history-entries.ts';
import { HistorySampler } from '../monitor/history-sampler.ts';
import { RefreshScheduler, type MonitoredProfile, type SchedulerTiming } from '../monitor/refresh-scheduler.ts';
import { DEFAULT_STREAM_TIMING, StreamMonitor, type StreamedProfile, type StreamTiming } from '../monitor/stream-monitor.ts';
import { UwsAccountStream, type UwsTarget } from '../kraken/uws/uws-account-stream.ts';
import type { UwsTimings } from '../kraken/uws/uws-connection.ts';
import type { ExchangeServer } from '../kraken/simulator/exchange.ts';
import type { TrayInput } from '../monitor/tray-model.ts';
import { krakenKeyCheck } from '../profiles/kraken-key-check.ts';
import type { Profile } from '../../src-shared/profile.ts';
import { ProfileService } from '../profiles/profile-service.ts';
import { DeskService } from '../profiles/desk-service.ts';
import type { SecretStore } from '../profiles/secret-store.ts';
import { buildRiskReport } from '../risk/risk-report.ts';
import type { HistoryPoint, HistoryRange } from '../../src-shared/history-model.ts';
import type { Settings } from '../../src-shared/settings-model.ts';
import { checkedValue } from '../checked-value.ts';
import { storageFailedError } from '../store/storage-failure.ts';
import { thinHistoryInSlices } from '../store/history-thinning.ts';
import { Store } from '../store/store.ts';
import { UpdateService } from '../updates/update-service.ts';
import type { UpdateState } from '../../src-shared/update-state.ts';
import type { UpdaterPort } from '../updates/updater-port.ts';
import { BridgeEvents } from './bridge-events.ts';
import { StreamDiagnostics } from '../kraken/uws/stream-diagnostics.ts';
import type { PlatformHooks } from './platform-hooks.ts';

export interface AppServicesOptions {
  /** Folder of the database (Electron's userData in the app, a temp folder in tests). */
  readonly dataDir: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly hooks: PlatformHooks;
  readonly fetch?: FetchFunction;
  /** The Sample profile's in-process exchange; tests pass one they drive. */
  readonly sampleExchange?: SimulatedExchange;
  readonly newId?: () => string;
  /** The installed app's updater; absent where the app is not an installed build (development, tests). */
  readonly updater?: UpdaterPort;
  /** Shorter staleness and probing for tests that watch a whole outage. */
  readonly monitorTiming?: SchedulerTiming;
  /**
   * The polling monitor's clock (default: the system's): its timers and the time of the snapshots
   * it polls. The benchmark skips the wait for a poll with it.
   */
  readonly monitorClock?: Clock;
  /** Shorter stream staleness and coalescing for tests and benchmarks. */
  readonly streamTiming?: Partial<StreamTiming>;
  /** Shorter connection watchdog and backoff for tests that drop connections. */
  readonly uwsTimings?: Partial<UwsTimings>;
}

const RANGE_MS: Record<HistoryRange, number> = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
  '1y': 365 * 86_400_000,
};
/** Points per chart: more than a screen's width of pixels buys nothing but transfer time. */
const MAX_CHART_POINTS = 1_500;
const THIN_EVERY_MS = 6 * 3_600_000;
/**
 * The latest snapshot is written at most this often per profile (and at quit): with a thousand
 * subaccounts it is most of a megabyte, rewritten whole, so writing it on every refresh would be
 * gigabytes a day. The window always shows the newest figures from memory; the file only has to be
 * good enough to open with, and figures from the last half hour are that (shown with their age).
 */
const SAVE_SNAPSHOT_EVERY_MS = 30 * 60_000;
/** Profiles other than the active one are refreshed this often when alerts watch them. */
const BACKGROUND_INTERVAL_MS = 60_000;

function idleStatus(profileId: string): ProfileStatus {
  return { profileId, state: 'idle', lastSuccessAt: null, lastAttemptAt: null, nextRefreshAt: null, lastError: null };
}

export class AppServices {
  readonly store: Store;
  readonly events = new BridgeEvents();
  readonly profiles: ProfileService;
  /** Groups of profiles shown together; while one is shown every member is monitored as the active profile is. */
  readonly desks: DeskService;
  readonly scheduler: RefreshScheduler;
  /** Profiles that read the Unified WebSocket: streamed, not polled. */
  readonly streams: StreamMonitor;
  /** Settings → Diagnostics: the first raw message of each channel and type, to a file. */
  readonly diagnostics: StreamDiagnostics;
  readonly alerts: AlertService;
  /** Null where the app is not an installed build. */
  readonly updates: UpdateService | null;
  readonly sampleExchange: SimulatedExchange;
  readonly logger: Logger;
  readonly options: AppServicesOptions;
  readonly #budgets = new CostBudgets(systemClock);
  /**
   * Every signed request's nonce, per key (Futures keys' REST requests, Kraken API keys' token
   * requests and key checks), persisted so that a restart or a clock set back never reuses one.
   */
  readonly #nonces: NonceSequences;
  readonly #sources = new Map<string, AccountDataSource>();
  readonly #historySampler = new HistorySampler();
  /** Newest view per profile: the snapshot with its health, computed once per snapshot. */
  readonly #views = new Map<string, Omit<SnapshotView, 'status'>>();
  /** fetchedAt of the snapshot last written per profile. */
  readonly #savedAt = new Map<string, number>();
  /** Profiles whose newest figures or alerts could not be written, with why. */
  readonly #storageProblems = new Map<string, UserFacingError>();
  /** The Sample profile's simulated exchange on loopback, started when it first streams. */
  #sampleServer: Promise<ExchangeServer> | null = null;
  #thinTimer: ReturnType<typeof setInterval> | null = null;
  #thinning: Promise<void> | null = null;
  #disposed = false;

  constructor(options: AppServicesOptions) {
    this.options = options;
    this.logger = options.logger;
    this.store = Store.open(options.dataDir);
    this.#nonces = new NonceSequences(systemClock, this.store.nonces);
    for (const notice of this.store.notices) this.logger.warn('Store notice', notice);
    this.sampleExchange = options.sampleExchange ?? createSampleExchange();
    this.scheduler = new RefreshScheduler({
      refresh: (profileId, signal) => this.#sourceFor(profileId).fetchSnapshot(profileId, signal),
      onSnapshot: (snapshot) => this.#accept(snapshot),
      onStatus: (status) => this.events.emit('profileStatus', status),
      logger: this.logger.child('monitor'),
      backgroundIntervalMs: BACKGROUND_INTERVAL_MS,
      timing: options.monitorTiming,
      clock: options.monitorClock,
    });
    this.diagnostics = new StreamDiagnostics({ dataDir: options.dataDir, appVersion: options.appVersion });
    this.diagnostics.setEnabled(this.store.settings.get().recordStreamMessages);
    this.streams = new StreamMonitor({
      stream: new UwsAccountStream({
        appVersion: options.appVersion,
        targetOf: (profileId) => this.#streamTarget(profileId),
        nonces: this.#nonces,
        fetch: options.fetch,
        timings: options.uwsTimings,
        onFrame: (profileId, channel, type, frame) => this.diagnostics.record(profileId, channel, type, frame),
        onError: (error) => this.logger.warn('A stream message could not be handled', { error }),
      }),
      onSnapshot: (snapshot) => this.#accept(snapshot),
      onConfirmed: (profileId, at) => this.#confirmed(profileId, at),
      onStatus: (status) => this.events.emit('profileStatus', status),
      logger: this.logger.child('stream'),
      timing: options.streamTiming,
    });
    this.profiles = new ProfileService({
      records: this.store.profiles,
      activeProfile: this.store.appState,
      secrets: options.secrets,
      checkKey: krakenKeyCheck({
        appVersion: options.appVersion,
        fetch: options.fetch,
        budgets: this.#budgets,
        nonces: this.#nonces,
      }),
      statusOf: (profileId) => this.#statusOf(profileId),
      newId: options.newId,
    });
    this.desks = new DeskService({
      records: this.store.desks,
      activeDesk: this.store.appState,
      profileExists: (profileId) => this.store.profiles.get(profileId) !== null,
      newId: options.newId,
    });
    this.alerts = new AlertService({
      sink: this.store.alertLog,
      onSinkFailure: (error, alert) => this.#storageFailed(alert.profileId, error, 'Alert could not be logged'),
    });
    this.alerts.onAlert((alert) => this.events.emit('alert', alert));
    this.updates = options.updater
      ? new UpdateService({
          updater: options.updater,
          clock: systemClock,
          logger: this.logger.child('updates'),
          criticalAlertShowing: () => this.#criticalAlertShowing(),
          onState: (state) => this.events.emit('updateState', state),
        })
      : null;
    this.desks.onChange((list) => {
      this.#syncMonitoring();
      this.events.emit('desksChanged', list);
    });
    this.profiles.onChange((list) => {
      // A changed base URL or key must reach the next request: clients are rebuilt on demand.
      this.#sources.clear();
      // A deleted profile has left its desks: a desk left empty goes, and the desks' list follows.
      this.desks.profilesChanged();
      this.#syncMonitoring();
      this.events.emit('profilesChanged', list);
    });
  }

  /**
   * Start: cached figures first (no network), then the keychain check, then monitoring. The cached
   * snapshots are ready before the window asks for them.
   */
  async start(): Promise<void> {
    for (const snapshot of this.store.snapshots.readAllLatest()) {
      this.#remember(snapshot);
      this.#savedAt.set(snapshot.profileId, snapshot.fetchedAt);
    }
    for (const profile of this.store.profiles.list()) {
      const until = this.store.appState.getSnoozeUntil(profile.id);
      if (until !== null) this.alerts.handle({ kind: 'snooze', profileId: profile.id, until });
    }
    const keychain = await this.profiles.checkKeychain();
    if (keychain.problem) this.logger.warn('Keychain unavailable at start', keychain.problem);
    if (keychain.removedOrphans.length) this.logger.info('Removed keychain entries of deleted profiles', { count: keychain.removedOrphans.length });
    this.#syncMonitoring();
    this.logger.info('Monitoring started', { profiles: this.store.profiles.list().length, database: this.store.path });
    void this.thinHistory();
    this.updates?.setEnabled(this.store.settings.get().checkForUpdates);
    this.#thinTimer = setInterval(() => void this.thinHistory(), THIN_EVERY_MS);
    this.#thinTimer.unref?.();
  }

  /**
   * Thins the history in slices (the pass already running, if any). Never rejects: another program
   * holding the data file (SQLITE_BUSY) or a full disk only postpones thinning to the next pass.
   */
  thinHistory(): Promise<void> {
    const now = Date.now();
    this.#thinning ??= thinHistoryInSlices(this.store.history, now, { stopped: () => this.#disposed })
      .then(
        (folded) => {
          const pruned = this.#disposed ? 0 : this.store.alertLog.prune(now);
          this.logger.debug('History thinned, alert log pruned', { folded, pruned });
        },
        (error: unknown) => this.logger.warn('History thinning failed; the next pass tries again', { error }),
      )
      .finally(() => {
        this.#thinning = null;
      });
    return this.#thinning;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#thinTimer) clearInterval(this.#thinTimer);
    this.#saveUnsavedSnapshots();
    this.scheduler.dispose();
    this.streams.dispose();
    void this.#sampleServer?.then((server) => server.close()).catch(() => undefined);
    this.alerts.dispose();
    this.updates?.dispose();
    this.store.close();
  }

  /** What a view paints for a profile: cached or fresh figures, their health and freshness. */
  viewOf(profileId: string): SnapshotView | null {
    const view = this.#views.get(profileId);
    if (!view) return null;
    return { ...view, status: this.#statusOf(profileId), storageProblem: this.#storageProblems.get(profileId) ?? null };
  }

  /**
   * Switches to a profile (the desk shown, if any, gives way): returns its cached view at once; the
   * monitor refreshes it in the background.
   */
  activate(profileId: string): SnapshotView | null {
    // The profile first (an unknown one is refused while the desk still shows), then the desk goes:
    // a member opened alone stays watched throughout instead of being closed and opened again.
    this.profiles.activate(profileId);
    this.desks.deactivate();
    return this.viewOf(profileId);
  }

  /**
   * Shows a desk: every member is monitored as the active profile is, and their cached views are
   * returned at once (members without figures yet are left out; theirs follow as events).
   */
  activateDesk(deskId: string): SnapshotView[] {
    const desk = this.desks.activate(deskId);
    return desk.memberIds.map((id) => this.viewOf(id)).filter((view): view is SnapshotView => view !== null);
  }

  /** The cached views of the shown desk's members, empty while a single profile is shown. */
  activeDeskViews(): SnapshotView[] {
    return (this.desks.activeMembers() ?? []).map((id) => this.viewOf(id)).filter((view): view is SnapshotView => view !== null);
  }

  history(profileId: string, accountKey: string, range: HistoryRange): HistoryPoint[] {
    const now = Date.now();
    return this.store.history.query(profileId, accountKey, now - RANGE_MS[range], now, MAX_CHART_POINTS);
  }

  alertRules(profileId: string): AlertRules {
    this.profiles.get(profileId);
    return this.store.alertRules.get(profileId);
  }

  setAlertRules(profileId: string, rules: AlertRules): AlertRules {
    this.profiles.get(profileId);
    const valid = checkedValue(alertRulesSchema, rules, 'Correct the alert rules and save them again.');
    const saved = this.store.alertRules.set(profileId, valid);
    this.#syncMonitoring();
    // New thresholds change the health levels of the figures already on screen.
    const view = this.#views.get(profileId);
    if (view) this.#accept(view.snapshot, { persist: false });
    return saved;
  }

  snooze(profileId: string, minutes: number): number | null {
    this.profiles.get(profileId);
    const until = this.alerts.snooze(profileId, minutes);
    this.store.appState.setSnoozeUntil(profileId, until);
    return until;
  }

  updateSettings(changes: Partial<Settings>): Settings {
    const before = this.store.settings.get();
    const settings = this.store.settings.update(changes);
    if (settings.startAtLogin !== before.startAtLogin || settings.startHidden !== before.startHidden) {
      this.options.hooks.setStartAtLogin(settings.startAtLogin, settings.startHidden);
    }
    if (settings.checkForUpdates !== before.checkForUpdates) this.updates?.setEnabled(settings.checkForUpdates);
    this.diagnostics.setEnabled(settings.recordStreamMessages);
    this.events.emit('settingsChanged', settings);
    return settings;
  }

  updateState(): UpdateState {
    return this.updates?.state ?? { kind: 'unavailable' };
  }

  /** Everything the tray shows, from the same state the window shows. */
  trayInput(): TrayInput {
    const list = this.profiles.list();
    const desks = this.desks.list();
    const update = this.updateState();
    return {
      activeProfileId: desks.activeDeskId === null ? list.activeProfileId : null,
      activeDeskId: desks.activeDeskId,
      desks: desks.desks.map(({ id, name, memberIds }) => ({ id, name, memberIds })),
      privacyMode: this.store.settings.get().privacyMode,
      updateReady: update.kind === 'ready' ? { version: update.version, held: this.#criticalAlertShowing() } : null,
      profiles: list.profiles.map((profile) => {
        const alerting = this.alerts.status(profile.id);
        return {
          id: profile.id,
          name: profile.name,
          connection: profile.status.state,
          health: this.#views.get(profile.id)?.health ?? null,
          monitoringInterrupted: alerting.interrupted,
          alertLevel: alerting.level,
          snoozedUntil: alerting.snoozedUntil,
        };
      }),
    };
  }

  #criticalAlertShowing(): boolean {
    return this.store.profiles.list().some((profile) => {
      const level = this.alerts.status(profile.id).level;
      return level === 'critical' || level === 'liquidation';
    });
  }

  async refreshAll(): Promise<void> {
    await Promise.all(this.profiles.list().profiles.map((profile) => this.scheduler.refreshNow(profile.id)));
  }

  #statusOf(profileId: string): ProfileStatus {
    return this.streams.status(profileId) ?? this.scheduler.status(profileId) ?? idleStatus(profileId);
  }

  /** A quiet stream's figures are still current: the alert engine hears it, so "monitoring interrupted" stays quiet. */
  #confirmed(profileId: string, at: number): void {
    const view = this.#views.get(profileId);
    if (view) this.alerts.healthChecked(profileId, view.health, at);
  }

  /** Where a profile streams from: its addresses and keychain key, or the Sample's simulated exchange. */
  async #streamTarget(profileId: string): Promise<UwsTarget> {
    const profile = this.store.profiles.get(profileId);
    if (!profile) throw new Error(`No profile ${profileId}`);
    if (profile.kind === 'sample') {
      this.#sampleServer ??= this.sampleExchange.listen({ port: 0 });
      const server = await this.#sampleServer;
      return { baseUrl: server.url, streamUrl: server.uwsUrl, getCredentials: async () => SAMPLE_CREDENTIALS };
    }
    const credentials = this.profiles.credentialsFor(profile.id);
    if (profile.streamUrl === null) throw new Error(`Profile ${profileId} has no WebSocket address`);
    return { baseUrl: profile.baseUrl, streamUrl: profile.streamUrl, getCredentials: () => credentials.getCredentials() };
  }

  #sourceFor(profileId: string): AccountDataSource {
    const existing = this.#sources.get(profileId);
    if (existing) return existing;
    const profile = this.store.profiles.get(profileId);
    if (!profile) throw new Error(`No profile ${profileId}`);
    const source =
      profile.kind === 'sample'
        ? createSampleDataSource({ appVersion: this.options.appVersion, exchange: this.sampleExchange })
        : this.#restSource(profile);
    this.#sources.set(profileId, source);
    return source;
  }

  #restSource(profile: Profile): AccountDataSource {
    const credentials = this.profiles.credentialsFor(profile.id);
    const client = new KrakenClient({
      baseUrl: profile.baseUrl,
      appVersion: this.options.appVersion,
      fetch: this.options.fetch,
      getCredentials: () => credentials.getCredentials(),
      budgets: this.#budgets,
      nonces: this.#nonces,
    });
    return new RestDataSource({ clientFor: () => client, clock: this.options.monitorClock });
  }

  /**
   * The monitor → alerts → store → bridge step for every good snapshot. Alerts come before storage:
   * a full disk or a record the store refuses must never keep a warning off the desktop; it is shown
   * as a storage problem beside figures that are still current.
   */
  #accept(snapshot: AccountSnapshot, options: { persist: boolean } = { persist: true }): void {
    const view = this.#remember(snapshot);
    if (options.persist) {
      const { profileId } = snapshot;
      this.#storageProblems.delete(profileId);
      this.alerts.healthChecked(profileId, view.health, snapshot.fetchedAt, view.risk?.positions);
      try {
        const savedAt = this.#savedAt.get(profileId);
        if (savedAt === undefined || snapshot.fetchedAt - savedAt >= SAVE_SNAPSHOT_EVERY_MS) this.#saveSnapshot(snapshot);
        this.store.history.append(profileId, this.#historySampler.select(profileId, historyEntriesOf(snapshot, view.health), view.health));
      } catch (error) {
        this.#storageFailed(profileId, error, 'Figures could not be saved');
      }
    }
    const full = this.viewOf(snapshot.profileId);
    if (full) this.events.emit('snapshot', full);
  }

  #saveSnapshot(snapshot: AccountSnapshot): void {
    this.store.snapshots.saveLatest(snapshot);
    this.#savedAt.set(snapshot.profileId, snapshot.fetchedAt);
  }

  /** At quit: the newest figures of each profile become the ones the next start opens with. */
  #saveUnsavedSnapshots(): void {
    for (const [profileId, view] of this.#views) {
      if (this.#savedAt.get(profileId) === view.snapshot.fetchedAt) continue;
      try {
        this.#saveSnapshot(view.snapshot);
      } catch (error) {
        this.logger.warn('Newest figures could not be saved at quit', { profileId, error });
      }
    }
  }

  #storageFailed(profileId: string, error: unknown, what: string): void {
    const problem = storageFailedError(error);
    this.logger.error(what, { profileId, error });
    this.#storageProblems.set(profileId, problem.toUserFacing());
  }

  #remember(snapshot: AccountSnapshot): Omit<SnapshotView, 'status'> {
    const profile = this.store.profiles.get(snapshot.profileId);
    const health = evaluateHealth(snapshot, this.store.alertRules.get(snapshot.profileId));
    const view = { snapshot, health, sample: profile?.kind === 'sample', risk: buildRiskReport(snapshot) };
    this.#views.set(snapshot.profileId, view);
    return view;
  }

  /** Tells the scheduler and the alert engine which profiles to watch and how. */
  #syncMonitoring(): void {
    const list = this.profiles.list();
    // While a desk is shown, every member is watched as the active profile is.
    const shown = new Set(this.desks.activeMembers() ?? (list.activeProfileId === null ? [] : [list.activeProfileId]));
    const watched: MonitoredProfile[] = [];
    const streamed: StreamedProfile[] = [];
    const known = new Set<string>();
    for (const profile of list.profiles) {
      known.add(profile.id);
      const rules = this.store.alertRules.get(profile.id);
      const active = shown.has(profile.id);
      if (profile.source === 'uws') {
        // Streamed while shown or watched by alerts, like the polled profiles' loops.
        if (active || rules.enabled) {
          const address = `${profile.kind}|${profile.baseUrl}|${profile.streamUrl ?? ''}|${profile.keyFingerprint ?? ''}`;
          streamed.push({ id: profile.id, address, lastSuccessAt: this.#views.get(profile.id)?.snapshot.fetchedAt ?? null });
        }
        // Silence is stale after the stream's own limit: the alerts' "interrupted" limit follows it.
        const staleAfterSeconds = (this.options.streamTiming?.staleAfterMs ?? DEFAULT_STREAM_TIMING.staleAfterMs) / 1000;
        if (rules.enabled) this.alerts.configure({ profileId: profile.id, profileName: profile.name, rules, refreshSeconds: staleAfterSeconds });
        else this.alerts.removeProfile(profile.id);
        continue;
      }
      watched.push({
        id: profile.id,
        activeIntervalMs: profile.refreshSeconds * 1000,
        active,
        hasAlerts: rules.enabled,
        lastSuccessAt: this.#views.get(profile.id)?.snapshot.fetchedAt ?? null,
        staleAfterMinutes: rules.staleAfterMinutes,
      });
      // The interval the profile really gets sets the default "monitoring interrupted" limit.
      const refreshSeconds = active ? profile.refreshSeconds : BACKGROUND_INTERVAL_MS / 1000;
      if (rules.enabled) this.alerts.configure({ profileId: profile.id, profileName: profile.name, rules, refreshSeconds });
      else this.alerts.removeProfile(profile.id);
    }
    for (const id of this.#views.keys()) {
      if (known.has(id)) continue;
      this.#views.delete(id);
      this.#savedAt.delete(id);
      this.#storageProblems.delete(id);
      this.#historySampler.forget(id);
    }
    this.scheduler.setProfiles(watched);
    this.streams.setProfiles(streamed);
  }
}
