/**
 * THE bridge contract: every call the renderer can make to main and every event main sends to the
 * renderer, with argument and result types, plus their channel names.
 *
 * Type-only except for the channel-name tables. The preload (`./index.ts`) and main's handler table
 * (`src-main/bridge/handlers.ts`) are both typed against this file, so the compiler fails when
 * either drifts from it. Argument shapes are checked again at runtime in main
 * (`src-main/bridge/argument-schemas.ts`, with the schemas in src-shared), because the renderer is
 * not trusted. Every type it names comes from src-shared, the code both processes share.
 */
import type { UserFacingError } from '../src-shared/user-facing-error.ts';
import type { AccountSnapshot, KeyPermissions } from '../src-shared/account-model.ts';
import type { AlertRecord, AlertRules } from '../src-shared/alert-model.ts';
import type { HealthReport } from '../src-shared/health-model.ts';
import type { RiskReport } from '../src-shared/risk-model.ts';
import type { ProfileStatus } from '../src-shared/profile-status.ts';
import type { DataSourceKind, Profile } from '../src-shared/profile.ts';
import type { Desk, DeskChanges, DeskList, NewDesk } from '../src-shared/desk.ts';
import type { RestCutoffNotice } from '../src-shared/rest-cutoff-notice.ts';
import type { HistoryPoint, HistoryRange } from '../src-shared/history-model.ts';
import type { Settings } from '../src-shared/settings-model.ts';
import type { InstallOutcome, UpdateState } from '../src-shared/update-state.ts';
import type { KeyImportReport, KeyImportRequest } from '../src-shared/key-import.ts';

export type { UserFacingError, AccountSnapshot, KeyPermissions, AlertRecord, AlertRules, HealthReport };
export type { Desk, DeskChanges, DeskList, NewDesk };
export type { ProfileStatus, Profile, DataSourceKind, RestCutoffNotice, HistoryPoint, HistoryRange, Settings, InstallOutcome, UpdateState };
export type * from '../src-shared/account-model.ts';
export type * from '../src-shared/health-model.ts';
export type * from '../src-shared/alert-model.ts';
export type * from '../src-shared/risk-model.ts';
export type { ConnectionState } from '../src-shared/profile-status.ts';
export type { ThemePreference } from '../src-shared/settings-model.ts';
export type { ErrorKind } from '../src-shared/error-kinds.ts';
export type { KeyImportLine, KeyImportOutcome, KeyImportReport, KeyImportRequest } from '../src-shared/key-import.ts';

/** Every call's outcome: a value, or an error the renderer can show as it is. */
export type BridgeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserFacingError };

/** Whether the profile's secret can be read from the OS keychain. */
export type KeychainState = 'ok' | 'unavailable' | 'missing' | 'notNeeded';

export interface ProfileView extends Profile {
  readonly status: ProfileStatus;
  readonly keychain: KeychainState;
  /** A REST profile's notice about Kraken switching the Derivatives REST API off; null when none is due. */
  readonly cutoff: RestCutoffNotice | null;
}

export interface ProfileList {
  readonly profiles: readonly ProfileView[];
  readonly activeProfileId: string | null;
}

/** What a view needs to paint a profile: the figures, their health and how fresh they are. */
export interface SnapshotView {
  readonly snapshot: AccountSnapshot;
  readonly health: HealthReport;
  readonly status: ProfileStatus;
  readonly sample: boolean;
  /** Positions with PnL and liquidation prices, and each account's stress model (docs/LIQUIDATION.md). */
  readonly risk?: RiskReport;
  /**
   * Set when the latest figures (or an alert) could not be written to the local store: the figures
   * are current and alerts still work, but they are not kept. Null (or absent) when saving works.
   */
  readonly storageProblem?: UserFacingError | null;
  /**
   * Only in the window's opening, for a master account: its subaccounts' list and their health
   * figures were left out and follow through getSnapshot (src-main/bridge/opening-view.ts).
   */
  readonly subaccountsFollow?: { readonly subaccounts: number; readonly figures: number };
}

/** Everything the window's first paint needs, in one answer. */
export interface WindowOpening {
  readonly settings: Settings;
  readonly profiles: ProfileList;
  /** The active profile's cached view (the first profile is made active when none is), null without profiles or cached figures. */
  readonly view: SnapshotView | null;
  readonly desks: DeskList;
  /** While a desk is shown: its members' cached views (as the opening carries a view), else empty. */
  readonly members: readonly SnapshotView[];
}

export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface NewProfile extends Credentials {
  readonly name: string;
  readonly colour: string;
  /** Which key this is and so where figures come from; `uws` (a Kraken API key) when absent. */
  readonly source?: DataSourceKind;
  /** REST address (the Futures API for `rest`, Spot REST for `uws`); production when absent. */
  readonly baseUrl?: string;
  /** `uws` only: the WebSocket address; production when absent. */
  readonly streamUrl?: string;
  readonly refreshSeconds?: number;
}

