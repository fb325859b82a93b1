/**
 * What the profile layer costs on the paths the app takes all the time:
 * - a credentials read from the OS keychain, which every signed refresh does (the secret is never
 *   cached), compared with a loopback HTTP round trip, the cheapest possible request it precedes;
 * - a read of a missing entry, which on Linux adds the write probe that tells "missing" from "locked";
 * - listing nine profiles (the Ctrl/Cmd+1…9 switcher) from SQLite.
 * Keychain figures need a Secret Service: run inside scripts/with-keyring.sh.
 *
 *   node test/bench/profiles.bench.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../src-main/errors.ts';
import { KeytarSecretStore } from '../../src-main/profiles/keytar-secret-store.ts';
import { MemorySecretStore } from '../../src-main/profiles/memory-secret-store.ts';
import { ProfileService } from '../../src-main/profiles/profile-service.ts';
import type { Credentials } from '../../src-main/profiles/secret-store.ts';
import { Store } from '../../src-main/store/store.ts';
import type { BenchResult } from './bench-result.ts';

const ROUNDS = 200;

async function medianMs(rounds: number, operation: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await operation(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await operation();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function credentials(): Credentials {
  return { apiKey: randomBytes(42).toString('base64'), apiSecret: randomBytes(64).toString('base64') };
}

async function loopbackRoundTripMs(): Promise<number> {
  const server = createServer((_request, response) => response.end('{"result":"success"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    return await medianMs(ROUNDS, async () => (await fetch(url)).text());
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function keychainResults(loopbackMs: number): Promise<BenchResult[]> {
  const store = new KeytarSecretStore({ service: `com.margindesk.bench.${randomUUID()}` });
  try {
    await store.probe();
  } catch (error) {
    const reason = error instanceof AppError ? error.kind : String(error);
    return [{ name: 'keychain credentials read', value: Number.NaN, unit: 'ms', note: `skipped: ${reason} (run inside scripts/with-keyring.sh)` }];
  }
  const id = randomUUID();
  try {
    await store.set(id, credentials());
    const readMs = await medianMs(ROUNDS, () => store.get(id));
    const missingMs = await medianMs(ROUNDS / 4, () => store.get(randomUUID()));
    return [
      { name: 'keychain credentials read (median)', value: readMs, unit: 'ms' },
      { name: 'keychain read / loopback HTTP round trip', value: readMs / loopbackMs, unit: 'ratio', note: `loopback ${loopbackMs.toFixed(3)} ms` },
      {
        name: 'keychain read of a missing entry (median)',
        value: missingMs,
        unit: 'ms',
        note: `${(missingMs / readMs).toFixed(1)}× a found entry (Linux: write probe for a locked keyring)`,
      },
    ];
  } finally {
    await store.delete(id);
  }
}

async function listResults(): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'md-bench-profiles-'));
  const store = Store.open(folder);
  try {
    const secrets = new MemorySecretStore();
    let clock = 1_700_000_000_000;
    const service = new ProfileService({
      records: store.profiles,
      activeProfile: store.appState,
      secrets,
      checkKey: async () => ({ general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} }),
      statusOf: (profileId) => ({ profileId, state: 'live', lastSuccessAt: null, lastAttemptAt: null, nextRefreshAt: null, lastError: null }),
      now: () => (clock += 1),
    });
    for (let i = 1; i <= 9; i++) await service.create({ name: `Profile ${i}`, colour: '#336699', ...credentials() });
    const ids = service.list().profiles.map((profile) => profile.id);
    const listMs = await medianMs(ROUNDS, async () => service.list());
    let next = 0;
    const activateMs = await medianMs(ROUNDS, async () => service.activate(ids[next++ % ids.length] ?? ''));
    return [
      { name: 'list 9 profiles (median)', value: listMs, unit: 'ms' },
      { name: 'activate a profile (median)', value: activateMs, unit: 'ms', note: 'SQLite touch + active id, then the list' },
    ];
  } finally {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const loopbackMs = await loopbackRoundTripMs();
  return [...(await keychainResults(loopbackMs)), ...(await listResults())];
}

if (import.meta.main) console.table(await run());
