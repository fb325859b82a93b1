/**
 * Helpers of the profile tests: fresh random credentials, a key check standing in for Kraken's
 * (it knows the keys registered with it, and refuses others the way the Kraken client does), and a
 * real SQLite store in a temporary folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-main/errors.ts';
import { errorFromKrakenCode } from '../../../src-main/kraken/errors.ts';
import type { KeyPermissions } from '../../../src-shared/account-model.ts';
import type { ProfileStatus } from '../../../src-shared/profile-status.ts';
import type { KeyCheck } from '../../../src-main/profiles/profile-service.ts';
import type { DataSourceKind } from '../../../src-shared/profile.ts';
import type { Credentials } from '../../../src-main/profiles/secret-store.ts';
import { Store } from '../../../src-main/store/store.ts';

/** A key pair shaped like Kraken's: 56-character public key, 88-character secret (64 bytes). */
export function newCredentials(): Credentials {
  return { apiKey: randomBytes(42).toString('base64'), apiSecret: randomBytes(64).toString('base64') };
}

export const READ_ONLY: KeyPermissions = { general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} };
export const FULL_ACCESS: KeyPermissions = { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS', other: {} };

export class KeyCheckDouble {
  readonly #keys = new Map<string, { apiSecret: string; permissions: KeyPermissions }>();
  readonly calls: Array<{ apiKey: string; baseUrl: string; source: DataSourceKind }> = [];

  register(credentials: Credentials, permissions: KeyPermissions = READ_ONLY): Credentials {
    this.#keys.set(credentials.apiKey, { apiSecret: credentials.apiSecret, permissions });
    return credentials;
  }

  readonly check: KeyCheck = async (credentials, baseUrl, source) => {
    this.calls.push({ apiKey: credentials.apiKey, baseUrl, source });
    const known = this.#keys.get(credentials.apiKey);
    if (known === undefined || known.apiSecret !== credentials.apiSecret) throw errorFromKrakenCode('authenticationError', 200);
    return known.permissions;
  };
}

export function idleStatus(profileId: string): ProfileStatus {
  return { profileId, state: 'idle', lastSuccessAt: null, lastAttemptAt: null, nextRefreshAt: null, lastError: null };
}

export interface TempStore {
  readonly store: Store;
  readonly folder: string;
  /** Closes the database and removes the folder. */
  dispose(): void;
}

export function openTempStore(): TempStore {
  const folder = mkdtempSync(join(tmpdir(), 'md-profiles-'));
  const store = Store.open(folder);
  return {
    store,
    folder,
    dispose() {
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The AppError a promise rejects with (any other outcome fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The AppError an action throws (any other outcome fails the test). */
export function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
