/**
 * A started AppServices on real services (SQLite in a temp folder, the in-process sample exchange,
 * secrets in memory), disposed and removed when the test finishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { AppServices, type AppServicesOptions } from '../../../src-main/app/app-services.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';

export async function startedApp(options: Partial<AppServicesOptions> = {}): Promise<AppServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-app-'));
  const app = new AppServices({
    dataDir,
    appVersion: '0.1.0',
    platform: 'linux',
    secrets: new MemorySecretStore(),
    logger: createLogger({ filePath: null, console: false }),
    hooks: { showLogFile: () => undefined, openExternal: () => undefined, setStartAtLogin: () => undefined },
    ...options,
  });
  onTestFinished(() => {
    app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await app.start();
  return app;
}
