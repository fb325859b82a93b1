/** The words the UI uses for the model's enumerations, in one place so every view says the same. */
import type {
  AlertLevel,
  ConnectionState,
  HealthLevel,
  KeychainState,
  PermissionLevel,
  ViewName,
} from '../../../src-preload/contract.ts';

export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  overview: 'Overview',
  flex: 'Flex collateral',
  positions: 'Positions',
  stress: 'Stress test',
  subaccounts: 'Subaccounts',
  history: 'History',
  alerts: 'Alerts',
  profiles: 'Profiles',
  settings: 'Settings',
};

export const VIEW_ORDER: readonly ViewName[] = ['overview', 'flex', 'positions', 'stress', 'subaccounts', 'history', 'alerts', 'profiles', 'settings'];

export const HEALTH_LABELS: Readonly<Record<HealthLevel, string>> = {
  noMargin: 'No margin used',
  healthy: 'Healthy',
  unknown: 'Health unknown',
  warn: 'Warning',
  imBreached: 'Below initial margin',
  critical: 'Critical',
  liquidation: 'Liquidation imminent',
};

export const ALERT_LABELS: Readonly<Record<AlertLevel, string>> = {
  warn: 'Warning',
  imBreached: 'Initial margin breached',
  critical: 'Critical',
  liquidation: 'Liquidation imminent',
  interrupted: 'Monitoring interrupted',
};

export const CONNECTION_LABELS: Readonly<Record<ConnectionState, string>> = {
  live: 'Live',
  refreshing: 'Refreshing',
  stale: 'Stale',
  offline: 'Offline',
  authFailed: 'Key refused',
  keychainLocked: 'Keychain locked',
  switchedOff: 'API switched off',
  idle: 'Not refreshed yet',
};

/** States in which the figures on screen are not current: they are shown dimmed, with the reason. */
export function isOutdated(state: ConnectionState): boolean {
  return state === 'stale' || state === 'offline' || state === 'authFailed' || state === 'keychainLocked' || state === 'switchedOff';
}

export const CONNECTION_EXPLANATIONS: Readonly<Record<ConnectionState, string>> = {
  live: 'Figures are current.',
  refreshing: 'Fetching new figures; the ones shown are the previous ones.',
  stale: 'The last refresh is too old. Figures may have changed since.',
  offline: 'Kraken cannot be reached. Showing the last known figures.',
  authFailed: 'Kraken refused the API key. Showing the last known figures until the key is fixed in Profiles.',
  keychainLocked: 'The key could not be read from the system keychain. Unlock it to resume.',
  switchedOff: 'Kraken switched off the API this profile reads. Switch it to a Kraken API key in Profiles; its history and alert rules stay.',
  idle: 'This profile has not been refreshed yet.',
};

export const PERMISSION_LABELS: Readonly<Record<PermissionLevel, string>> = {
  NO_ACCESS: 'No access',
  READ_ONLY: 'Read only',
  FULL_ACCESS: 'Full access',
  unknown: 'Unknown',
};

export const KEYCHAIN_LABELS: Readonly<Record<KeychainState, string>> = {
  ok: 'Key in keychain',
  unavailable: 'Keychain unavailable',
  missing: 'Key missing from keychain',
  notNeeded: 'No key needed',
};

export const KEYCHAIN_HELP: Readonly<Record<KeychainState, string | null>> = {
  ok: null,
  unavailable:
    'The system keychain could not be opened. On Linux, install and unlock a Secret Service (GNOME Keyring or KWallet); cached figures stay available meanwhile.',
  missing: 'The keychain has no key for this profile. Use "Replace credentials" to enter it again.',
  notNeeded: null,
};
