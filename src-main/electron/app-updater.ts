/**
 * The app's updater: electron-updater's own instance for this OS and package type (AppImage, deb,
 * rpm, NSIS, dmg), which reads the feed electron-builder baked in as app-update.yml
 * (electron-builder.config.ts `publish`), logging through the app's redacting logger.
 */
import electronUpdater from 'electron-updater';
import type { Logger } from '../log/logger.ts';
import { ElectronUpdaterPort, type UpdaterPort } from '../updates/updater-port.ts';

export function createAppUpdater(logger: Logger): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (message: unknown) => logger.info(`updater: ${String(message)}`),
    warn: (message: unknown) => logger.warn(`updater: ${String(message)}`),
    error: (message: unknown) => logger.error(`updater: ${String(message)}`),
  };
  return new ElectronUpdaterPort(autoUpdater);
}
