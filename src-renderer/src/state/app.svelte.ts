/**
 * The window's state: profiles, the active profile and its snapshot, connection states, settings,
 * the current view. Fed by the bridge's calls and events; the views only read it and call its
 * actions. Large model objects are held as `$state.raw` (replaced, never mutated) so that a
 * snapshot with 1,000 subaccounts is not wrapped in reactive proxies.
 */
import { getContext, setContext } from 'svelte';
import type {
  Bridge,
  Desk,
  DeskList,
  NavigateRequest,
  ProfileList,
  ProfileStatus,
  ProfileView,
  Settings,
  SnapshotView,
  UserFacingError,
  ViewName,
  WindowOpening,
} from '../../../src-preload/contract.ts';
import { composeDesk, type DeskComposition } from '../../../src-shared/desk-composition.ts';
import { DEFAULT_SETTINGS } from '../../../src-shared/settings-model.ts';
import { entryForShortcut, switchOrder, type SwitchEntry } from '../../../src-shared/switch-order.ts';
import { afterFirstPaint } from '../lib/after-first-paint.ts';
import { isOutdated } from '../lib/labels.ts';
import { settle } from '../lib/settle.ts';
import { buildRows, type SubaccountRow } from '../lib/subaccount-table.ts';
import { AlertsState } from './alerts.svelte.ts';
import { Clock } from './clock.svelte.ts';
import { HistoryState } from './history.svelte.ts';
import { SubaccountTableState } from './subaccount-table.svelte.ts';

/** Until main's settings arrive the window paints no figure, so privacy mode can never flash off. */
const SETTINGS_BEFORE_LOAD: Settings = { ...DEFAULT_SETTINGS, privacyMode: true };

export type Phase = 'loading' | 'ready' | 'failed';

/** The views that show one profile's accounts: a desk shows its members on the overview and the subaccounts table instead. */
const SINGLE_PROFILE_VIEWS: ReadonlySet<ViewName> = new Set(['flex', 'positions', 'stress', 'history']);

/** One entry of the switcher and of Ctrl/Cmd+1…9 (src-shared/switch-order.ts). */
export type SwitchTarget = SwitchEntry<ProfileView, Desk>;

/** A failed action of the shell (switch, refresh, a setting), shown until dismissed or superseded. */
export interface ShellNotice {
  readonly context: string;
  readonly error: UserFacingError;
}

export class AppState {
  readonly bridge: Bridge;
  readonly clock = new Clock();
  readonly alerts: AlertsState;
  readonly history: HistoryState;
  readonly subaccountTable = new SubaccountTableState();

  phase = $state<Phase>('loading');
  loadError = $state.raw<UserFacingError | null>(null);
  /** Why the subaccounts the opening left out could not be fetched (see `fetchFollowingSubaccounts`). */
  followingError = $state.raw<UserFacingError | null>(null);
  notice = $state.raw<ShellNotice | null>(null);

  profiles = $state.raw<readonly ProfileView[]>([]);
  /** The profile shown; null while a desk is shown. */
  activeProfileId = $state<string | null>(null);
  desks = $state.raw<readonly Desk[]>([]);
  /** The desk shown instead of a profile, null when a profile is shown. */
  activeDeskId = $state<string | null>(null);
  snapshots = $state.raw<Readonly<Record<string, SnapshotView>>>({});
  statuses = $state.raw<Readonly<Record<string, ProfileStatus>>>({});
  settings = $state.raw<Settings>(SETTINGS_BEFORE_LOAD);
  systemPrefersDark = $state(false);

  view = $state<ViewName>('overview');
  /** The account a navigation request asked to show: `flex`, `wallet:<key>` or `sub:<uid>`. */
  focusAccountKey = $state<string | null>(null);

