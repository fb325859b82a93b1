/**
 * KeytarSecretStore and the profile service against a real Secret Service (see ./real-keychain.ts).
 */
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { childScript, runChild, WITH_KEYRING } from './child-process.ts';
import { accountsIn, describeWithKeychain, removeAllIn, testService } from './real-keychain.ts';
import { FULL_ACCESS, idleStatus, KeyCheckDouble, newCredentials, openTempStore, type TempStore } from './support.ts';

describeWithKeychain('KeytarSecretStore on a real Secret Service', () => {
  let service: string;
  let store: KeytarSecretStore;

  beforeEach(() => {
    service = testService();
    store = new KeytarSecretStore({ service });
  });
  afterEach(() => removeAllIn(service));

  it('creates, reads and replaces one entry per profile', async () => {
    const id = randomUUID();
    const first = newCredentials();
    const second = newCredentials();
    expect(await store.get(id)).toBeNull();
    await store.set(id, first);
    expect(await store.get(id)).toEqual(first);
    await store.set(id, second);
    expect(await store.get(id)).toEqual(second);
    expect(await accountsIn(service)).toEqual([id]);
    // key and secret are one keychain value: replacing them is one write
    expect(JSON.parse((await keytar.getPassword(service, id)) ?? 'null')).toEqual({ v: 1, ...second });
  });

  it('deletes an entry and says whether there was one', async () => {
    const id = randomUUID();
    await store.set(id, newCredentials());
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect(await store.delete(id)).toBe(false);
    expect(await accountsIn(service)).toEqual([]);
  });

  it('keeps two profiles, and two services, apart', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const credentialsA = newCredentials();
    const credentialsB = newCredentials();
    await store.set(a, credentialsA);
    await store.set(b, credentialsB);
    expect(await store.get(a)).toEqual(credentialsA);
    expect(await store.get(b)).toEqual(credentialsB);
    await store.delete(a);
    expect(await store.get(b)).toEqual(credentialsB);
    expect(await accountsIn(service)).toEqual([b]);
    const otherService = testService();
    const otherApp = new KeytarSecretStore({ service: otherService });
    expect(await accountsIn(otherService)).toEqual([]);
    expect(await otherApp.get(b)).toBeNull();
  });

  it('reports a damaged entry without repeating its content', async () => {
    const id = randomUUID();
    const planted = newCredentials().apiSecret;
    await keytar.setPassword(service, id, `{"apiKey": "x", "apiSecret": "${planted}"`);
    let error: unknown = null;
    try {
      await store.get(id);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('credentialsMissing');
    expect((error as AppError).cause).toBeUndefined();
    expect(`${(error as AppError).message} ${(error as AppError).stack} ${JSON.stringify(error)}`).not.toContain(planted);
  });

  it('classifies a locked keyring on every operation without crashing (private keyring, child process)', async () => {
    const credentials = newCredentials();
    const run = await runChild<Record<string, unknown>>(WITH_KEYRING, [process.execPath, childScript('locked-keyring-child.ts')], {
      ...process.env,
      MD_KEYRING_INNER: '', // a fresh private session, not the one of this test run
      MD_TEST_API_KEY: credentials.apiKey,
      MD_TEST_API_SECRET: credentials.apiSecret,
    });
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(0);
    expect(run.report).toEqual({
      get: 'keychainLocked',
      set: 'keychainLocked',
      delete: 'keychainLocked',
      probe: 'keychainLocked',
      checkKeychainProblem: 'keychainLocked',
      keychainState: 'unavailable',
      getCredentials: 'keychainLocked',
      replaceCredentials: 'keychainLocked',
      fingerprintAfterFailedReplace: true,
      deleteProfile: 'ok: {"keychainEntryLeft":true}',
      profilesLeft: 0,
    });
    expect(run.output).not.toContain(credentials.apiSecret);
  });
});

