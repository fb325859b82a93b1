/**
 * The update service's view of an updater, and its one implementation over electron-updater
 * (electron-builder's own updater: it reads the feed electron-builder publishes, verifies every
 * download's SHA-512 from that feed, and on Windows and macOS the code signature too).
 *
 * electron-updater's classes need Electron only for their default app adapter and HTTP client, so
 * tests build a real one with a Node app adapter and HTTP client and drive it against a feed on
 * loopback; src-main/electron/updates.ts hands in the app's own.
 */
import type { AppUpdater } from 'electron-updater';

export interface UpdaterPort {
  /** The newer version on the feed, or null when this one is current. Throws what the updater throws. */
  check(): Promise<string | null>;
  /** Downloads the version `check` found and verifies it; resolves only once it is ready to install. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits the app, installs, and starts the new version. */
  install(): void;
}

export class ElectronUpdaterPort implements UpdaterPort {
  readonly #updater: AppUpdater;

  constructor(updater: AppUpdater) {
    // Downloads start only when `download` is called, and nothing installs behind the user's back.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    this.#updater = updater;
  }

  async check(): Promise<string | null> {
    const result = await this.#updater.checkForUpdates();
    if (result === null || !result.isUpdateAvailable) return null;
    return result.updateInfo.version;
  }

  async download(onProgress: (percent: number) => void): Promise<void> {
    const listener = (progress: { percent: number }) => onProgress(Math.floor(progress.percent));
    this.#updater.on('download-progress', listener);
    try {
      await this.#updater.downloadUpdate();
    } finally {
      this.#updater.off('download-progress', listener);
    }
  }

  install(): void {
    // isSilent false: Windows shows its installer; isForceRunAfter true: the app comes back.
    this.#updater.quitAndInstall(false, true);
  }
}
