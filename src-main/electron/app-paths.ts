/**
 * Where the app's own files are: the tray images and icons ship as extra resources in a packaged
 * app (electron-builder's extraResources) and sit in build/ in a development checkout.
 */
import { join } from 'node:path';
import { app } from 'electron';

export function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'build');
}
