/**
 * AppServices options for tests and benchmarks: secrets in memory, a logger that writes nowhere,
 * platform hooks that do nothing. A caller overrides what its check is about (the log file, the
 * secret store, timings).
 */
import type { AppServicesOptions } from '../../src-main/app/app-services.ts';
import { createLogger } from '../../src-main/log/logger.ts';
import { MemorySecretStore } from '../../src-main/profiles/memory-secret-store.ts';

export function quietAppOptions(dataDir: string, options: Partial<AppServicesOptions> = {}): AppServicesOptions {
  return {
    dataDir,
    appVersion: '0.1.0',
    platform: 'linux',
    secrets: options.secrets ?? new MemorySecretStore(),
    logger: options.logger ?? createLogger({ filePath: null, console: false }),
    hooks: { showLogFile: () => undefined, openExternal: () => undefined, setStartAtLogin: () => undefined },
    ...options,
  };
}
