/**
 * An in-memory stand-in for main behind the bridge contract, for component tests and the look
 * harness. It keeps profiles, snapshots, settings, alerts and rules, records every call, can make
 * any call fail with a UserFacingError, and lets a test emit any event.
 */
import Big from 'big.js';
import type { KeyPermissions } from '../../../src-shared/account-model.ts';
import { openingView } from '../../../src-main/bridge/opening-view.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { EVENT_CHANNELS } from '../../../src-preload/contract.ts';
import type {
  AlertRecord,
  AlertRules,
  Bridge,
  BridgeResult,
  CallInput,
  CallName,
  CallOutput,
  Decimal,
  Desk,
  DeskList,
  EventName,
  Events,
  HistoryPoint,
  HistoryRange,
  KeyImportReport,
  ProfileList,
  ProfileView,
  InstallOutcome,
  Settings,
  SnapshotView,
  UpdateState,
  Unsubscribe,
  UserFacingError,
} from '../../../src-preload/contract.ts';

function openingViewOf(view: SnapshotView | undefined): SnapshotView | null {
  return view === undefined ? null : openingView(view);
}

/** testConnection refuses this secret the way Kraken refuses a wrong one. */
export const REFUSED_SECRET = 'd3Jvbmcgc2VjcmV0IGZvciB0ZXN0cw==';
/** testConnection reports full access for a key that contains this. */
export const FULL_ACCESS_MARK = 'FULL';

export const KEY_REFUSED: UserFacingError = {
  kind: 'authenticationError',
  message: 'Kraken refused this key.',
  action: 'Create a new read-only Futures key for Margin Desk alone and paste both parts again.',
  retryable: false,
};

export interface RecordedCall {
  readonly name: CallName;
  readonly input: unknown;
}

export interface FakeState {
  profiles?: ProfileView[];
  desks?: Desk[];
  activeDeskId?: string | null;
  activeProfileId?: string | null;
  snapshots?: Record<string, SnapshotView>;
  settings?: Partial<Settings>;
  alerts?: AlertRecord[];
  /** Snooze ends main holds, by profile id. */
  snoozedUntil?: Record<string, number>;
  /** Profiles whose monitoring main reports as interrupted. */
  interrupted?: string[];
  /** What importKeys answers (null: the open dialog was closed without a file); each added line also adds a profile. */
  importReport?: KeyImportReport | null;
  /** Makes createSampleProfile return this snapshot for the new profile. */
  sampleSnapshot?: (profileId: string) => SnapshotView;
  now?: () => number;
}

type Handler<K extends CallName> = (input: CallInput<K>) => CallOutput<K> | Promise<CallOutput<K>>;

export function profileView(init: Partial<ProfileView> & { id: string; name: string }, now = 0): ProfileView {
  return {
    colour: '#7c5cff',
    kind: 'kraken',
    source: 'rest',
    baseUrl: 'https://futures.kraken.com',
    streamUrl: null,
    refreshSeconds: 15,
    createdAt: now,
    lastUsedAt: null,
    keyFingerprint: 'X9fQ',
    permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} },
    keychain: 'ok',
    cutoff: null,
    status: { profileId: init.id, state: 'idle', lastSuccessAt: null, lastAttemptAt: null, nextRefreshAt: null, lastError: null },
    ...init,
  };
}

/** Deterministic history: a gentle wave around the profile's current figures. */
export function historyPoints(range: HistoryRange, end: number, count = 96): HistoryPoint[] {
  const spans: Record<HistoryRange, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000, '1y': 365 * 86_400_000 };
  const step = spans[range] / count;
  const points: HistoryPoint[] = [];
  for (let i = 0; i < count; i++) {
    // Integer cents, then an exact decimal string: no float ever becomes a figure.
    const equityCents = 3_400_000 + Math.round(Math.sin(i / 9) * 180_000) + i * 900;
    const mmCents = 1_150_000 + Math.round(Math.cos(i / 13) * 90_000);
    const imCents = mmCents * 2;
    const cents = (value: number) => new Big(value).div(100).toFixed() as Decimal;
    const ratio = new Big(equityCents).div(mmCents).round(6).toFixed() as Decimal;
    points.push({
      t: Math.round(end - (count - 1 - i) * step),
      marginEquity: cents(equityCents),
      maintenanceMargin: cents(mmCents),
      initialMargin: cents(imCents),
      collateralValue: cents(equityCents - 12_000),
      availableMargin: cents(equityCents - imCents),
      marginRatio: ratio,
    });
  }
  return points;
}

