/**
 * The secret passes through create, replace and test connection, and must come back out nowhere:
 * not in a result, a change notification, an error (message, action, stack, JSON, causes) or the
 * SQLite files (main file, WAL and shared-memory index, read as bytes while open and after close).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keychainLockedError } from '../../../src-main/profiles/keychain-errors.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { FULL_ACCESS, idleStatus, KeyCheckDouble, newCredentials, openTempStore } from './support.ts';

async function caught(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Every text an error can show anywhere: its own and those of its causes. */
function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let current = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error) texts.push(current.message, String(current.stack), String(current), JSON.stringify(current));
    if (typeof current === 'object') texts.push(JSON.stringify(current), JSON.stringify(Object.getOwnPropertyDescriptors(current)));
  }
  return texts;
}

function databaseBytes(path: string): Buffer[] {
  return ['', '-wal', '-shm'].flatMap((suffix) => {
    try {
      return [readFileSync(`${path}${suffix}`)];
    } catch {
      return []; // -wal and -shm exist only while the database is open
    }
  });
}

describe('secret leak check of the profile layer', () => {
  it('finds no secret in results, notifications, errors or the SQLite files', async () => {
    const temp = openTempStore();
    const secrets = new MemorySecretStore();
    const kraken = new KeyCheckDouble();
    const service = new ProfileService({
      records: temp.store.profiles,
      activeProfile: temp.store.appState,
      secrets,
      checkKey: kraken.check,
      statusOf: idleStatus,
    });
    const outputs: unknown[] = [];
    const errors: unknown[] = [];
    service.onChange((list) => outputs.push(list));

    const first = kraken.register(newCredentials(), FULL_ACCESS);
    const replacement = kraken.register(newCredentials());
    const third = kraken.register(newCredentials());
    const wrong = { apiKey: first.apiKey, apiSecret: newCredentials().apiSecret };
    const known = [first.apiSecret, replacement.apiSecret, third.apiSecret, wrong.apiSecret];

    try {
      outputs.push(await service.testConnection(first));
      const created = await service.create({ name: 'Main', colour: '#336699', ...first });
      outputs.push(created);
      outputs.push(await service.testConnection({ profileId: created.id }));
      outputs.push(await service.replaceCredentials({ id: created.id, ...replacement }));
      outputs.push(service.activate(created.id), service.list(), await service.checkKeychain());

      errors.push(await caught(() => service.testConnection(wrong)));
      errors.push(await caught(() => service.replaceCredentials({ id: created.id, ...wrong })));
      errors.push(await caught(() => service.create({ name: 'Bad', colour: '#336699', apiKey: first.apiKey, apiSecret: `${first.apiSecret.slice(0, 40)}\n${first.apiSecret.slice(40)}` })));
      errors.push(await caught(() => service.create({ name: 'Bad', colour: '#336699', apiKey: first.apiKey, apiSecret: first.apiSecret.slice(0, 87) })));
      errors.push(await caught(() => service.create({ name: 'Same', colour: '#336699', apiKey: third.apiSecret, apiSecret: third.apiSecret })));
      secrets.failure = keychainLockedError('linux');
      errors.push(await caught(() => service.create({ name: 'Locked', colour: '#336699', ...third })));
      errors.push(await caught(() => service.credentialsFor(created.id).getCredentials()));
      secrets.failure = null;
      outputs.push(service.list());

      expect(errors).toHaveLength(7);
      const shown = [JSON.stringify(outputs), ...errors.flatMap(errorTexts)].join('\n');
      const whileOpen = databaseBytes(temp.store.path);
      temp.store.close();
      const afterClose = databaseBytes(temp.store.path);
      expect(whileOpen.length).toBeGreaterThanOrEqual(2);

      for (const secret of known) {
        expect(shown).not.toContain(secret);
        expect(shown).not.toContain(secret.slice(0, 24));
        for (const bytes of [...whileOpen, ...afterClose]) {
          expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'base64'))).toBe(false);
        }
      }
      // The check itself must be able to find what it looks for: the public key's tail is stored.
      expect(afterClose.some((bytes) => bytes.includes(Buffer.from(replacement.apiKey.slice(-4))))).toBe(true);
    } finally {
      temp.dispose();
    }
  });
});
