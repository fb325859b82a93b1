import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/store/store.ts';
import { BASE_TIME, snapshotSequence } from './fixtures/account-snapshot-fixture.ts';
import { seededRandom } from './fixtures/decimal-text.ts';
import { tempFolder } from './support/temp-folder.ts';

const WRITER = fileURLToPath(new URL('./support/snapshot-writer.ts', import.meta.url));
const PROFILE_ID = 'crash-test';
const SUBACCOUNTS = 200;
const KILLS = 60;

interface WriterRun {
  /** Resolves at the writer's first reported commit, or when it exits without one. */
  readonly firstCommit: Promise<void>;
  /** Resolves once the process is gone and its output fully read. */
  readonly closed: Promise<{ signal: NodeJS.Signals | null; stderr: string }>;
  /** Highest sequence the writer reported committed so far (0: none in this run). */
  lastReported(): number;
  kill(): void;
}

function startWriter(folder: string): WriterRun {
  const child = spawn(process.execPath, [WRITER, folder, PROFILE_ID, String(SUBACCOUNTS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let reported = 0;
  let pending = '';
  let stderr = '';
  let onFirstCommit: () => void = () => {};
  const firstCommit = new Promise<void>((resolve) => (onFirstCommit = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) reported = Math.max(reported, Number(line.replace('committed ', '')));
    if (reported > 0) onFirstCommit();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (_code, signal) => {
      onFirstCommit();
      resolve({ signal, stderr });
    });
  });
  return { firstCommit, closed, lastReported: () => reported, kill: () => child.kill('SIGKILL') };
}

describe('crash safety', () => {
  it(`opens with a whole latest snapshot after ${KILLS} SIGKILLs of a writer at random moments`, { timeout: 120_000 }, async () => {
    const folder = tempFolder();
    const seed = Date.now();
    const random = seededRandom(seed);
    const context = `random seed ${seed}`;
    /** Highest sequence any writer reported committed (its snapshot and history point both returned). */
    let reported = 0;
    /** Sequence of the latest snapshot found after the previous kill. */
    let latestSeen = 0;
    let killsWhileWriting = 0;

    for (let kill = 1; kill <= KILLS; kill += 1) {
      const writer = startWriter(folder);
      if (random() < 0.2) {
        // anywhere in start-up: module loading, open, quick_check, migrations, the first write
        await sleep(random() * 250);
      } else {
        await writer.firstCommit;
        // a write of this snapshot takes a few ms, so this lands in, between or across writes
        await sleep(random() * 40);
      }
      writer.kill();
      const { signal, stderr } = await writer.closed;
      expect(signal, `writer died on its own before kill ${kill} (${context}): ${stderr}`).toBe('SIGKILL');
      if (writer.lastReported() > 0) killsWhileWriting += 1;
      reported = Math.max(reported, writer.lastReported());

      const store = Store.open(folder);
      try {
        expect(store.notices, `kill ${kill} (${context})`).toEqual([]);
        const latest = store.snapshots.readLatest(PROFILE_ID);
        if (reported > 0) expect(latest, `kill ${kill} (${context})`).not.toBeNull();
        if (latest !== null) {
          const sequence = snapshotSequence(latest, SUBACCOUNTS);
          expect(typeof sequence, `kill ${kill} (${context}): ${sequence}`).toBe('number');
          // every reported commit survives; at most one more write committed before its report
          expect(sequence).toBeGreaterThanOrEqual(Math.max(reported, latestSeen));
          expect(sequence).toBeLessThanOrEqual(Math.max(reported, latestSeen) + 1);
          latestSeen = sequence as number;
        }
        if (reported > 0) {
          const t = BASE_TIME + reported;
          expect(store.history.query(PROFILE_ID, 'flex', t, t), `kill ${kill} (${context})`).toHaveLength(1);
        }
      } finally {
        store.close();
      }
    }
    // the test is only worth something if most kills hit a writer in its write loop
    expect(killsWhileWriting).toBeGreaterThanOrEqual(KILLS / 2);
    // each of those runs committed at least one new write
    expect(reported).toBeGreaterThanOrEqual(killsWhileWriting);
  });
});
