/**
 * Start-up reads no secret it does not use (issue 20: "the keychain check loads every stored secret
 * into memory each time"). The app starts on a real SQLite file and the real keychain (see
 * ./real-keychain.ts), through a keytar that records every call and every secret it hands out.
 */
import keytar from 'keytar';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it, onTestFinished } from 'vitest';
import { AppServices } from '../../../src-main/app/app-services.ts';
import { KeytarSecretStore, type KeytarApi } from '../../../src-main/profiles/keytar-secret-store.ts';
import { Store } from '../../../src-main/store/store.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { recordAuditFigures } from '../security/audit-figures.ts';
import { buildProfile } from '../store/fixtures/profile-fixture.ts';
import { accountsIn, describeWithKeychain, removeAllIn, testService } from './real-keychain.ts';
import { newCredentials } from './support.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

interface KeychainUse {
  /** Every keytar call as "name account" (or "name" for calls without an account). */
  readonly calls: string[];
  /** The account of every secret keytar returned. */
  readonly secretsRead: string[];
}

/** The real keytar module, recording what it is asked and which secrets it returns, whatever the call. */
function recordingKeytar(use: KeychainUse): KeytarApi {
  return new Proxy(keytar, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const account = typeof args[1] === 'string' ? ` ${args[1]}` : '';
        use.calls.push(`${String(name)}${account}`);
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (typeof result === 'string') use.secretsRead.push(account.trim() || String(name));
        if (Array.isArray(result)) for (const entry of result as { account: string }[]) use.secretsRead.push(entry.account);
        return result;
      };
    },
  }) as KeytarApi;
}

describeWithKeychain('start-up and the keychain', () => {
  const figures: Record<string, string> = {};
  afterAll(() => {
    if (Object.keys(figures).length === 2) recordAuditFigures('keychainAtStart', figures);
  });
  let service: string;
  let dataDir: string;

  beforeEach(() => {
    service = testService();
    dataDir = mkdtempSync(join(tmpdir(), 'md-start-reads-'));
  });
  afterEach(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await removeAllIn(service);
  });

  /**
   * What an earlier session left: four Kraken profiles with their keys in the keychain, one deleted
   * while the keychain was locked (its key still there, queued for removal). `monitored` lists the
   * profiles watched after start: the first is the active one, the others have alerts on.
   */
  async function earlierSession(monitored: readonly number[]): Promise<{ ids: string[]; deleted: string }> {
    const store = Store.open(dataDir);
    const ids = ['a', 'b', 'c', 'd'].map((name, index) => {
      const id = randomUUID();
      store.profiles.insert(buildProfile(id, { name, baseUrl: 'http://127.0.0.1:9', createdAt: index }));
      store.alertRules.set(id, { ...DEFAULT_ALERT_RULES, enabled: monitored.slice(1).includes(index) });
      return id;
    });
    if (monitored.length > 0) store.appState.setActiveProfileId(ids[monitored[0]!]!);
    const deleted = randomUUID();
    store.profiles.insert(buildProfile(deleted, { name: 'deleted' }));
    store.profiles.delete(deleted);
    store.close();
    for (const id of [...ids, deleted]) await keytar.setPassword(service, id, JSON.stringify({ v: 1, ...newCredentials() }));
    return { ids, deleted };
  }

  async function start(use: KeychainUse): Promise<AppServices> {
    const services = new AppServices(
      quietAppOptions(dataDir, { appVersion: '0.1.0-test', secrets: new KeytarSecretStore({ service, loadKeytar: async () => recordingKeytar(use) }) }),
    );
    onTestFinished(() => services.dispose());
    await services.start();
    return services;
  }

  it('reads no secret when no profile is monitored: a write probe and the queued removal, nothing else', async () => {
    const { ids, deleted } = await earlierSession([]);
    const use: KeychainUse = { calls: [], secretsRead: [] };
    await start(use);
    expect(use.secretsRead).toEqual([]);
    expect(use.calls).toEqual([
      'setPassword margin-desk-unlock-probe',
      'deletePassword margin-desk-unlock-probe',
      // the removal proves the keyring unlocked first (libsecret reports "nothing deleted" when locked)
      'setPassword margin-desk-unlock-probe',
      'deletePassword margin-desk-unlock-probe',
      `deletePassword ${deleted}`,
    ]);
    expect(await accountsIn(service)).toEqual([...ids].sort());
    figures.unmonitoredStart = `${use.secretsRead.length} of ${ids.length} secrets read`;
  });

  it('reads exactly the secrets of the monitored profiles', async () => {
    const { ids, deleted } = await earlierSession([1, 3]);
    const use: KeychainUse = { calls: [], secretsRead: [] };
    await start(use);
    const monitored = [ids[1]!, ids[3]!].sort();
    // Each monitored profile's refresh signs its first request (to a closed port) with its key.
    await expect.poll(() => [...new Set(use.secretsRead)].sort()).toEqual(monitored);
    // Besides those reads: the probes and the queued removal, no listing of any kind.
    expect(use.calls.filter((call) => !call.startsWith('getPassword') && !call.endsWith('margin-desk-unlock-probe'))).toEqual([`deletePassword ${deleted}`]);
    figures.twoMonitoredStart = `secrets of ${new Set(use.secretsRead).size} of ${ids.length} profiles read (the 2 monitored)`;
  });
});
