/**
 * Builds the bridge object from the contract's channel tables over any transport. The preload binds
 * it to Electron's ipcRenderer; the end-to-end harness binds it to the browser test driver. Both
 * therefore expose exactly the same named methods and nothing else.
 */
import {
  CALL_CHANNELS,
  EVENT_CHANNELS,
  type Bridge,
  type BridgeResult,
  type CallName,
  type EventName,
  type Events,
  type Unsubscribe,
} from './contract.ts';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<BridgeResult<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

function call<K extends CallName>(transport: BridgeTransport, name: K) {
  const channel = CALL_CHANNELS[name];
  // Only the single argument is forwarded: nothing else the page passes crosses the bridge.
  return (input?: unknown) => transport.invoke(channel, input);
}

/**
 * `openWindow`, answered from the page itself when main wrote the opening into it (see
 * ./embedded-opening.ts): `openingInPage` yields that answer once, and null after, or without one;
 * then the call goes to main as any other.
 */
function openWindowCall(transport: BridgeTransport, openingInPage: () => BridgeResult<unknown> | null) {
  const channel = CALL_CHANNELS.openWindow;
  return (input?: unknown) => {
    const written = openingInPage();
    return written === null ? transport.invoke(channel, input) : Promise.resolve(written);
  };
}

function subscriber<K extends EventName>(transport: BridgeTransport, name: K) {
  const channel = EVENT_CHANNELS[name];
  return (listener: (payload: Events[K]) => void): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError(`${name}: listener must be a function`);
    return transport.subscribe(channel, (payload) => listener(payload as Events[K]));
  };
}

export interface BridgeOptions {
  /** The window's opening main wrote into the page, taken once (null when there is none). */
  readonly openingInPage?: () => BridgeResult<unknown> | null;
}

const NO_OPENING_IN_PAGE = () => null;

export function createBridge(transport: BridgeTransport, options: BridgeOptions = {}): Bridge {
  // One line per call and per event, spelled out: `satisfies Bridge` turns a call or event added to
  // (or removed from) the contract without a line here into a compile error.
  const bridge = {
    getAppInfo: call(transport, 'getAppInfo'),
    listProfiles: call(transport, 'listProfiles'),
    createProfile: call(transport, 'createProfile'),
    importKeys: call(transport, 'importKeys'),
    createSampleProfile: call(transport, 'createSampleProfile'),
    updateProfile: call(transport, 'updateProfile'),
    deleteProfile: call(transport, 'deleteProfile'),
    activateProfile: call(transport, 'activateProfile'),
    testConnection: call(transport, 'testConnection'),
    listDesks: call(transport, 'listDesks'),
    createDesk: call(transport, 'createDesk'),
    updateDesk: call(transport, 'updateDesk'),
    deleteDesk: call(transport, 'deleteDesk'),
    activateDesk: call(transport, 'activateDesk'),
    replaceCredentials: call(transport, 'replaceCredentials'),
    switchToStreaming: call(transport, 'switchToStreaming'),
    getSnapshot: call(transport, 'getSnapshot'),
    openWindow: openWindowCall(transport, options.openingInPage ?? NO_OPENING_IN_PAGE),
    refreshNow: call(transport, 'refreshNow'),
    getHistory: call(transport, 'getHistory'),
    listAlerts: call(transport, 'listAlerts'),
    acknowledgeAlert: call(transport, 'acknowledgeAlert'),
    getAlertRules: call(transport, 'getAlertRules'),
    setAlertRules: call(transport, 'setAlertRules'),
    snoozeAlerts: call(transport, 'snoozeAlerts'),
    getAlertStatus: call(transport, 'getAlertStatus'),
    getSettings: call(transport, 'getSettings'),
    updateSettings: call(transport, 'updateSettings'),
    reportRendererError: call(transport, 'reportRendererError'),
    showLogFile: call(transport, 'showLogFile'),
    openExternal: call(transport, 'openExternal'),
    getUpdateState: call(transport, 'getUpdateState'),
    checkForUpdatesNow: call(transport, 'checkForUpdatesNow'),
    installUpdate: call(transport, 'installUpdate'),
    onSnapshot: subscriber(transport, 'snapshot'),
    onProfileStatus: subscriber(transport, 'profileStatus'),
    onProfilesChanged: subscriber(transport, 'profilesChanged'),
    onDesksChanged: subscriber(transport, 'desksChanged'),
    onAlert: subscriber(transport, 'alert'),
    onSettingsChanged: subscriber(transport, 'settingsChanged'),
    onNavigate: subscriber(transport, 'navigate'),
    onUpdateState: subscriber(transport, 'updateState'),
  } satisfies Record<keyof Bridge, unknown>;
  return Object.freeze(bridge) as Bridge;
}