  readonly activeDesk = $derived(this.desks.find((desk) => desk.id === this.activeDeskId) ?? null);
  /** The shown desk's members that exist, in the desk's order. */
  readonly deskMembers = $derived.by(() => {
    if (this.activeDesk === null) return [];
    // Looked up by id, not searched per member: a desk made from a master's list has as many members as profiles.
    const byId: Partial<Record<string, ProfileView>> = Object.fromEntries(this.profiles.map((profile) => [profile.id, profile]));
    return this.activeDesk.memberIds.flatMap((id) => byId[id] ?? []);
  });
  /** The shown desk as a master's subaccounts list (src-shared/desk-composition.ts), null while a profile is shown. */
  readonly deskComposition = $derived<DeskComposition | null>(
    this.activeDesk === null
      ? null
      : composeDesk(this.deskMembers.map((profile) => ({ profileId: profile.id, name: profile.name, view: this.snapshots[profile.id] ?? null }))),
  );
  /** The shown desk's members as the subaccounts table's rows: built once for its overview and its subaccounts view. */
  readonly deskRows = $derived<readonly SubaccountRow[]>(
    this.deskComposition === null ? [] : buildRows(this.deskComposition.subaccounts, this.deskComposition),
  );
  /** The switcher's entries in shortcut order: desks, then the profiles in no desk. */
  readonly switchTargets = $derived<readonly SwitchTarget[]>(
    switchOrder({ profiles: this.profiles, desks: this.desks, activeProfileId: this.activeProfileId }),
  );
  readonly activeProfile = $derived(this.profiles.find((profile) => profile.id === this.activeProfileId) ?? null);
  readonly activeSnapshot = $derived(this.activeProfileId === null ? null : (this.snapshots[this.activeProfileId] ?? null));
  readonly activeStatus = $derived(
    this.activeProfileId === null
      ? null
      : (this.statuses[this.activeProfileId] ?? this.activeSnapshot?.status ?? this.activeProfile?.status ?? null),
  );
  /** A profile's connection as last reported, else as its profile carried it (a desk member's own state); null for an unknown id. */
  readonly statusOf = (profileId: string): ProfileStatus | null =>
    this.statuses[profileId] ?? this.profiles.find((profile) => profile.id === profileId)?.status ?? null;
  readonly privacy = $derived(this.settings.privacyMode);
  readonly theme = $derived(
    this.settings.theme === 'system' ? (this.systemPrefersDark ? 'dark' : 'light') : this.settings.theme,
  );
  /** True when the active profile is the built-in sample: every view says SAMPLE DATA. */
  readonly sample = $derived(this.activeSnapshot?.sample ?? this.activeProfile?.kind === 'sample');
  /** When the figures on screen were fetched (ms), null without figures. */
  readonly dataFetchedAt = $derived(this.activeStatus?.lastSuccessAt ?? this.activeSnapshot?.snapshot.fetchedAt ?? null);
  /** The figures on screen are not current (stale, offline, key refused, keychain locked): they read as last known. */
  readonly outdated = $derived(this.activeStatus !== null && isOutdated(this.activeStatus.state));

  #pendingActivation: string | null = null;
  /** The profile main remembers as active; shown again when the desk is put away. */
  #rememberedProfileId: string | null = null;
  #teardown: (() => void)[] = [];

  constructor(bridge: Bridge) {
    this.bridge = bridge;
    this.alerts = new AlertsState(bridge);
    this.history = new HistoryState(bridge);
  }

