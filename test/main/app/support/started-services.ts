/**
 * Real AppServices for the desktop services' tests: SQLite in a temp folder, secrets in memory, the
 * in-process sample exchange; stopped and removed after the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { AppServices } from '../../../../src-main/app/app-services.ts';
import { createLogger } from '../../../../src-main/log/logger.ts';
import { MemorySecretStore } from '../../../../src-main/profiles/memory-secret-store.ts';
import { buildProfile } from '../../store/fixtures/profile-fixture.ts';

export interface StartedServices {
  readonly services: AppServices;
  /** The keychain stand-in: set `failure` to play a locked or missing keychain. */
  readonly secrets: MemorySecretStore;
  /** What the services asked of the desktop (PlatformHooks), in order. */
  readonly hookCalls: string[];
}

export async function startedServices(): Promise<StartedServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-app-'));
  const hookCalls: string[] = [];
  const secrets = new MemorySecretStore();
  const services = new AppServices({
    dataDir,
    appVersion: '0.1.0-test',
    platform: 'linux',
    secrets,
    logger: createLogger({ filePath: null, console: false }),
    hooks: {
      showLogFile: (path) => void hookCalls.push(`showLogFile ${path}`),
      openExternal: (url) => void hookCalls.push(`openExternal ${url}`),
      setStartAtLogin: (enabled, hidden) => void hookCalls.push(`setStartAtLogin ${enabled} ${hidden}`),
    },
  });
  await services.start();
  onTestFinished(() => {
    services.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { services, secrets, hookCalls };
}

/**
 * A kraken profile stored as the profile service would keep it (no key check: these tests never
 * reach an exchange; its address is a closed loopback port). Returns its id.
 */
export function addStoredProfile(services: AppServices, id: string, name = `Profile ${id}`): string {
  services.store.profiles.insert(buildProfile(id, { name, baseUrl: 'http://127.0.0.1:9' }));
  // Saving its rules brings the profile under monitoring, as creating it through the service does.
  services.setAlertRules(id, services.alertRules(id));
  return id;
}
