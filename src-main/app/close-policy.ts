/**
 * What closing the window does, as a service: hide it and keep watching from the tray (with the
 * one-time hint, src-main/monitor/tray-close-hint.ts), or let it close when the app is quitting or
 * has nowhere to come back from. The window adapter asks it on every 'close'.
 */
import type { Settings } from '../../src-shared/settings-model.ts';
import { decideWindowClose, trayHint, type TrayHint } from '../monitor/tray-close-hint.ts';

export interface ClosePolicyOptions {
  readonly platform: string;
  /** The user chose Quit or the system is shutting down: closing the window then closes it. */
  readonly quitting: () => boolean;
  /** Whether the tray icon exists now. */
  readonly trayShown: () => boolean;
  readonly settings: { get(): Settings };
  readonly updateSettings: (changes: Partial<Settings>) => unknown;
  /** Shows the hint; a click on it brings the window back. */
  readonly showHint: (hint: TrayHint) => void;
}

export class ClosePolicy {
  readonly #options: ClosePolicyOptions;

  constructor(options: ClosePolicyOptions) {
    this.#options = options;
  }

  /** Whether the window should hide instead of closing; shows the one-time hint when it is time. */
  hideOnClose(): boolean {
    const { platform, quitting, trayShown, settings, updateSettings, showHint } = this.#options;
    const decision = decideWindowClose({ quitting: quitting(), trayShown: trayShown(), platform, trayHintShown: settings.get().trayHintShown });
    if (decision.showHint) {
      showHint(trayHint(platform));
      updateSettings({ trayHintShown: true });
    }
    return decision.keepRunning;
  }
}
