/**
 * The parts of KeytarSecretStore a real keychain cannot show on demand: keytar failing to load, and
 * the per-platform handling of "nothing found" (libsecret says it for locked keyrings too).
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { KeytarSecretStore, type KeytarApi } from '../../../src-main/profiles/keytar-secret-store.ts';

/** An empty keychain that records which operations were called. */
function emptyKeychain(calls: string[]): KeytarApi {
  return {
    async getPassword(_service, account) {
      calls.push(`get ${account}`);
      return null;
    },
    async setPassword(_service, account) {
      calls.push(`set ${account}`);
    },
    async deletePassword(_service, account) {
      calls.push(`delete ${account}`);
      return false;
    },
  };
}

describe('KeytarSecretStore loading and platform handling', () => {
  it('turns a keytar that cannot load into keychainUnavailable, and tries loading again next time', async () => {
    let attempts = 0;
    const store = new KeytarSecretStore({
      platform: 'linux',
      loadKeytar: async () => {
        attempts += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    for (const operation of [() => store.get('a'), () => store.probe()]) {
      const error = await operation().then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('keychainUnavailable');
    }
    expect(attempts).toBe(2);
  });

  it('on Linux, proves the keyring unlocked before trusting "nothing found" and looks again', async () => {
    const calls: string[] = [];
    const store = new KeytarSecretStore({ platform: 'linux', loadKeytar: async () => emptyKeychain(calls) });
    expect(await store.get('profile-1')).toBeNull();
    expect(calls).toEqual(['get profile-1', 'set margin-desk-unlock-probe', 'delete margin-desk-unlock-probe', 'get profile-1']);
    calls.length = 0;
    await store.probe();
    expect(calls).toEqual(['set margin-desk-unlock-probe', 'delete margin-desk-unlock-probe']);
  });

  it('on macOS and Windows, where a locked keychain is an error, trusts "nothing found" as it is', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const calls: string[] = [];
      const store = new KeytarSecretStore({ platform, loadKeytar: async () => emptyKeychain(calls) });
      expect(await store.get('profile-1')).toBeNull();
      expect(await store.delete('profile-1')).toBe(false);
      // the probe writes on every platform: reading an entry would load its secret
      await store.probe();
      expect(calls).toEqual(['get profile-1', 'delete profile-1', 'set margin-desk-unlock-probe', 'delete margin-desk-unlock-probe']);
    }
  });
});
