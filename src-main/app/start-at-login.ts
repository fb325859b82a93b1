/**
 * "Start at login" as the system has it. The setting is the app's record of the user's choice, but
 * users can remove (or add) the login entry in their system settings: at start-up the setting takes
 * the system's answer, so the Settings screen never claims a start at login that will not happen.
 */
import type { Settings } from '../../src-shared/settings-model.ts';

export interface StartAtLoginServices {
  readonly store: { readonly settings: { get(): Settings } };
  updateSettings(changes: Partial<Settings>): unknown;
}

/** `systemEnabled`: whether the OS will start the app at login (LoginItem.isEnabled()). */
export function adoptSystemStartAtLogin(services: StartAtLoginServices, systemEnabled: boolean): void {
  if (services.store.settings.get().startAtLogin !== systemEnabled) services.updateSettings({ startAtLogin: systemEnabled });
}