/**
 * What can change without the key's secret. The address a key is sent to is not among them: a
 * key moves to another address only with its secret typed again and checked there
 * (`replaceCredentials` with a `baseUrl`), so a stored key cannot be pointed at another server.
 */
export interface ProfileChanges {
  readonly id: string;
  readonly name?: string;
  readonly colour?: string;
  readonly refreshSeconds?: number;
  /** The Sample profile only (it needs no key): which face of the simulated exchange it reads. */
  readonly source?: DataSourceKind;
}

/**
 * Moves a Futures-key (REST) profile to a Kraken API key (Unified WebSocket), keeping its id and so
 * its history, alert rules and alert log. Addresses default to production.
 */
export interface StreamingSwitch extends Credentials {
  readonly id: string;
  readonly baseUrl?: string;
  readonly streamUrl?: string;
}

/** New credentials for a stored profile, checked with Kraken before they replace the old ones; optionally at a new address. */
export type ReplacedCredentials = Credentials & { readonly id: string; readonly baseUrl?: string; readonly streamUrl?: string };

/** Either fresh credentials typed into the add-profile form, or a stored profile's. */
export type ConnectionTestTarget =
  | (Credentials & { readonly source?: DataSourceKind; readonly baseUrl?: string })
  | { readonly profileId: string };

export interface ConnectionTest {
  readonly permissions: KeyPermissions;
  /** Plain-language warnings, e.g. "This key can withdraw funds". Empty for a read-only key. */
  readonly warnings: readonly string[];
}

export interface AlertStatus {
  readonly snoozedUntil: number | null;
  readonly interrupted: boolean;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
}

export type ViewName = 'overview' | 'flex' | 'positions' | 'stress' | 'subaccounts' | 'history' | 'alerts' | 'profiles' | 'settings';

/** Main asks the renderer to show something (tray menu, notification click, application menu). */
export interface NavigateRequest {
  readonly view: ViewName;
  readonly profileId?: string;
  /** Show this desk (instead of a profile). */
  readonly deskId?: string;
  readonly accountKey?: string;
}

export interface RendererErrorReport {
  readonly message: string;
  readonly stack?: string;
  readonly source?: string;
}

/** Every call: `input` is the single argument (`void`: none), `output` the value of a successful result. */
export interface Calls {
  getAppInfo: { input: void; output: AppInfo };
  listProfiles: { input: void; output: ProfileList };
  createProfile: { input: NewProfile; output: ProfileView };
  createSampleProfile: { input: void; output: ProfileView };
  /**
   * Asks for a file of `name, key, secret` lines with the native open dialog and adds a profile per
   * line, each key checked as createProfile checks it; null when the dialog was closed without a file.
   * The file is read once and not copied or kept.
   */
  importKeys: { input: KeyImportRequest; output: KeyImportReport | null };
  updateProfile: { input: ProfileChanges; output: ProfileView };
  /** `warning`: the profile is gone but something of it is left that the user should know about (its keychain entry). */
  deleteProfile: { input: { readonly id: string }; output: { readonly warning: UserFacingError | null } };
  /**
   * Makes a profile active (the desk shown, if any, gives way to it) and returns its cached snapshot
   * at once (refresh follows in the background).
   */
  activateProfile: { input: { readonly id: string }; output: SnapshotView | null };
  testConnection: { input: ConnectionTestTarget; output: ConnectionTest };
  listDesks: { input: void; output: DeskList };
  createDesk: { input: NewDesk; output: Desk };
  /** Renames a desk or replaces its members; its profiles are never changed. */
  updateDesk: { input: DeskChanges; output: Desk };
  /** Deletes a desk, never its profiles. */
  deleteDesk: { input: { readonly id: string }; output: void };
  /** Shows a desk instead of a single profile; returns its members' cached views at once (refreshes follow). */
  activateDesk: { input: { readonly id: string }; output: readonly SnapshotView[] };
  replaceCredentials: { input: ReplacedCredentials; output: ProfileView };
  switchToStreaming: { input: StreamingSwitch; output: ProfileView };
  getSnapshot: { input: { readonly profileId: string }; output: SnapshotView | null };
  /**
   * The window's first paint in one round trip: settings, the profile list and the active profile's
   * cached view. One call rather than three in parallel: every answer costs the window a message to
   * receive and handle while it is starting up.
   */
  openWindow: { input: void; output: WindowOpening };
  refreshNow: { input: { readonly profileId: string }; output: void };
  getHistory: {
    input: { readonly profileId: string; readonly accountKey: string; readonly range: HistoryRange };
    output: readonly HistoryPoint[];
  };
  listAlerts: { input: { readonly profileId?: string; readonly limit: number }; output: readonly AlertRecord[] };
  /** The alert as main now has it: acknowledged at main's time (an earlier acknowledgement stays). */
  acknowledgeAlert: { input: { readonly id: number }; output: AlertRecord };
  getAlertRules: { input: { readonly profileId: string }; output: AlertRules };
  setAlertRules: { input: { readonly profileId: string; readonly rules: AlertRules }; output: AlertRules };
  snoozeAlerts: { input: { readonly profileId: string; readonly minutes: number }; output: { readonly until: number | null } };
  /** Whether a profile's alerts are snoozed (until when) and whether monitoring is interrupted. */
  getAlertStatus: { input: { readonly profileId: string }; output: AlertStatus };
  getSettings: { input: void; output: Settings };
  updateSettings: { input: Partial<Settings>; output: Settings };
  reportRendererError: { input: RendererErrorReport; output: void };
  showLogFile: { input: void; output: void };
  openExternal: { input: { readonly url: string }; output: void };
  getUpdateState: { input: void; output: UpdateState };
  /** Checks the feed now (Settings' "Check now"); resolves with the state the check ended in. */
  checkForUpdatesNow: { input: void; output: UpdateState };
  /** "Restart to update": restarts unless nothing is ready or a critical alert is showing. */
  installUpdate: { input: void; output: InstallOutcome };
}