export class FakeBridge {
  readonly calls: RecordedCall[] = [];
  readonly failures = new Map<CallName, UserFacingError>();
  profiles: ProfileView[];
  activeProfileId: string | null;
  desks: Desk[];
  activeDeskId: string | null;
  snapshots: Record<string, SnapshotView>;
  settings: Settings;
  alerts: AlertRecord[];
  /** What main's update service says; tests move it on with `emit('updateState', …)`. */
  update: UpdateState = { kind: 'upToDate', checkedAt: 0 };
  /** What "Restart to update" answers while an update is ready. */
  installOutcome: InstallOutcome = 'restarting';
  rules = new Map<string, AlertRules>();
  readonly snoozedUntil: Map<string, number | null>;
  /** Profiles whose monitoring main reports as interrupted (no fresh data for the stale limit). */
  readonly interrupted: Set<string>;
  /** What deleteProfile answers as its warning (main's when the keychain entry could not be removed). */
  deleteWarning: UserFacingError | null = null;
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #state: FakeState;
  readonly #now: () => number;
  #nextId = 1;
  /** Calls that should not answer until released, by name. */
  readonly #held = new Map<CallName, (() => void)[]>();
  readonly #holding = new Set<CallName>();

  readonly bridge: Bridge;

  constructor(state: FakeState = {}) {
    this.#state = state;
    this.#now = state.now ?? (() => Date.now());
    this.profiles = state.profiles ?? [];
    this.activeProfileId = state.activeProfileId ?? this.profiles[0]?.id ?? null;
    this.desks = state.desks ?? [];
    this.activeDeskId = state.activeDeskId ?? null;
    this.snapshots = { ...state.snapshots };
    this.settings = { privacyMode: false, theme: 'system', startAtLogin: false, startHidden: true, trayHintShown: false, checkForUpdates: true, recordStreamMessages: false, ...state.settings };
    this.alerts = state.alerts ?? [];
    this.snoozedUntil = new Map(Object.entries(state.snoozedUntil ?? {}));
    this.interrupted = new Set(state.interrupted);
    this.bridge = this.#build();
  }

  fail(name: CallName, error: UserFacingError): void {
    this.failures.set(name, error);
  }

  heal(name: CallName): void {
    this.failures.delete(name);
  }

  /** Holds answers to `name` until `release(name)`: for asserting what shows while a call is in flight. */
  hold(name: CallName): void {
    this.#holding.add(name);
  }

