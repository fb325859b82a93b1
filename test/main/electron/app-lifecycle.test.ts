/**
 * The main process's lifecycle through the fake electron module. A start-up that fails (with the
 * real services on a data folder they cannot use) is logged, shown with its message and action,
 * and ends the process with the single-instance lock released, instead of leaving a process with
 * no window holding the lock.
 */
import Sqlite from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { AppServices } from '../../../src-main/app/app-services.ts';
import { AppLifecycle, START_FAILURE_TITLE, type StartedApp } from '../../../src-main/electron/app-lifecycle.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { DATABASE_FILE_NAME } from '../../../src-main/store/database.ts';
import { fake } from '../../support/fake-electron.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'md-lifecycle-'));
  folders.push(folder);
  return folder;
}

beforeEach(() => {
  fake.reset();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) {
    chmodSync(folder, 0o700);
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Launches the app as src-main/index.ts does, with the real services on `dataDir`. */
async function launchOn(dataDir: string) {
  const logPath = join(tempFolder(), 'logs', 'main.log');
  const logger = createLogger({ filePath: logPath });
  const lifecycle = new AppLifecycle(logger);
  let started: AppServices | null = null;
  await lifecycle.launch(async () => {
    const services = new AppServices(quietAppOptions(dataDir, { appVersion: '0.1.0-test', logger }));
    await services.start();
    started = services;
    return { showWindow: () => undefined, dispose: () => services.dispose() };
  });
  const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
  return { lifecycle, log, started };
}

/** What the failure showed: the dialog's title and text. */
function errorBox(): [string, string] {
  expect(fake.messageBoxes).toHaveLength(1);
  return fake.messageBoxes[0] as [string, string];
}

function expectCleanExit(): void {
  expect(fake.app.exitCode).toBe(1);
  expect(fake.app.holdsSingleInstanceLock).toBe(false);
}

/** A folder no one may write to: by permissions, or (as root, whom permissions do not stop) a read-only file system. */
function readOnlyFolder(): string | null {
  if (process.getuid?.() !== 0) {
    const folder = tempFolder();
    chmodSync(folder, 0o555);
    return folder;
  }
  return existsSync('/sys/kernel') ? '/sys/kernel' : null;
}

describe('a start-up that fails', () => {
  it('a folder where the database file should be: says so with what to do, logs it, exits and releases the lock', async () => {
    const dataDir = tempFolder();
    mkdirSync(join(dataDir, DATABASE_FILE_NAME));
    const { log, started } = await launchOn(dataDir);
    const [title, text] = errorBox();
    expect(title).toBe(START_FAILURE_TITLE);
    expect(text).toContain(`Margin Desk could not open its data file (${join(dataDir, DATABASE_FILE_NAME)})`);
    expect(text).toContain('Check that the folder exists, that you may write to it');
    expect(log).toContain(START_FAILURE_TITLE);
    expect(started).toBeNull();
    expectCleanExit();
  });

  it('a database written by a newer version: says so and leaves it untouched', async () => {
    const dataDir = tempFolder();
    const db = new Sqlite(join(dataDir, DATABASE_FILE_NAME));
    db.pragma('user_version = 999');
    db.close();
    const { log } = await launchOn(dataDir);
    const [, text] = errorBox();
    expect(text).toContain('written by a newer version of Margin Desk');
    expect(text).toContain('Install the newer version of Margin Desk again.');
    expect(log).toContain('databaseTooNew');
    expectCleanExit();
    expect(readdirSync(dataDir)).toEqual([DATABASE_FILE_NAME]);
  });

  it.skipIf(readOnlyFolder() === null)('a read-only data folder: says so, exits and releases the lock', async () => {
    const { log } = await launchOn(readOnlyFolder()!);
    const [, text] = errorBox();
    expect(text).toContain('Margin Desk could not open its data file');
    expect(log).toContain(START_FAILURE_TITLE);
    expectCleanExit();
  });

  it('an unexpected error: a general message with what to do; the details go to the log only', async () => {
    const lifecycle = new AppLifecycle(createLogger({ filePath: null, console: false }));
    await lifecycle.launch(async () => {
      throw new TypeError('undefined is not a function (internal detail)');
    });
    const [, text] = errorBox();
    expect(text).toContain('Something went wrong inside Margin Desk.');
    expect(text).not.toContain('internal detail');
    expectCleanExit();
  });
});

describe('a started app', () => {
  async function launched() {
    const calls: string[] = [];
    const lifecycle = new AppLifecycle(createLogger({ filePath: null, console: false }));
    const started: StartedApp = { showWindow: () => void calls.push('showWindow'), dispose: () => void calls.push('dispose') };
    await lifecycle.launch(async () => started);
    return { lifecycle, calls };
  }

  it('keeps running when every window is closed, and shows its window on a second launch or a dock click', async () => {
    const { calls } = await launched();
    expect(fake.app.listenerCount('window-all-closed')).toBe(1);
    fake.app.fire('second-instance', { preventDefault() {} }, ['margin-desk'], '/home/ann');
    fake.app.fire('second-instance', { preventDefault() {} }, ['margin-desk', '--hidden'], '/home/ann');
    fake.app.fire('activate');
    expect(calls).toEqual(['showWindow', 'showWindow']);
    expect(fake.messageBoxes).toEqual([]);
    expect(fake.app.exitCode).toBeNull();
  });

  it('knows when the user quits, and stops the app before the process exits', async () => {
    const { lifecycle, calls } = await launched();
    expect(lifecycle.isQuitting()).toBe(false);
    fake.app.quit();
    expect(lifecycle.isQuitting()).toBe(true);
    fake.app.fire('will-quit', { preventDefault() {} });
    expect(calls).toEqual(['dispose']);
  });

  it('gives Windows the user model id its notifications need, and no other OS', async () => {
    const lifecycle = new AppLifecycle(createLogger({ filePath: null, console: false }));
    await lifecycle.launch(async () => ({ showWindow: () => undefined, dispose: () => undefined }), 'linux');
    expect(fake.app.appUserModelId).toBeNull();
    fake.reset();
    await new AppLifecycle(createLogger({ filePath: null, console: false })).launch(async () => ({ showWindow: () => undefined, dispose: () => undefined }), 'win32');
    expect(fake.app.appUserModelId).toBe('com.margindesk.app');
  });

  it('a second instance starts nothing', async () => {
    fake.app.singleInstanceLock = false;
    let starts = 0;
    await new AppLifecycle(createLogger({ filePath: null, console: false })).launch(async () => {
      starts++;
      return { showWindow: () => undefined, dispose: () => undefined };
    });
    expect(starts).toBe(0);
    expect(fake.app.quitting).toBe(true);
  });
});
