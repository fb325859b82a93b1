/**
 * Importing a file of keys through the bridge's handler, the whole way: the open dialog's path (a
 * hook), the file read by main, every key checked with the simulated exchange over loopback HTTP,
 * secrets written to a real Secret Service (run inside scripts/with-keyring.sh), profiles in a real
 * SQLite file. Then the leak check: no key or secret in the report, the log, the data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ProfileList } from '../../../src-preload/contract.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { createDeskExchange } from '../../../src-main/kraken/simulator/desk-exchange.ts';
import type { ExchangeServer } from '../../../src-main/kraken/simulator/exchange.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { IMPORT_CONCURRENCY } from '../../../src-main/profiles/key-import.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';
import { startedApp } from '../app/started-app.ts';
import { accountsIn, describeWithKeychain, removeAllIn, testService } from './real-keychain.ts';

/** Every file under `dir`, as bytes read now. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isFile() ? [readFileSync(path)] : [];
  });
}

describeWithKeychain('importing a file of keys', () => {
  let service: string;
  let server: ExchangeServer;
  let folder: string;

  beforeEach(() => {
    service = testService();
    folder = mkdtempSync(join(tmpdir(), 'md-import-'));
  });
  afterEach(async () => {
    await removeAllIn(service);
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('adds every good key, reports every other line by number, and leaves no key or secret anywhere but the keychain', async () => {
    // members 0–9 good; 10 has a key without the WebSocket permission
    const { exchange, keys } = createDeskExchange({ members: 11, refused: new Set([10]) });
    server = await exchange.listen();
    const [k0, k1] = keys;
    const file = [
      'name,key,secret',
      '# the EU desk',
      '',
      ...keys.slice(0, 10).map((key, i) => `"Desk ${i}, EU",${key.apiKey},${key.apiSecret}`),
      `No websocket,${keys[10]!.apiKey},${keys[10]!.apiSecret}`,
      `Again,${k0!.apiKey},${k0!.apiSecret}`,
      `Two fields,${k1!.apiKey}`,
      `${k1!.apiSecret},${k1!.apiKey},Swapped`,
      `Bad secret,${k1!.apiKey}x,not base64!`,
    ].join('\n');
    const path = join(folder, 'keys.csv');
    writeFileSync(path, file);
    const dataDir = join(folder, 'data');
    const logPath = join(dataDir, 'logs', 'main.log');
    let dialogs = 0;
    const app = await startedApp({
      dataDir,
      secrets: new KeytarSecretStore({ service }),
      logger: createLogger({ filePath: logPath, console: false }),
      hooks: {
        showLogFile: () => undefined,
        openExternal: () => undefined,
        setStartAtLogin: () => undefined,
        chooseKeyFile: async () => {
          dialogs++;
          return path;
        },
      },
    });
    const handlers = createHandlerTable(app);
    let checksInFlight = 0;
    let maxChecksInFlight = 0;
    const handle = exchange.handle.bind(exchange);
    exchange.handle = async (request) => {
      if (!new URL(request.url).pathname.endsWith('/GetWebSocketsToken')) return handle(request);
      maxChecksInFlight = Math.max(maxChecksInFlight, ++checksInFlight);
      try {
        return await handle(request);
      } finally {
        checksInFlight--;
      }
    };

    const listsSent: number[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'profilesChanged') listsSent.push((payload as ProfileList).profiles.length);
    });
    const report = await handlers.importKeys({ colour: '#10b981', baseUrl: server.url, streamUrl: server.uwsUrl });
    // one list for the whole file, not one per key
    expect(listsSent).toEqual([10]);
    expect(dialogs).toBe(1);
    expect(report?.fileName).toBe('keys.csv');
    expect(report?.added).toBe(10);
    const byLine = new Map(report?.lines.map((line) => [line.line, line]));
    for (let i = 0; i < 10; i++) expect(byLine.get(4 + i)).toEqual({ line: 4 + i, name: `Desk ${i}, EU`, outcome: 'added', message: null, action: null });
    expect(byLine.get(14)).toMatchObject({ name: 'No websocket', outcome: 'refused', message: expect.stringMatching(/permission/i) });
    expect(byLine.get(15)).toMatchObject({ name: 'Again', outcome: 'duplicate', message: 'Line 15 repeats a key from an earlier line.' });
    expect(byLine.get(16)).toMatchObject({ name: null, outcome: 'malformed', message: expect.stringMatching(/^Line 16 has 2 fields/) });
    expect(byLine.get(17)).toMatchObject({ name: null, outcome: 'malformed', message: expect.stringMatching(/^Line 17: the name looks like a key/) });
    expect(byLine.get(18)).toMatchObject({ name: 'Bad secret', outcome: 'refused' });
    expect(report?.lines).toHaveLength(15);
    expect(maxChecksInFlight).toBeLessThanOrEqual(IMPORT_CONCURRENCY);

    // every added profile's secret is in the keychain, and nothing else is
    const added = app.profiles.list().profiles.filter((profile) => profile.kind === 'kraken');
    expect(added.map((profile) => profile.name).sort()).toEqual(keys.slice(0, 10).map((_, i) => `Desk ${i}, EU`).sort());
    expect((await accountsIn(service)).sort()).toEqual(added.map((profile) => profile.id).sort());
    for (const profile of added) {
      const i = Number(/Desk (\d+)/.exec(profile.name)?.[1]);
      expect(await app.profiles.credentialsFor(profile.id).getCredentials()).toEqual({ apiKey: keys[i]!.apiKey, apiSecret: keys[i]!.apiSecret });
      expect(profile).toMatchObject({ colour: '#10b981', source: 'uws', baseUrl: server.url, streamUrl: server.uwsUrl });
    }

    // the same file again adds nothing
    const again = await handlers.importKeys({ colour: '#10b981', baseUrl: server.url, streamUrl: server.uwsUrl });
    expect(again?.added).toBe(0);
    expect(again?.lines.filter((line) => line.outcome === 'duplicate')).toHaveLength(11);

    // no key or secret in the reports, the log or any file of the data folder (database, WAL, log)
    app.dispose();
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('Keys imported from a file');
    const texts = [JSON.stringify(report), JSON.stringify(again), log];
    const bytes = filesUnder(dataDir);
    for (const key of keys) {
      for (const value of [key.apiKey, key.apiSecret]) {
        for (const text of texts) expect(text).not.toContain(value.slice(0, 16));
        for (const file of bytes) expect(file.includes(value.slice(0, 16))).toBe(false);
      }
    }
    // the file is read, not moved or changed: deleting it is the user's to do, as the form says
    expect(readFileSync(path, 'utf8')).toBe(file);
  }, 120_000);

  it('does nothing when the dialog is closed without a file', async () => {
    const { exchange } = createDeskExchange({ members: 1 });
    server = await exchange.listen();
    const app = await startedApp({
      dataDir: join(folder, 'data'),
      secrets: new KeytarSecretStore({ service }),
      hooks: { showLogFile: () => undefined, openExternal: () => undefined, setStartAtLogin: () => undefined, chooseKeyFile: async () => null },
    });
    expect(await createHandlerTable(app).importKeys({ colour: '#10b981' })).toBeNull();
    expect(app.profiles.list().profiles).toEqual([]);
  });
});
