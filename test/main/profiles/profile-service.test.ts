import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileList } from '../../../src-preload/contract.ts';
import { keychainLockedError, keychainUnavailableError } from '../../../src-main/profiles/keychain-errors.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';
import { PRODUCTION_BASE_URL, PRODUCTION_SPOT_BASE_URL, PRODUCTION_STREAM_URL } from '../../../src-shared/profile.ts';
import { REST_NOTICE_FROM } from '../../../src-main/monitor/rest-cutoff.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { SAMPLE_BASE_URL } from '../../../src-main/profiles/sample-profile.ts';
import { Store } from '../../../src-main/store/store.ts';
import { historyPoint } from '../store/fixtures/history-point-fixture.ts';
import { FULL_ACCESS, idleStatus, KeyCheckDouble, newCredentials, openTempStore, READ_ONLY, rejection, type TempStore, thrown } from './support.ts';

describe('ProfileService (real SQLite store, memory secret store)', () => {
  let temp: TempStore;
  let secrets: MemorySecretStore;
  let kraken: KeyCheckDouble;
  let clock: number;
  let service: ProfileService;
  let changes: ProfileList[];

  function newService(store: Store): ProfileService {
    const created = new ProfileService({
      records: store.profiles,
      activeProfile: store.appState,
      secrets,
      checkKey: kraken.check,
      statusOf: idleStatus,
      now: () => clock,
    });
    created.onChange((list) => changes.push(list));
    return created;
  }

  beforeEach(() => {
    temp = openTempStore();
    secrets = new MemorySecretStore();
    kraken = new KeyCheckDouble();
    clock = 1_700_000_000_000;
    changes = [];
    service = newService(temp.store);
  });

  afterEach(() => temp.dispose());

  async function createProfile(name = 'Main', credentials = kraken.register(newCredentials())) {
    clock += 1; // distinct creation times keep the list order (creation order) deterministic
    return service.create({ name, colour: '#336699', source: 'rest', ...credentials });
  }

  describe('create', () => {
    it('checks the key, stores the record without the secret and the credentials in the keychain', async () => {
      const credentials = kraken.register(newCredentials(), FULL_ACCESS);
      const view = await service.create({ name: ' Main ', colour: '#336699', source: 'rest', apiKey: ` ${credentials.apiKey}\n`, apiSecret: `${credentials.apiSecret} ` });

      expect(view).toMatchObject({
        name: 'Main',
        colour: '#336699',
        kind: 'kraken',
        baseUrl: PRODUCTION_BASE_URL,
        refreshSeconds: 15,
        createdAt: clock,
        lastUsedAt: null,
        keyFingerprint: credentials.apiKey.slice(-4),
        permissions: FULL_ACCESS,
        keychain: 'ok',
        status: idleStatus(view.id),
      });
      expect(kraken.calls).toEqual([{ apiKey: credentials.apiKey, baseUrl: PRODUCTION_BASE_URL, source: 'rest' }]);
      expect(await secrets.get(view.id)).toEqual(credentials);
      expect(temp.store.profiles.get(view.id)).toEqual(Object.fromEntries(Object.entries(view).filter(([k]) => !['status', 'keychain', 'cutoff'].includes(k))));
      expect(changes.at(-1)?.profiles.map((p) => p.id)).toEqual([view.id]);
    });

    it('uses the given base URL and refresh interval', async () => {
      const credentials = kraken.register(newCredentials());
      const view = await service.create({ name: 'Sim', colour: '#000000', ...credentials, baseUrl: 'http://127.0.0.1:4567/', refreshSeconds: 30 });
      expect(view).toMatchObject({ baseUrl: 'http://127.0.0.1:4567', refreshSeconds: 30 });
      expect(kraken.calls[0]?.baseUrl).toBe('http://127.0.0.1:4567');
    });

    it('stores nothing and asks Kraken nothing when the input is invalid', async () => {
      const credentials = newCredentials();
      expect((await rejection(service.create({ name: 'x', colour: '#336699', apiKey: credentials.apiKey, apiSecret: 'abc' }))).kind).toBe('invalidSecret');
      expect((await rejection(service.create({ name: '', colour: '#336699', ...credentials }))).kind).toBe('invalidArgument');
      expect(kraken.calls).toEqual([]);
      expect(service.list().profiles).toEqual([]);
      expect(secrets.accounts()).toEqual([]);
    });

    it('explains a refused key and stores nothing', async () => {
      const error = await rejection(service.create({ name: 'Main', colour: '#336699', source: 'rest', ...newCredentials() }));
      expect(error.kind).toBe('authenticationError');
      expect(error.message).toMatch(/Spot key/);
      expect(service.list().profiles).toEqual([]);
      expect(secrets.accounts()).toEqual([]);
    });

    it('removes the record again when the keychain write fails', async () => {
      secrets.failure = keychainLockedError('linux');
      const error = await rejection(createProfile());
      expect(error.kind).toBe('keychainLocked');
      expect(temp.store.profiles.list()).toEqual([]);
      expect(changes).toEqual([]);
    });
  });

  describe('Kraken API key (Unified WebSocket) profiles', () => {
    it('are what a new profile is unless the caller asks for a Futures key', async () => {
      const credentials = kraken.register(newCredentials());
      const view = await service.create({ name: 'Stream', colour: '#336699', ...credentials });
      expect(view).toMatchObject({ kind: 'kraken', source: 'uws', baseUrl: PRODUCTION_SPOT_BASE_URL, streamUrl: PRODUCTION_STREAM_URL, cutoff: null });
      expect(kraken.calls).toEqual([{ apiKey: credentials.apiKey, baseUrl: PRODUCTION_SPOT_BASE_URL, source: 'uws' }]);
      expect(await secrets.get(view.id)).toEqual(credentials);
    });

    it('take loopback addresses for the simulator and refuse a plain ws address elsewhere', async () => {
      const credentials = kraken.register(newCredentials());
      const view = await service.create({ name: 'Sim', colour: '#336699', ...credentials, baseUrl: 'http://127.0.0.1:4000', streamUrl: 'ws://127.0.0.1:4000/v2/private/' });
      expect(view).toMatchObject({ baseUrl: 'http://127.0.0.1:4000', streamUrl: 'ws://127.0.0.1:4000/v2/private' });
      const error = await rejection(service.create({ name: 'Bad', colour: '#336699', ...credentials, streamUrl: 'ws://uws.example.com/v2/private' }));
      expect(error).toMatchObject({ kind: 'invalidArgument', message: expect.stringMatching(/wss:\/\//) });
      expect((await rejection(service.create({ name: 'Rest', colour: '#336699', source: 'rest', ...credentials, streamUrl: 'wss://uws.kraken.com/v2/private' }))).kind).toBe('invalidArgument');
    });

    it('a REST profile switches to a Kraken API key keeping its id, alert rules and history; a failed check changes nothing', async () => {
      const old = kraken.register(newCredentials());
      const rest = await createProfile('Main', old);
      temp.store.alertRules.set(rest.id, { ...temp.store.alertRules.get(rest.id), warnBelowPct: 450 });
      temp.store.history.append(rest.id, [{ accountKey: 'flex', point: historyPoint(1000, 10_000, 1_000) }]);

      const refused = await rejection(service.switchToStreaming({ id: rest.id, ...newCredentials() }));
      expect(refused.kind).toBe('authenticationError');
      expect(service.get(rest.id)).toMatchObject({ source: 'rest', baseUrl: PRODUCTION_BASE_URL });
      expect(await secrets.get(rest.id)).toEqual(old);

      const fresh = kraken.register(newCredentials());
      const switched = await service.switchToStreaming({ id: rest.id, ...fresh });
      expect(switched).toMatchObject({ id: rest.id, name: 'Main', source: 'uws', baseUrl: PRODUCTION_SPOT_BASE_URL, streamUrl: PRODUCTION_STREAM_URL, keyFingerprint: fresh.apiKey.slice(-4) });
      expect(kraken.calls.at(-1)).toEqual({ apiKey: fresh.apiKey, baseUrl: PRODUCTION_SPOT_BASE_URL, source: 'uws' });
      expect(await secrets.get(rest.id)).toEqual(fresh);
      expect(temp.store.alertRules.get(rest.id).warnBelowPct).toBe(450);
      expect(temp.store.history.query(rest.id, 'flex', 0, 2000)).toHaveLength(1);
      expect((await rejection(service.switchToStreaming({ id: rest.id, ...fresh }))).kind).toBe('invalidArgument');
    });

    it('keep their source: only the Sample profile changes it by an update', async () => {
      const view = await createProfile();
      expect(thrown(() => service.update({ id: view.id, source: 'uws' })).kind).toBe('invalidArgument');
      const sample = service.createSample();
      expect(sample.source).toBe('rest');
      expect(service.update({ id: sample.id, source: 'uws' }).source).toBe('uws');
      expect(temp.store.profiles.get(sample.id)?.source).toBe('uws');
    });

    it('a REST profile carries the switch-off notice from 2027-02-01, a Kraken API key profile never', async () => {
      const rest = await createProfile('Rest');
      const stream = await service.create({ name: 'Stream', colour: '#336699', ...kraken.register(newCredentials()) });
      expect(service.get(rest.id).cutoff).toBeNull();
      clock = REST_NOTICE_FROM;
      expect(service.get(rest.id).cutoff).toMatchObject({ stage: 'notice', steps: expect.arrayContaining([expect.stringMatching(/Switch to a Kraken API key/)]) });
      expect(service.get(stream.id).cutoff).toBeNull();
      expect(service.createSample().cutoff).toBeNull();
    });
  });

  describe('list and activate', () => {
    it('lists in creation order and remembers the active profile across restarts', async () => {
      const first = await createProfile('First');
      clock += 1000;
      const second = await createProfile('Second');
      expect(service.list().profiles.map((p) => p.name)).toEqual(['First', 'Second']);
      expect(service.list().activeProfileId).toBeNull();

      clock += 1000;
      const activated = service.activate(second.id);
      expect(activated.lastUsedAt).toBe(clock);
      expect(changes.at(-1)?.activeProfileId).toBe(second.id);

      temp.store.close();
      const reopened = Store.open(temp.folder);
      try {
        const afterRestart = newService(reopened);
        expect(afterRestart.list().activeProfileId).toBe(second.id);
        expect(afterRestart.get(first.id).lastUsedAt).toBeNull();
      } finally {
        reopened.close();
      }
    });

    it('refuses an unknown profile', () => {
      expect(thrown(() => service.activate('nope')).kind).toBe('profileNotFound');
      expect(thrown(() => service.get('nope')).kind).toBe('profileNotFound');
    });
  });

  describe('update', () => {
    it('changes the given fields only, validated', async () => {
      const view = await createProfile();
      const updated = service.update({ id: view.id, name: 'Renamed', refreshSeconds: 60 });
      expect(updated).toMatchObject({ name: 'Renamed', refreshSeconds: 60, colour: '#336699', keyFingerprint: view.keyFingerprint });
      expect(thrown(() => service.update({ id: view.id, colour: 'blue' })).kind).toBe('invalidArgument');
      expect(thrown(() => service.update({ id: 'nope', name: 'x' })).kind).toBe('profileNotFound');
      // Not a field of update: the address a stored key goes to needs the secret (replaceCredentials).
      service.update({ id: view.id, baseUrl: 'https://attacker.example' } as never);
      expect(service.get(view.id).baseUrl).toBe(view.baseUrl);
      expect(service.get(view.id).colour).toBe('#336699');
    });
  });

  describe('delete', () => {
    it('deletes the keychain entry too and activates the most recently used remaining profile', async () => {
      const a = await createProfile('A');
      const b = await createProfile('B');
      const c = await createProfile('C');
      clock += 10;
      service.activate(b.id);
      clock += 10;
      service.activate(c.id);
      expect(await service.delete(c.id)).toEqual({ keychainEntryLeft: false });
      expect(await secrets.get(c.id)).toBeNull();
      expect(service.list().profiles.map((p) => p.id)).toEqual([a.id, b.id]);
      expect(service.list().activeProfileId).toBe(b.id);
      expect(changes.at(-1)?.activeProfileId).toBe(b.id);
    });

    it('still deletes the profile when the keychain is locked; the entry goes at the next keychain check', async () => {
      const view = await createProfile();
      secrets.failure = keychainLockedError('linux');
      expect(await service.delete(view.id)).toEqual({ keychainEntryLeft: true });
      expect(service.list().profiles).toEqual([]);
      expect(temp.store.profiles.pendingKeychainDeletions()).toEqual([view.id]);
      // still locked at the next check: the entry stays queued
      expect((await service.checkKeychain()).problem?.kind).toBe('keychainLocked');
      secrets.failure = null;
      expect(secrets.accounts()).toEqual([view.id]);
      expect(await service.checkKeychain()).toEqual({ problem: null, removedOrphans: [view.id] });
      expect(secrets.accounts()).toEqual([]);
      expect(temp.store.profiles.pendingKeychainDeletions()).toEqual([]);
    });

    it('queues the entry with the record deletion, so a process that dies before the keychain answers leaves it known', async () => {
      const view = await createProfile();
      let release = (): void => {};
      const keychainAnswered = new Promise<void>((resolve) => (release = resolve));
      const remove = secrets.delete.bind(secrets);
      secrets.delete = async (account) => {
        await keychainAnswered;
        return remove(account);
      };
      const deleting = service.delete(view.id);
      // The record is gone and the keychain has not answered: this is what a kill now would leave.
      expect(temp.store.profiles.get(view.id)).toBeNull();
      expect(temp.store.profiles.pendingKeychainDeletions()).toEqual([view.id]);
      release();
      expect(await deleting).toEqual({ keychainEntryLeft: false });
      expect(temp.store.profiles.pendingKeychainDeletions()).toEqual([]);
    });
  });

  describe('replaceCredentials', () => {
    it('checks the new key, replaces the entry and the fingerprint', async () => {
      const view = await createProfile();
      const next = kraken.register(newCredentials(), FULL_ACCESS);
      const replaced = await service.replaceCredentials({ id: view.id, ...next });
      expect(replaced).toMatchObject({ keyFingerprint: next.apiKey.slice(-4), permissions: FULL_ACCESS, keychain: 'ok' });
      expect(await secrets.get(view.id)).toEqual(next);
    });

    it('moves a key to another address only with its secret, checked at that address', async () => {
      const view = await createProfile();
      const next = kraken.register(newCredentials());
      const moved = await service.replaceCredentials({ id: view.id, ...next, baseUrl: 'http://127.0.0.1:4567/' });
      expect(moved.baseUrl).toBe('http://127.0.0.1:4567');
      expect(kraken.calls.at(-1)).toEqual({ apiKey: next.apiKey, baseUrl: 'http://127.0.0.1:4567', source: 'rest' });
    });

    it('keeps the old key when the new one is refused', async () => {
      const old = kraken.register(newCredentials());
      const view = await createProfile('Main', old);
      const error = await rejection(service.replaceCredentials({ id: view.id, ...newCredentials() }));
      expect(error.kind).toBe('authenticationError');
      expect(await secrets.get(view.id)).toEqual(old);
      expect(service.get(view.id).keyFingerprint).toBe(old.apiKey.slice(-4));
    });
  });

  describe('testConnection', () => {
    it('reports permissions and warnings for a typed key without storing anything', async () => {
      const credentials = kraken.register(newCredentials(), FULL_ACCESS);
      const result = await service.testConnection({ ...credentials, source: 'rest', baseUrl: 'http://localhost:9999' });
      expect(result.permissions).toEqual(FULL_ACCESS);
      expect(result.warnings).toEqual([
        expect.stringMatching(/can trade/),
        expect.stringMatching(/transfer and withdraw/),
        expect.stringMatching(/Recommended: create a read-only key/),
      ]);
      expect(kraken.calls).toEqual([{ apiKey: credentials.apiKey, baseUrl: 'http://localhost:9999', source: 'rest' }]);
      expect(service.list().profiles).toEqual([]);
    });

    it('tests a stored profile with its keychain credentials and records the permissions', async () => {
      const credentials = kraken.register(newCredentials(), READ_ONLY);
      const view = await createProfile('Main', credentials);
      kraken.register(credentials, FULL_ACCESS); // the user widened the key on Kraken meanwhile
      const result = await service.testConnection({ profileId: view.id });
      expect(result.permissions).toEqual(FULL_ACCESS);
      expect(service.get(view.id).permissions).toEqual(FULL_ACCESS);
      expect(changes.at(-1)?.profiles[0]?.permissions).toEqual(FULL_ACCESS);
    });

    it('reports a locked keychain for a stored profile and shows it in the list', async () => {
      const view = await createProfile();
      secrets.failure = keychainLockedError('linux');
      expect((await rejection(service.testConnection({ profileId: view.id }))).kind).toBe('keychainLocked');
      expect(service.get(view.id).keychain).toBe('unavailable');
      expect(changes.at(-1)?.profiles[0]?.keychain).toBe('unavailable');
    });
  });

  describe('checkKeychain', () => {
    it('removes the entries of deleted profiles it still has queued, and only those', async () => {
      const kept = await createProfile('Kept');
      const gone = await createProfile('Gone');
      secrets.failure = keychainLockedError('linux');
      await service.delete(gone.id);
      secrets.failure = null;
      await secrets.set('5c1d0c3e-not-ours', newCredentials()); // an entry the database never queued
      const result = await service.checkKeychain();
      expect(result).toEqual({ problem: null, removedOrphans: [gone.id] });
      expect(secrets.accounts().sort()).toEqual([kept.id, '5c1d0c3e-not-ours'].sort());
      expect(service.get(kept.id).keychain).toBe('ok');
    });

    it('leaves the entries of a database moved aside as damaged: their profiles live on in that file', async () => {
      const view = await createProfile();
      temp.dispose();
      temp = openTempStore(); // the fresh database that replaced the damaged one
      service = newService(temp.store);
      expect(await service.checkKeychain()).toEqual({ problem: null, removedOrphans: [] });
      expect(secrets.accounts()).toEqual([view.id]);
    });

    it('reads no secret: a profile whose entry is gone shows missing at its first credentials read', async () => {
      const lost = await createProfile('Lost');
      await secrets.delete(lost.id); // removed with a keychain tool
      const reads: string[] = [];
      const read = secrets.get.bind(secrets);
      secrets.get = async (account) => {
        reads.push(account);
        return read(account);
      };
      expect(await service.checkKeychain()).toEqual({ problem: null, removedOrphans: [] });
      expect(reads).toEqual([]);
      expect(service.get(lost.id).keychain).toBe('ok');
      const missing = await rejection(service.credentialsFor(lost.id).getCredentials());
      expect(missing.kind).toBe('credentialsMissing');
      expect(missing.message).toMatch(/not in the system keychain/);
      expect(missing.action).toMatch(/enter the API key and secret of this profile again/);
      expect(service.get(lost.id).keychain).toBe('missing');
      expect(changes.at(-1)?.profiles.map((p) => p.keychain)).toEqual(['missing']);
    });

    it('marks every kraken profile unavailable when the keychain cannot be reached, keeps listing them, and clears the mark once it can', async () => {
      const view = await createProfile();
      clock += 1;
      service.createSample();
      secrets.failure = keychainUnavailableError('linux');
      const result = await service.checkKeychain();
      expect(result.problem?.kind).toBe('keychainUnavailable');
      expect(result.removedOrphans).toEqual([]);
      expect(service.list().profiles.map((p) => [p.id === view.id ? 'kraken' : 'sample', p.keychain])).toEqual([
        ['kraken', 'unavailable'],
        ['sample', 'notNeeded'],
      ]);
      secrets.failure = null;
      expect((await service.checkKeychain()).problem).toBeNull();
      expect(service.get(view.id).keychain).toBe('ok');
    });
  });

  describe('credentialsFor', () => {
    it('reads the keychain on every call, so a replaced key is used at once', async () => {
      const view = await createProfile();
      const provider = service.credentialsFor(view.id);
      const next = kraken.register(newCredentials());
      await service.replaceCredentials({ id: view.id, ...next });
      expect(await provider.getCredentials()).toEqual(next);
    });

    it('turns a missing entry or an unreachable keychain into errors and keychain states, and recovers', async () => {
      const view = await createProfile();
      const provider = service.credentialsFor(view.id);
      secrets.failure = keychainUnavailableError('linux');
      expect((await rejection(provider.getCredentials())).kind).toBe('keychainUnavailable');
      expect(service.get(view.id).keychain).toBe('unavailable');
      secrets.failure = null;
      await provider.getCredentials();
      expect(service.get(view.id).keychain).toBe('ok');
      await secrets.delete(view.id);
      const missing = await rejection(provider.getCredentials());
      expect(missing.kind).toBe('credentialsMissing');
      expect(missing.action).toMatch(/Replace key/);
      expect(service.get(view.id).keychain).toBe('missing');
      expect(changes.map((list) => list.profiles[0]?.keychain)).toEqual(['ok', 'unavailable', 'ok', 'missing']);
    });
  });

  describe('sample profile', () => {
    it('needs no key, is created once and cannot be given one', async () => {
      const sample = service.createSample();
      expect(sample).toMatchObject({ kind: 'sample', name: 'Sample', baseUrl: SAMPLE_BASE_URL, keychain: 'notNeeded', keyFingerprint: null });
      expect(service.createSample().id).toBe(sample.id);
      expect(service.list().profiles).toHaveLength(1);
      expect(thrown(() => service.credentialsFor(sample.id)).kind).toBe('invalidArgument');
      expect((await rejection(service.testConnection({ profileId: sample.id }))).kind).toBe('invalidArgument');
      expect((await rejection(service.replaceCredentials({ id: sample.id, ...newCredentials() }))).kind).toBe('invalidArgument');
      expect(service.update({ id: sample.id, colour: '#112233' }).colour).toBe('#112233');
      expect(await service.delete(sample.id)).toEqual({ keychainEntryLeft: false });
    });
  });

  it('stops notifying a listener after it unsubscribes', async () => {
    const seen: ProfileList[] = [];
    const unsubscribe = service.onChange((list) => seen.push(list));
    service.createSample();
    unsubscribe();
    await createProfile();
    expect(seen).toHaveLength(1);
  });
});