describeWithKeychain('ProfileService with the real keychain and a real SQLite store', () => {
  let temp: TempStore;
  let service: string;
  let store: KeytarSecretStore;
  let kraken: KeyCheckDouble;
  let profiles: ProfileService;
  let clock: number;

  beforeEach(() => {
    temp = openTempStore();
    service = testService();
    store = new KeytarSecretStore({ service });
    kraken = new KeyCheckDouble();
    clock = 1_700_000_000_000;
    profiles = new ProfileService({
      records: temp.store.profiles,
      activeProfile: temp.store.appState,
      secrets: store,
      checkKey: kraken.check,
      statusOf: idleStatus,
      now: () => (clock += 1),
    });
  });
  afterEach(async () => {
    temp.dispose();
    await removeAllIn(service);
  });

  it('creates, replaces and deletes a profile with its keychain entry', async () => {
    const first = kraken.register(newCredentials());
    const created = await profiles.create({ name: 'Main', colour: '#336699', ...first });
    expect(await store.get(created.id)).toEqual(first);
    expect(await profiles.credentialsFor(created.id).getCredentials()).toEqual(first);

    const second = kraken.register(newCredentials(), FULL_ACCESS);
    const replaced = await profiles.replaceCredentials({ id: created.id, ...second });
    expect(replaced.keyFingerprint).toBe(second.apiKey.slice(-4));
    expect(await profiles.credentialsFor(created.id).getCredentials()).toEqual(second);
    expect(await accountsIn(service)).toEqual([created.id]);

    expect(await profiles.delete(created.id)).toEqual({ keychainEntryLeft: false });
    expect(await store.get(created.id)).toBeNull();
    expect(await accountsIn(service)).toEqual([]);
  });

  it('keeps two profiles isolated', async () => {
    const a = await profiles.create({ name: 'A', colour: '#336699', ...kraken.register(newCredentials()) });
    const credentialsB = kraken.register(newCredentials());
    const b = await profiles.create({ name: 'B', colour: '#993366', ...credentialsB });
    await profiles.replaceCredentials({ id: a.id, ...kraken.register(newCredentials()) });
    await profiles.delete(a.id);
    expect(await profiles.credentialsFor(b.id).getCredentials()).toEqual(credentialsB);
    expect(await accountsIn(service)).toEqual([b.id]);
  });

  it('removes the entries of deleted profiles left behind, and flags a profile whose entry is gone at its first read', async () => {
    const kept = await profiles.create({ name: 'Kept', colour: '#336699', ...kraken.register(newCredentials()) });
    const lost = await profiles.create({ name: 'Lost', colour: '#993366', ...kraken.register(newCredentials()) });
    const goneA = await profiles.create({ name: 'Gone A', colour: '#339966', ...kraken.register(newCredentials()) });
    const goneB = await profiles.create({ name: 'Gone B', colour: '#996633', ...kraken.register(newCredentials()) });
    // What a process killed between the record's deletion and the keychain's leaves behind.
    temp.store.profiles.delete(goneA.id);
    temp.store.profiles.delete(goneB.id);
    await keytar.deletePassword(service, lost.id); // removed with a keychain tool

    const result = await profiles.checkKeychain();
    expect(result.problem).toBeNull();
    expect([...result.removedOrphans].sort()).toEqual([goneA.id, goneB.id].sort());
    expect(await accountsIn(service)).toEqual([kept.id]);
    expect((await profiles.checkKeychain()).removedOrphans).toEqual([]);
    const lostRead = await profiles.credentialsFor(lost.id).getCredentials().then(
      () => null,
      (error: unknown) => error,
    );
    expect(lostRead).toBeInstanceOf(AppError);
    expect((lostRead as AppError).kind).toBe('credentialsMissing');
    expect(profiles.list().profiles.map((p) => [p.name, p.keychain])).toEqual([
      ['Kept', 'ok'],
      ['Lost', 'missing'],
    ]);
  });
});
