/**
 * What closing the main window means. Margin Desk exists to keep watching from the tray, so closing
 * the window hides it instead of quitting, and the first time this happens the user is told once
 * (settings.trayHintShown) where the app went and how to quit it.
 */

export interface WindowCloseContext {
  /** The user chose Quit (tray menu, app menu, Cmd+Q) or the system is shutting down. */
  readonly quitting: boolean;
  /** The tray icon exists; without it (and without macOS's dock) a hidden window could never come back. */
  readonly trayShown: boolean;
  readonly platform: string;
  /** settings.trayHintShown */
  readonly trayHintShown: boolean;
}

export interface WindowCloseDecision {
  /** Hide the window (preventDefault on 'close') instead of letting it close. */
  readonly keepRunning: boolean;
  /** Show the one-time hint, then set settings.trayHintShown to true. */
  readonly showHint: boolean;
}

export function decideWindowClose(context: WindowCloseContext): WindowCloseDecision {
  const keepRunning = !context.quitting && (context.trayShown || context.platform === 'darwin');
  return { keepRunning, showHint: keepRunning && !context.trayHintShown };
}

export interface TrayHint {
  readonly title: string;
  readonly body: string;
}

export function trayHint(platform: string): TrayHint {
  const where = platform === 'darwin' ? 'menu bar' : 'system tray';
  return {
    title: 'Margin Desk is still watching your margin',
    body: `It keeps running in the ${where} and will alert you there. To stop it, choose Quit Margin Desk from the ${where} icon's menu.`,
  };
}
