/**
 * What the plain-Node services need from the desktop around them. The Electron adapters implement
 * it in the app; tests and the end-to-end harness pass recording implementations.
 */
export interface PlatformHooks {
  /** Reveal the log file in the system file manager. */
  showLogFile(path: string): void;
  /** Open an already allow-listed https URL in the system browser. */
  openExternal(url: string): void;
  /** Start at login (hidden in the tray when `hidden`), or not. */
  setStartAtLogin(enabled: boolean, hidden: boolean): void;
  /** The path of a file of keys the user chose in a native open dialog, null when none was chosen; absent where no dialog can be shown. */
  chooseKeyFile?(): Promise<string | null>;
}