  /** Subscribes to every event first (nothing is missed), then loads profiles and settings together. */
  async start(): Promise<void> {
    this.clock.start();
    this.#watchColourScheme();
    const bridge = this.bridge;
    this.#teardown.push(
      bridge.onSnapshot((view) => this.#storeSnapshot(view)),
      bridge.onProfileStatus((status) => this.#storeStatus(status)),
      bridge.onProfilesChanged((list) => this.#storeProfiles(list)),
      bridge.onDesksChanged((list) => this.#storeDesks(list)),
      bridge.onSettingsChanged((settings) => {
        this.settings = settings;
      }),
      bridge.onNavigate((request) => void this.navigate(request)),
      bridge.onAlert((alert) => this.alerts.receive(alert)),
    );
    // The network came back: refresh at once rather than wait for the monitor's next offline probe.
    const onOnline = () => void this.refreshNow();
    window.addEventListener('online', onOnline);
    this.#teardown.push(() => window.removeEventListener('online', onOnline));
    await this.load();
  }

  stop(): void {
    for (const unsubscribe of this.#teardown.splice(0)) unsubscribe();
    this.clock.stop();
  }

  /**
   * Loads what the first paint needs in one call: settings, the profile list and the active
   * profile's cached snapshot (main picks and, if need be, activates it). The views stay behind the
   * loading screen until it is in (`phase`): no figure paints before the privacy setting is known,
   * and the overview never flashes "fetching" for figures that are already on disk. Events that
   * arrived while the call was on its way are older than its answer (main answers in order), so the
   * answer replaces what they stored.
   */
  async load(): Promise<void> {
    this.phase = 'loading';
    const opening = await settle(() => this.bridge.openWindow());
    if (!opening.ok) {
      this.loadError = opening.error;
      this.phase = 'failed';
      return;
    }
    this.#adopt(opening.value);
    const { view } = opening.value;
    afterFirstPaint(() => {
      if (view?.subaccountsFollow !== undefined) void this.fetchFollowingSubaccounts(view.snapshot.profileId);
      void this.alerts.load();
    });
  }

  /** Takes the window's opening as the state to show. */
  #adopt({ settings, profiles, view, desks, members }: WindowOpening): void {
    this.settings = settings;
    // A switch the user started meanwhile stays: #storeProfiles leaves the active profile alone then.
    this.#storeProfiles(profiles);
    this.#storeDesks(desks);
    if (view !== null) this.#storeSnapshot(view);
    for (const member of members) this.#storeSnapshot(member);
    this.loadError = null;
    this.phase = 'ready';
  }

  /**
   * The opening leaves a master's subaccounts out so that the overview paints sooner (see
   * SnapshotView.subaccountsFollow): once it has painted, the whole view is asked for. It replaces
   * only the opening's partial view: a whole one that arrived meanwhile (an event, a switch) is as new.
   */
  async fetchFollowingSubaccounts(profileId: string): Promise<void> {
    this.followingError = null;
    const result = await settle(() => this.bridge.getSnapshot({ profileId }));
    if (!result.ok) {
      this.followingError = result.error;
      return;
    }
    if (result.value !== null && this.snapshots[profileId]?.subaccountsFollow !== undefined) this.#storeSnapshot(result.value);
  }

  /**
   * Switches profile. The copy already in memory is painted before the bridge answers; main's
   * cached snapshot replaces it as soon as `activateProfile` returns, and events keep it current.
   */
  async activate(id: string): Promise<void> {
    if (id === this.activeProfileId && this.#pendingActivation === null) return;
    const previous = { profileId: this.activeProfileId, deskId: this.activeDeskId };
    this.activeProfileId = id;
    this.activeDeskId = null;
    this.#pendingActivation = id;
    const result = await settle(() => this.bridge.activateProfile({ id }));
    if (this.#pendingActivation !== id) return;
    this.#pendingActivation = null;
    if (result.ok) {
      this.#rememberedProfileId = id;
      if (result.value !== null) this.#storeSnapshot(result.value);
    } else {
      this.activeProfileId = previous.profileId;
      this.activeDeskId = previous.deskId;
      this.notice = { context: 'Could not switch profile', error: result.error };
    }
  }

  /**
   * Shows a desk: its members' figures in memory paint at once, main's cached ones replace them as
   * soon as `activateDesk` answers, and events keep every member current. A view that shows one
   * profile's accounts gives way to the overview.
   */
  async activateDesk(id: string): Promise<void> {
    if (id === this.activeDeskId && this.#pendingActivation === null) return;
    const previous = { profileId: this.activeProfileId, deskId: this.activeDeskId, view: this.view };
    this.activeDeskId = id;
    this.activeProfileId = null;
    if (SINGLE_PROFILE_VIEWS.has(this.view)) this.show('overview');
    const pending = `desk:${id}`;
    this.#pendingActivation = pending;
    const result = await settle(() => this.bridge.activateDesk({ id }));
    if (this.#pendingActivation !== pending) return;
    this.#pendingActivation = null;
    if (result.ok) {
      for (const view of result.value) this.#storeSnapshot(view);
    } else {
      this.activeProfileId = previous.profileId;
      this.activeDeskId = previous.deskId;
      this.view = previous.view;
      this.notice = { context: 'Could not show the desk', error: result.error };
    }
  }

  /** Ctrl/Cmd+1…9 as the switcher numbers its entries: desks first, then the profiles in no desk. */
  async activateByIndex(index: number): Promise<void> {
    const target = entryForShortcut(this.switchTargets, index + 1);
    if (target === undefined) return;
    if (target.kind === 'profile') await this.activate(target.profile.id);
    else await this.activateDesk(target.desk.id);
  }

  /** Refreshes what is shown: the active profile, or every member of the shown desk. */
  async refreshNow(): Promise<void> {
    const ids = this.activeDesk !== null ? this.activeDesk.memberIds : this.activeProfileId === null ? [] : [this.activeProfileId];
    const results = await Promise.all(ids.map((profileId) => settle(() => this.bridge.refreshNow({ profileId }))));
    const failed = results.find((result) => !result.ok);
    if (failed !== undefined && !failed.ok) this.notice = { context: 'Refresh failed', error: failed.error };
  }

  async navigate(request: NavigateRequest): Promise<void> {
    this.view = request.view;
    this.focusAccountKey = request.accountKey ?? null;
    if (request.deskId !== undefined) await this.activateDesk(request.deskId);
    else if (request.profileId !== undefined && request.profileId !== this.activeProfileId) await this.activate(request.profileId);
  }

  /** Whether a view has something to show now: a desk has no single-profile views. */
  isViewAvailable(view: ViewName): boolean {
    return this.activeDesk === null || !SINGLE_PROFILE_VIEWS.has(view);
  }

  show(view: ViewName): void {
    this.view = view;
    this.focusAccountKey = null;
  }

  /**
   * Applies a settings change at once and persists it. Privacy stays applied even when saving it
   * fails: hiding amounts right now matters more than remembering it.
   */
  async updateSettings(changes: Partial<Settings>): Promise<boolean> {
    const before = this.settings;
    this.settings = { ...before, ...changes };
    const result = await settle(() => this.bridge.updateSettings(changes));
    if (result.ok) {
      this.settings = result.value;
      return true;
    }
    if (changes.privacyMode !== true) this.settings = before;
    this.notice = { context: 'Could not save the setting', error: result.error };
    return false;
  }

  togglePrivacy(): Promise<boolean> {
    return this.updateSettings({ privacyMode: !this.settings.privacyMode });
  }

  dismissNotice(): void {
    this.notice = null;
  }

  /** Creates the built-in sample profile and switches to it; answers the error, if any. */
  async addSampleProfile(): Promise<UserFacingError | null> {
    const result = await settle(() => this.bridge.createSampleProfile());
    if (!result.ok) return result.error;
    await this.adoptNewProfile(result.value);
    return null;
  }

  /** A profile the user just created is the one they want to see. */
  async adoptNewProfile(profile: ProfileView): Promise<void> {
    this.upsertProfile(profile);
    await this.activate(profile.id);
  }

  /** Adopts a profile returned by a profile action (create, update, delete) before its event arrives. */
  upsertProfile(profile: ProfileView): void {
    const exists = this.profiles.some((candidate) => candidate.id === profile.id);
    this.profiles = exists
      ? this.profiles.map((candidate) => (candidate.id === profile.id ? profile : candidate))
      : [...this.profiles, profile];
  }

  /** Adopts a desk returned by a desk action (create, update) before its event arrives. */
  adoptNewDesk(desk: Desk): void {
    const exists = this.desks.some((candidate) => candidate.id === desk.id);
    this.desks = exists ? this.desks.map((candidate) => (candidate.id === desk.id ? desk : candidate)) : [...this.desks, desk];
  }

  removeDesk(id: string): void {
    this.desks = this.desks.filter((desk) => desk.id !== id);
    if (this.activeDeskId === id) {
      this.activeDeskId = null;
      this.activeProfileId = this.#rememberedProfileId;
    }
  }

  removeProfile(id: string): void {
    this.profiles = this.profiles.filter((profile) => profile.id !== id);
    const { [id]: _removed, ...snapshots } = this.snapshots;
    this.snapshots = snapshots;
    if (this.#rememberedProfileId === id) this.#rememberedProfileId = null;
    if (this.activeProfileId === id) {
      this.activeProfileId = null;
      const next = this.profiles[0];
      if (next !== undefined) void this.activate(next.id);
    }
  }

  #storeSnapshot(view: SnapshotView): void {
    const id = view.snapshot.profileId;
    this.snapshots = { ...this.snapshots, [id]: view };
    this.statuses = { ...this.statuses, [id]: view.status };
  }

  #storeStatus(status: ProfileStatus): void {
    this.statuses = { ...this.statuses, [status.profileId]: status };
  }

  #storeProfiles(list: ProfileList): void {
    this.profiles = list.profiles;
    const statuses: Record<string, ProfileStatus> = { ...this.statuses };
    for (const profile of list.profiles) statuses[profile.id] = profile.status;
    this.statuses = statuses;
    this.#rememberedProfileId = list.activeProfileId;
    // While a switch is in flight the user's choice wins over a list that predates it; while a desk
    // is shown no profile is.
    if (this.#pendingActivation === null) this.activeProfileId = this.activeDeskId === null ? list.activeProfileId : null;
  }

  #storeDesks(list: DeskList): void {
    this.desks = list.desks;
    if (this.#pendingActivation !== null) return;
    this.activeDeskId = list.activeDeskId;
    // The desk was put away (deleted, or a profile shown from the tray): the remembered profile shows again.
    this.activeProfileId = list.activeDeskId === null ? (this.activeProfileId ?? this.#rememberedProfileId) : null;
  }

  #watchColourScheme(): void {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemPrefersDark = query.matches;
    const listener = (event: MediaQueryListEvent) => {
      this.systemPrefersDark = event.matches;
    };
    query.addEventListener('change', listener);
    this.#teardown.push(() => query.removeEventListener('change', listener));
  }
}

const APP_CONTEXT = Symbol('app');

export function provideApp(app: AppState): void {
  setContext(APP_CONTEXT, app);
}

export function useApp(): AppState {
  return getContext<AppState>(APP_CONTEXT);
}
