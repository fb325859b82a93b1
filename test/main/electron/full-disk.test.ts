/**
 * A full disk, for real: the app's data folder on a 1 MiB tmpfs filled to its last byte, so SQLite's
 * writes fail with ENOSPC exactly as on a full disk. Mounting needs no root: the child runs in its
 * own user and mount namespace (`unshare -Urm`), where it may mount a tmpfs that only it sees.
 *
 * - At start-up (a first start, and a start over an earlier session's file): the error's message and
 *   action are shown and logged, the single-instance lock is released, the process exits with 1,
 *   and the earlier session's file is left as it was (it opens once there is space again).
 * - While running: the refresh's alerts still come, the figures stay live, and the failed save is a
 *   visible storage problem that clears once there is space again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { START_FAILURE_TITLE } from '../../../src-main/electron/app-lifecycle.ts';
import { DATABASE_FILE_NAME } from '../../../src-main/store/database.ts';
import { childScript, runChild } from '../profiles/child-process.ts';

/** Runs a command in a new user and mount namespace with a tmpfs of `size` mounted on "$1". */
const MOUNT_THEN_RUN = 'mount -t tmpfs -o size="$1" tmpfs "$2" && shift 2 && exec "$@"';

function namespacesProblem(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  const folder = mkdtempSync(join(tmpdir(), 'md-full-disk-probe-'));
  try {
    const run = spawnSync('unshare', ['-Urm', 'sh', '-c', MOUNT_THEN_RUN, 'sh', '64k', folder, 'true'], { encoding: 'utf8' });
    return run.status === 0 ? null : `unshare -Urm with a tmpfs failed: ${run.error?.message ?? run.stderr.trim()}`;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const problem = namespacesProblem();
if (problem !== null) console.warn(`\n!!! SKIPPING the full-disk test: ${problem} (user namespaces are needed to mount a small tmpfs without root).\n`);

interface StartReport {
  filled: number;
  started: boolean;
  messageBoxes: [string, string][];
  exitCode: number | null;
  holdsSingleInstanceLock: boolean;
  log: string;
  files: string[];
  profilesAfterSpaceFreed: string[];
}

interface Report {
  firstStart: StartReport;
  laterStart: StartReport;
  running: {
    alerts: string[];
    stateWhileFull: string | null;
    storageProblemWhileFull: { kind: string; message: string; action: string } | null;
    storageProblemAfterSpaceFreed: unknown;
    log: string;
  };
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(problem !== null)('a full disk (a filled tmpfs in a private mount namespace)', () => {
  it('at start-up: shows and logs the message and action, releases the lock and exits; while running: alerts still come and a storage problem shows', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'md-full-disk-'));
    const logDir = mkdtempSync(join(tmpdir(), 'md-full-disk-logs-'));
    folders.push(disk, logDir);
    const run = await runChild<Report>(
      'unshare',
      ['-Urm', 'sh', '-c', MOUNT_THEN_RUN, 'sh', '1m', disk, process.execPath, childScript('../electron/full-disk-child.ts')],
      { ...process.env, MD_FULL_DISK_DIR: disk, MD_LOG_DIR: logDir },
    );
    expect(run.exitCode).toBe(0);
    const { firstStart, laterStart, running } = run.report;

    for (const [start, name] of [
      [firstStart, 'first'],
      [laterStart, 'later'],
    ] as const) {
      // the disk really was full: every byte of the 1 MiB went to the filler or the database
      expect(start.filled).toBeGreaterThan(0);
      expect(start.started).toBe(false);
      expect(start.messageBoxes).toEqual([
        [
          START_FAILURE_TITLE,
          `Margin Desk could not open its data file (${join(disk, name, DATABASE_FILE_NAME)}): the disk is full.\n\n` +
            'Free some disk space on the disk that holds this file (empty the trash, remove files you no longer need), then start Margin Desk again.',
        ],
      ]);
      expect(start.log).toContain(START_FAILURE_TITLE);
      expect(start.log).toContain('the disk is full');
      expect(start.exitCode).toBe(1);
      expect(start.holdsSingleInstanceLock).toBe(false);
      expect(start.files.some((file) => file.includes('.corrupt-'))).toBe(false);
    }
    // the reason also went to stderr, in case the log is on the full disk too
    expect(run.output).toContain(`${START_FAILURE_TITLE}: Margin Desk could not open its data file`);
    expect(firstStart.profilesAfterSpaceFreed).toEqual([]);
    expect(laterStart.profilesAfterSpaceFreed).toEqual(['Sample']);

    expect(running.alerts.length).toBeGreaterThan(0);
    expect(running.stateWhileFull).toBe('live');
    expect(running.storageProblemWhileFull).toMatchObject({ kind: 'storageFailed', message: expect.stringContaining('(the disk is full)') });
    expect(running.log).toContain('"code":"SQLITE_FULL"');
    expect(running.storageProblemAfterSpaceFreed).toBeNull();
  });
});
