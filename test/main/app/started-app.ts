/**
 * A started AppServices on real services (SQLite in a temp folder, the in-process sample exchange,
 * secrets in memory), disposed and removed when the test finishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { AppServices, type AppServicesOptions } from '../../../src-main/app/app-services.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

export async function startedApp(options: Partial<AppServicesOptions> = {}): Promise<AppServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-app-'));
  const app = new AppServices(quietAppOptions(dataDir, options));
  onTestFinished(() => {
    app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await app.start();
  return app;
}