/** Every main → renderer event and its payload. */
export interface Events {
  snapshot: SnapshotView;
  profileStatus: ProfileStatus;
  profilesChanged: ProfileList;
  desksChanged: DeskList;
  alert: AlertRecord;
  settingsChanged: Settings;
  navigate: NavigateRequest;
  updateState: UpdateState;
}

export type CallName = keyof Calls;
export type EventName = keyof Events;
export type CallInput<K extends CallName> = Calls[K]['input'];
export type CallOutput<K extends CallName> = Calls[K]['output'];

/** IPC channel of every call. `satisfies` makes a missing or extra entry a compile error. */
export const CALL_CHANNELS = {
  getAppInfo: 'md:getAppInfo',
  listProfiles: 'md:listProfiles',
  createProfile: 'md:createProfile',
  createSampleProfile: 'md:createSampleProfile',
  importKeys: 'md:importKeys',
  updateProfile: 'md:updateProfile',
  deleteProfile: 'md:deleteProfile',
  activateProfile: 'md:activateProfile',
  testConnection: 'md:testConnection',
  listDesks: 'md:listDesks',
  createDesk: 'md:createDesk',
  updateDesk: 'md:updateDesk',
  deleteDesk: 'md:deleteDesk',
  activateDesk: 'md:activateDesk',
  replaceCredentials: 'md:replaceCredentials',
  switchToStreaming: 'md:switchToStreaming',
  getSnapshot: 'md:getSnapshot',
  openWindow: 'md:openWindow',
  refreshNow: 'md:refreshNow',
  getHistory: 'md:getHistory',
  listAlerts: 'md:listAlerts',
  acknowledgeAlert: 'md:acknowledgeAlert',
  getAlertRules: 'md:getAlertRules',
  setAlertRules: 'md:setAlertRules',
  snoozeAlerts: 'md:snoozeAlerts',
  getAlertStatus: 'md:getAlertStatus',
  getSettings: 'md:getSettings',
  updateSettings: 'md:updateSettings',
  reportRendererError: 'md:reportRendererError',
  showLogFile: 'md:showLogFile',
  openExternal: 'md:openExternal',
  getUpdateState: 'md:getUpdateState',
  checkForUpdatesNow: 'md:checkForUpdatesNow',
  installUpdate: 'md:installUpdate',
} as const satisfies { readonly [K in CallName]: `md:${K}` };

export const EVENT_CHANNELS = {
  snapshot: 'md:event:snapshot',
  profileStatus: 'md:event:profileStatus',
  profilesChanged: 'md:event:profilesChanged',
  desksChanged: 'md:event:desksChanged',
  alert: 'md:event:alert',
  settingsChanged: 'md:event:settingsChanged',
  navigate: 'md:event:navigate',
  updateState: 'md:event:updateState',
} as const satisfies { readonly [K in EventName]: `md:event:${K}` };

export type Unsubscribe = () => void;

/** The name of the subscribe function of an event: `snapshot` → `onSnapshot`. */
export type SubscriberName<K extends EventName> = `on${Capitalize<K>}`;

/** The object the preload exposes on `window[BRIDGE_GLOBAL]`: one method per call, one subscriber per event. */
export type Bridge = {
  readonly [K in CallName]: CallInput<K> extends void
    ? () => Promise<BridgeResult<CallOutput<K>>>
    : (input: CallInput<K>) => Promise<BridgeResult<CallOutput<K>>>;
} & {
  readonly [K in EventName as SubscriberName<K>]: (listener: (payload: Events[K]) => void) => Unsubscribe;
};

/** The one window global the renderer talks through. */
export const BRIDGE_GLOBAL = 'marginDesk';
