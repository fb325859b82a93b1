/**
 * Audit: the app killed (power cut, OOM killer, force quit) while it writes. After each kill the
 * next start must find the database whole (no recovery needed, integrity_check ok) with the last
 * figures readable.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/store/store.ts';
import { recordAuditFigures } from './audit-figures.ts';

const KILLS = 30;
const CHILD = fileURLToPath(new URL('./store-writer-child.ts', import.meta.url));

/** Starts the writer, waits until it writes, lets it write for `ms` more, then SIGKILLs it. */
function killMidWrite(dataDir: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('writing')) setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer ended without the kill: ${stderr}`))));
  });
}

describe('audit: kills mid-write', () => {
  it(`finds the store whole after each of ${KILLS} kills during writes`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'md-kill-audit-'));
    let corrupt = 0;
    let unreadable = 0;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // Spread over the write cycle: a refresh writes snapshot, history and alerts within a few ms.
        await killMidWrite(dataDir, (kill * 7) % 60);
        const store = Store.open(dataDir);
        try {
          if (store.notices.length > 0) corrupt += 1;
          if (store.snapshots.readAllLatest().length !== 1) unreadable += 1;
        } finally {
          store.close();
        }
        // The full check too (the app's start runs only the quick one).
        const file = new Sqlite(store.path, { readonly: true });
        const [check] = file.pragma('integrity_check') as { integrity_check: string }[];
        file.close();
        if (check?.integrity_check !== 'ok') corrupt += 1;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(corrupt).toBe(0);
    expect(unreadable).toBe(0);
    recordAuditFigures('killsMidWrite', { kills: KILLS, corruptStores: corrupt, unreadableLatest: unreadable });
  }, 180_000);
});