  release(name: CallName): void {
    this.#holding.delete(name);
    for (const resume of this.#held.get(name)?.splice(0) ?? []) resume();
  }

  emit<K extends EventName>(name: K, payload: Events[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) (listener as (value: Events[K]) => void)(payload);
  }

  callsOf(name: CallName): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.input);
  }

  #list(): ProfileList {
    return { profiles: this.profiles, activeProfileId: this.activeProfileId };
  }

  #deskList(): DeskList {
    return { desks: this.desks, activeDeskId: this.activeDeskId };
  }

  #deskViews(): SnapshotView[] {
    const desk = this.desks.find((candidate) => candidate.id === this.activeDeskId);
    return (desk?.memberIds ?? []).flatMap((id) => (this.snapshots[id] === undefined ? [] : [this.snapshots[id]]));
  }

  #requireDesk(id: string): Desk {
    const desk = this.desks.find((candidate) => candidate.id === id);
    if (desk === undefined) throw { kind: 'deskNotFound', message: 'This desk no longer exists.', action: 'Choose another desk or profile in the switcher.', retryable: false };
    return desk;
  }

  #addProfile(profile: ProfileView): ProfileView {
    this.profiles = [...this.profiles, profile];
    this.emit('profilesChanged', this.#list());
    return profile;
  }

  #permissionsFor(apiKey: string): KeyPermissions {
    return apiKey.includes(FULL_ACCESS_MARK)
      ? { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS', other: {} }
      : { general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} };
  }

  #handlers(): { [K in CallName]: Handler<K> } {
    const now = this.#now;
    return {
      getAppInfo: () => ({ name: 'Margin Desk', version: '0.1.0', platform: 'linux' }),
      listProfiles: () => this.#list(),
      createProfile: (input) =>
        this.#addProfile(
          profileView(
            { id: `p${this.#nextId++}`, name: input.name, colour: input.colour, source: input.source ?? 'uws', keyFingerprint: input.apiKey.slice(-4), permissions: null },
            now(),
          ),
        ),
      importKeys: (input) => {
        const report = this.#state.importReport ?? null;
        for (const line of report?.lines ?? []) {
          if (line.outcome !== 'added' || line.name === null) continue;
          this.#addProfile(profileView({ id: `p${this.#nextId++}`, name: line.name, colour: input.colour, source: input.source ?? 'uws', keyFingerprint: null, permissions: null }, now()));
        }
        return report;
      },
      createSampleProfile: () => {
        const id = `sample${this.#nextId++}`;
        const profile = profileView(
          { id, name: 'Sample', colour: '#f59e0b', kind: 'sample', baseUrl: 'sample://simulated-exchange', keyFingerprint: null, permissions: null, keychain: 'notNeeded' },
          now(),
        );
        if (this.#state.sampleSnapshot) this.snapshots[id] = this.#state.sampleSnapshot(id);
        return this.#addProfile(profile);
      },
      updateProfile: (input) => {
        const current = this.profiles.find((profile) => profile.id === input.id);
        if (current === undefined) throw { kind: 'notFound', message: 'No such profile.', action: 'Reload.', retryable: false };
        const updated: ProfileView = { ...current, ...input };
        this.profiles = this.profiles.map((profile) => (profile.id === input.id ? updated : profile));
        this.emit('profilesChanged', this.#list());
        return updated;
      },
      deleteProfile: (input) => {
        this.profiles = this.profiles.filter((profile) => profile.id !== input.id);
        // As main: the profile leaves its desks, and a desk left empty goes.
        this.desks = this.desks.map((desk) => ({ ...desk, memberIds: desk.memberIds.filter((id) => id !== input.id) })).filter((desk) => desk.memberIds.length > 0);
        if (!this.desks.some((desk) => desk.id === this.activeDeskId)) this.activeDeskId = null;
        this.emit('desksChanged', this.#deskList());
        if (this.activeProfileId === input.id) this.activeProfileId = this.profiles[0]?.id ?? null;
        this.emit('profilesChanged', this.#list());
        return { warning: this.deleteWarning };
      },
      activateProfile: (input) => {
        this.activeProfileId = input.id;
        if (this.activeDeskId !== null) {
          this.activeDeskId = null;
          this.emit('desksChanged', this.#deskList());
        }
        return this.snapshots[input.id] ?? null;
      },
      testConnection: (input) => {
        if ('profileId' in input) {
          const permissions = this.profiles.find((profile) => profile.id === input.profileId)?.permissions ?? this.#permissionsFor('');
          return { permissions, warnings: [] };
        }
        if (input.apiSecret === REFUSED_SECRET) throw KEY_REFUSED;
        const permissions = this.#permissionsFor(input.apiKey);
        const warnings =
          permissions.general === 'FULL_ACCESS'
            ? ['This key can trade: it can place and cancel orders on your account. Margin Desk never trades.', 'This key can transfer and withdraw funds. If it leaks, money can leave your account.']
            : [];
        return { permissions, warnings };
      },
      listDesks: () => this.#deskList(),
      createDesk: (input) => {
        const desk: Desk = { id: `desk${this.#nextId++}`, name: input.name.trim(), memberIds: [...input.memberIds], createdAt: now() };
        this.desks = [...this.desks, desk];
        this.emit('desksChanged', this.#deskList());
        return desk;
      },
      updateDesk: (input) => {
        const current = this.#requireDesk(input.id);
        const updated: Desk = { ...current, ...(input.name === undefined ? {} : { name: input.name.trim() }), ...(input.memberIds === undefined ? {} : { memberIds: [...input.memberIds] }) };
        this.desks = this.desks.map((desk) => (desk.id === input.id ? updated : desk));
        this.emit('desksChanged', this.#deskList());
        return updated;
      },
      deleteDesk: (input) => {
        this.#requireDesk(input.id);
        this.desks = this.desks.filter((desk) => desk.id !== input.id);
        if (this.activeDeskId === input.id) this.activeDeskId = null;
        this.emit('desksChanged', this.#deskList());
      },
      activateDesk: (input) => {
        this.#requireDesk(input.id);
        this.activeDeskId = input.id;
        return this.#deskViews();
      },
      replaceCredentials: (input) => {
        const current = this.profiles.find((profile) => profile.id === input.id);
        if (current === undefined) throw { kind: 'notFound', message: 'No such profile.', action: 'Reload.', retryable: false };
        const updated: ProfileView = { ...current, keyFingerprint: input.apiKey.slice(-4), keychain: 'ok' };
        this.profiles = this.profiles.map((profile) => (profile.id === input.id ? updated : profile));
        return updated;
      },
      switchToStreaming: (input) => {
        const current = this.profiles.find((profile) => profile.id === input.id);
        if (current === undefined) throw { kind: 'notFound', message: 'No such profile.', action: 'Reload.', retryable: false };
        const updated: ProfileView = {
          ...current,
          source: 'uws',
          baseUrl: 'https://api.kraken.com',
          streamUrl: 'wss://uws.kraken.com/v2/private',
          keyFingerprint: input.apiKey.slice(-4),
          keychain: 'ok',
          cutoff: null,
        };
        this.profiles = this.profiles.map((profile) => (profile.id === input.id ? updated : profile));
        return updated;
      },
      getSnapshot: (input) => this.snapshots[input.profileId] ?? null,
      openWindow: () => {
        if (this.activeDeskId === null) this.activeProfileId ??= this.profiles[0]?.id ?? null;
        return {
          settings: this.settings,
          profiles: this.#list(),
          // As main answers it: a master's subaccounts follow through getSnapshot.
          view: this.activeProfileId === null ? null : openingViewOf(this.snapshots[this.activeProfileId]),
          desks: this.#deskList(),
          members: this.#deskViews().map(openingView),
        };
      },
      refreshNow: () => undefined,
      getHistory: (input) => (this.snapshots[input.profileId] === undefined ? [] : historyPoints(input.range, now())),
      listAlerts: (input) =>
        this.alerts.filter((alert) => input.profileId === undefined || alert.profileId === input.profileId).slice(0, input.limit),
      acknowledgeAlert: (input) => {
        const alert = this.alerts.find((candidate) => candidate.id === input.id);
        if (alert === undefined) throw { kind: 'notFound', message: 'This alert no longer exists.', action: 'Reload the alert list.', retryable: false };
        const acknowledged = { ...alert, acknowledgedAt: alert.acknowledgedAt ?? now() };
        this.alerts = this.alerts.map((candidate) => (candidate.id === input.id ? acknowledged : candidate));
        return acknowledged;
      },
      getAlertRules: (input) => this.rules.get(input.profileId) ?? DEFAULT_ALERT_RULES,
      setAlertRules: (input) => {
        this.rules.set(input.profileId, input.rules);
        return input.rules;
      },
      snoozeAlerts: (input) => {
        const until = input.minutes === 0 ? null : now() + input.minutes * 60_000;
        this.snoozedUntil.set(input.profileId, until);
        return { until };
      },
      getAlertStatus: (input) => {
        if (!this.profiles.some((profile) => profile.id === input.profileId)) throw { kind: 'notFound', message: 'No such profile.', action: 'Reload.', retryable: false };
        // Like main: a snooze that has run out is no snooze.
        const until = this.snoozedUntil.get(input.profileId) ?? null;
        return { snoozedUntil: until !== null && until > now() ? until : null, interrupted: this.interrupted.has(input.profileId) };
      },
      getSettings: () => this.settings,
      updateSettings: (input) => {
        this.settings = { ...this.settings, ...input };
        this.emit('settingsChanged', this.settings);
        return this.settings;
      },
      reportRendererError: () => undefined,
      showLogFile: () => undefined,
      openExternal: () => undefined,
      getUpdateState: () => this.update,
      checkForUpdatesNow: () => this.update,
      installUpdate: () => (this.update.kind === 'ready' ? this.installOutcome : 'nothingToInstall'),
    };
  }

  #build(): Bridge {
    const handlers = this.#handlers();
    const call = (name: CallName) => async (input?: unknown): Promise<BridgeResult<unknown>> => {
      this.calls.push({ name, input });
      if (this.#holding.has(name)) await new Promise<void>((resume) => this.#held.set(name, [...(this.#held.get(name) ?? []), resume]));
      const failure = this.failures.get(name);
      if (failure !== undefined) return { ok: false, error: failure };
      try {
        const value = await (handlers[name] as (input: unknown) => unknown)(input);
        // Structured clone, as IPC does: the renderer never shares objects with "main".
        return { ok: true, value: value === undefined ? undefined : structuredClone(value) };
      } catch (error) {
        return { ok: false, error: error as UserFacingError };
      }
    };
    const subscribe = (name: EventName) => (listener: (payload: never) => void): Unsubscribe => {
      const set = this.#listeners.get(name) ?? new Set();
      set.add(listener);
      this.#listeners.set(name, set);
      return () => set.delete(listener);
    };
    const names = Object.keys(handlers) as CallName[];
    const bridge: Record<string, unknown> = {};
    for (const name of names) bridge[name] = call(name);
    for (const event of Object.keys(EVENT_CHANNELS) as EventName[]) {
      bridge[`on${event.charAt(0).toUpperCase()}${event.slice(1)}`] = subscribe(event);
    }
    return bridge as unknown as Bridge;
  }
}
