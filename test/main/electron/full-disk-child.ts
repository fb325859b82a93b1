/**
 * Child of full-disk.test.ts, run in its own mount namespace where MD_FULL_DISK_DIR is a small
 * tmpfs: the disk really fills up, and SQLite's writes fail with ENOSPC as on a full disk. The
 * log file lives outside it (MD_LOG_DIR). Prints one JSON report.
 *
 * 1. Start-up on a full disk: the app as src-main/index.ts launches it (fake Electron, real services).
 * 2. The disk fills while the app runs: a refresh of the Sample profile whose figures cannot be saved.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isAbsolute, join } from 'node:path';

const electronUrl = new URL('../../support/fake-electron-entry.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: electronUrl, shortCircuit: true } : nextResolve(specifier, context)),
});

const { AppServices } = await import('../../../src-main/app/app-services.ts');
const { AppLifecycle } = await import('../../../src-main/electron/app-lifecycle.ts');
const { createLogger } = await import('../../../src-main/log/logger.ts');
const { Store } = await import('../../../src-main/store/store.ts');
const { fake } = await import('../../support/fake-electron.ts');
const { quietAppOptions } = await import('../../support/quiet-app-options.ts');

const disk = process.env.MD_FULL_DISK_DIR ?? '';
const logDir = process.env.MD_LOG_DIR ?? '';
const filler = join(disk, 'filler');
/** Filling must only ever happen on the small file system made for it, never on a real disk. */
const LARGEST_DISK_TO_FILL = 16 * 1024 * 1024;
if (!isAbsolute(disk) || !isAbsolute(logDir)) throw new Error('MD_FULL_DISK_DIR and MD_LOG_DIR must be absolute paths');
const { blocks, bsize } = statfsSync(disk);
if (blocks * bsize > LARGEST_DISK_TO_FILL) throw new Error(`${disk} is ${blocks * bsize} bytes: not the small file system this child may fill`);

/** Writes to the filler file until the file system has no byte left. Returns the bytes written. */
function fillDisk(): number {
  const fd = openSync(filler, 'a');
  let written = 0;
  try {
    for (const size of [65_536, 4_096, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

function services(dataDir: string, logger: ReturnType<typeof createLogger>) {
  return new AppServices(quietAppOptions(dataDir, { appVersion: '0.1.0-test', logger }));
}

/** Launches the app on `dataDir` as src-main/index.ts does; `earlierSession` runs the app there first, with space. */
async function startUpOnFullDisk(name: string, earlierSession: boolean) {
  fake.reset();
  const dataDir = join(disk, name);
  mkdirSync(dataDir);
  if (earlierSession) {
    const earlier = services(dataDir, createLogger({ filePath: null, console: false }));
    await earlier.start();
    earlier.profiles.createSample();
    earlier.dispose();
  }
  const filled = fillDisk();
  const logPath = join(logDir, `${name}.log`);
  const logger = createLogger({ filePath: logPath });
  let started = false;
  await new AppLifecycle(logger).launch(async () => {
    const app = services(dataDir, logger);
    await app.start();
    started = true;
    return { showWindow: () => undefined, dispose: () => app.dispose() };
  });
  const result = {
    filled,
    started,
    messageBoxes: [...fake.messageBoxes],
    exitCode: fake.app.exitCode,
    holdsSingleInstanceLock: fake.app.holdsSingleInstanceLock,
    log: readFileSync(logPath, 'utf8'),
    files: readdirSync(dataDir).sort(),
  };
  rmSync(filler);
  // With space again, the file opens as the earlier session left it.
  const reopened = Store.open(dataDir);
  const profilesAfterSpaceFreed = reopened.profiles.list().map((profile) => profile.name);
  reopened.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { ...result, profilesAfterSpaceFreed };
}

async function diskFillsWhileRunning() {
  const dataDir = join(disk, 'running');
  const logPath = join(logDir, 'running.log');
  const app = services(dataDir, createLogger({ filePath: logPath }));
  try {
    await app.start();
    const sample = app.profiles.createSample();
    app.activate(sample.id);
    // The highest warning level the rules allow: the Sample's accounts alert on every refresh's figures.
    app.setAlertRules(sample.id, { ...app.alertRules(sample.id), warnBelowPct: 10_000, criticalBelowPct: 102, liquidationBelowPct: 101, alertOnInitialMarginBreach: false });
    const alerts: string[] = [];
    app.alerts.onAlert((alert) => alerts.push(alert.level));
    fillDisk();
    await app.scheduler.refreshNow(sample.id);
    const whileFull = app.viewOf(sample.id);
    rmSync(filler);
    await app.scheduler.refreshNow(sample.id);
    const afterSpaceFreed = app.viewOf(sample.id);
    return {
      alerts,
      stateWhileFull: whileFull?.status.state ?? null,
      storageProblemWhileFull: whileFull?.storageProblem ?? null,
      storageProblemAfterSpaceFreed: afterSpaceFreed?.storageProblem ?? null,
      log: readFileSync(logPath, 'utf8'),
      files: readdirSync(dataDir),
    };
  } finally {
    app.dispose();
  }
}

console.log(
  JSON.stringify({
    firstStart: await startUpOnFullDisk('first', false),
    laterStart: await startUpOnFullDisk('later', true),
    running: await diskFillsWhileRunning(),
  }),
);
