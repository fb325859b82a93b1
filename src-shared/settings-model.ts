export type ThemePreference = 'system' | 'light' | 'dark';

export interface Settings {
  /** Hide every amount (replaced, not blurred); ratios and health colours stay. */
  readonly privacyMode: boolean;
  readonly theme: ThemePreference;
  readonly startAtLogin: boolean;
  /** When started at login, stay in the tray. */
  readonly startHidden: boolean;
  /** Set once the "still running in the tray" hint was shown. */
  readonly trayHintShown: boolean;
  /** Look for a new version at start and every few hours (src-main/updates). */
  readonly checkForUpdates: boolean;
  /** Write the first Unified WebSocket message of each channel and type to a file (src-main/app/stream-diagnostics.ts). */
  readonly recordStreamMessages: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  privacyMode: false,
  theme: 'system',
  startAtLogin: false,
  startHidden: true,
  trayHintShown: false,
  checkForUpdates: true,
  recordStreamMessages: false,
};
