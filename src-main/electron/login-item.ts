/**
 * "Start Margin Desk at login", optionally hidden in the tray, on each OS:
 *   macOS    a login item (app.setLoginItemSettings). macOS 13 login items cannot carry arguments
 *            or a "hidden" flag (Electron 45 dropped openAsHidden), so the app itself decides:
 *            started by the login item (wasOpenedAtLogin) and the user chose hidden → no window.
 *   Windows  the HKCU Run entry Electron writes (app.setLoginItemSettings), with `--hidden`
 *   Linux    an XDG autostart entry (src-main/platform/xdg-autostart.ts), with `--hidden`
 * The app's settings stay the record of both choices; this module makes the OS match them and
 * reports whether the OS still has the entry (users can remove it in their system settings).
 *
 * At start-up the setting takes the system's answer (isEnabled, src-main/app/start-at-login.ts);
 * a change of the setting is applied here (apply).
 */
import { homedir } from 'node:os';
import { app } from 'electron';
import { autostartPath, readAutostart, removeAutostart, writeAutostart } from '../platform/xdg-autostart.ts';

/** The argument a login start passes so the app opens in the tray without a window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemSettings {
  openAtLogin: boolean;
  /** Start in the tray, without showing the window. */
  openHidden: boolean;
}

export interface LoginItem {
  /** Whether the OS will start the app at login. */
  isEnabled(): boolean;
  apply(settings: LoginItemSettings): void;
}

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export function isHiddenLaunch(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}

/**
 * Whether this process should start in the tray: `--hidden` on its command line (Windows and
 * Linux login starts), or on macOS a login-item start while the user's setting says hidden.
 */
export function launchedHidden(openHiddenSetting: boolean, argv: readonly string[] = process.argv, platform: NodeJS.Platform = process.platform): boolean {
  if (isHiddenLaunch(argv)) return true;
  return platform === 'darwin' && openHiddenSetting && app.getLoginItemSettings().wasOpenedAtLogin;
}

/**
 * The command that starts this app: for an AppImage the image file (process.execPath points into
 * its mount, which is gone after exit), in development Electron plus the app folder.
 */
function launchCommand(env: NodeJS.ProcessEnv): [string, ...string[]] {
  if (env.APPIMAGE) return [env.APPIMAGE];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}

export function createLoginItem(options: LoginItemOptions = {}): LoginItem {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform === 'darwin') return macLoginItem();
  if (platform === 'win32') return windowsLoginItem(env);
  return xdgLoginItem(env, options.home ?? homedir());
}

function macLoginItem(): LoginItem {
  return {
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
    apply: ({ openAtLogin }) => app.setLoginItemSettings({ openAtLogin }),
  };
}

function windowsLoginItem(env: NodeJS.ProcessEnv): LoginItem {
  const [path, ...args] = launchCommand(env);
  return {
    // Windows reports an entry only when the queried command line matches the registered one.
    isEnabled: () => app.getLoginItemSettings({ path, args: [...args, HIDDEN_ARG] }).openAtLogin || app.getLoginItemSettings({ path, args }).openAtLogin,
    apply: ({ openAtLogin, openHidden }) => app.setLoginItemSettings({ openAtLogin, path, args: openHidden ? [...args, HIDDEN_ARG] : args }),
  };
}

function xdgLoginItem(env: NodeJS.ProcessEnv, home: string): LoginItem {
  const file = autostartPath(env, home);
  return {
    isEnabled: () => readAutostart(file)?.enabled ?? false,
    apply({ openAtLogin, openHidden }) {
      if (!openAtLogin) {
        removeAutostart(file);
        return;
      }
      writeAutostart(file, {
        name: 'Margin Desk',
        comment: 'Kraken Futures margin and balances, started at login',
        icon: 'margin-desk',
        command: [...launchCommand(env), ...(openHidden ? [HIDDEN_ARG] : [])],
      });
    },
  };
}
