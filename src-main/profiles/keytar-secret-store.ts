/**
 * The SecretStore of the app: the OS keychain through keytar (libsecret's Secret Service on Linux,
 * the login keychain on macOS, Credential Manager on Windows).
 *
 * One keychain entry per profile: service = the app id, account = the profile id, password = the key
 * and the secret as one JSON value, so that replacing credentials is a single write and an entry can
 * never hold the new key with the old secret.
 *
 * keytar is loaded on first use, not at import: a missing libsecret or a native module built for the
 * wrong Node must turn into a `keychainUnavailable` state, not stop the app from starting.
 */
import { AppError } from '../errors.ts';
import { classifyKeychainFailure, keychainUnavailableError } from './keychain-errors.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

/** The app id (electron-builder `appId`), which is also the keychain service name. */
export const KEYCHAIN_SERVICE = 'com.margindesk.app';

/**
 * The part of keytar this store uses, so a test can hand in a loader that fails. Not
 * findCredentials: it returns the secret of every entry of the service, and the app has no reason to
 * hold secrets it is not about to use.
 */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests use their own so they never touch the app's entries. */
  readonly service?: string;
  readonly platform?: NodeJS.Platform;
  readonly loadKeytar?: () => Promise<KeytarApi>;
}

/**
 * Account name of the write probe (see `#assertUnlocked`). Not a profile id (those are UUIDs), so it
 * can never collide with one.
 */
const PROBE_ACCOUNT = 'margin-desk-unlock-probe';

async function importKeytar(): Promise<KeytarApi> {
  const module = (await import('keytar')) as { default?: KeytarApi } & Partial<KeytarApi>;
  return module.default ?? (module as KeytarApi);
}

/** Version tag of the stored JSON, so a later format can be told apart from this one. */
const ENTRY_VERSION = 1;

function encodeEntry(credentials: Credentials): string {
  return JSON.stringify({ v: ENTRY_VERSION, apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
}

function damagedEntryError(): AppError {
  return new AppError({
    kind: 'credentialsMissing',
    message: 'The keychain entry of this profile is damaged, so its API key cannot be used.',
    action: 'Open Profiles and enter the API key and secret of this profile again.',
    retryable: false,
  });
}

function decodeEntry(stored: string): Credentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    // Not attached as cause: V8's JSON error quotes the input, which holds the secret.
    throw damagedEntryError();
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const entry = parsed as Record<string, unknown>;
    if (entry.v === ENTRY_VERSION && typeof entry.apiKey === 'string' && typeof entry.apiSecret === 'string') {
      return { apiKey: entry.apiKey, apiSecret: entry.apiSecret };
    }
  }
  throw damagedEntryError();
}

export class KeytarSecretStore implements SecretStore {
  readonly #service: string;
  readonly #platform: NodeJS.Platform;
  readonly #loadKeytar: () => Promise<KeytarApi>;
  #keytar: Promise<KeytarApi> | null = null;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.#service = options.service ?? KEYCHAIN_SERVICE;
    this.#platform = options.platform ?? process.platform;
    this.#loadKeytar = options.loadKeytar ?? importKeytar;
  }

  async set(profileId: string, credentials: Credentials): Promise<void> {
    const keytar = await this.#api();
    await this.#call(() => keytar.setPassword(this.#service, profileId, encodeEntry(credentials)));
  }

  async get(profileId: string): Promise<Credentials | null> {
    const keytar = await this.#api();
    const stored = await this.#call(() => keytar.getPassword(this.#service, profileId));
    if (stored !== null) return decodeEntry(stored);
    if (!this.#lookupHidesLockedState()) return null;
    // libsecret answers "nothing found" for an entry in a locked keyring (or after a dismissed
    // unlock prompt). Tell the two apart; if the probe unlocked the keyring, look again.
    await this.#assertUnlocked(keytar);
    const retried = await this.#call(() => keytar.getPassword(this.#service, profileId));
    return retried === null ? null : decodeEntry(retried);
  }

  async delete(profileId: string): Promise<boolean> {
    const keytar = await this.#api();
    // libsecret also reports "nothing deleted" for a locked keyring: check first, so that a locked
    // keyring is an error rather than a silent no-op that leaves the secret behind.
    if (this.#lookupHidesLockedState()) await this.#assertUnlocked(keytar);
    return this.#call(() => keytar.deletePassword(this.#service, profileId));
  }

  /**
   * The write probe on every platform: reading a missing entry says nothing on Linux (see `get`), and
   * reading an existing one would load its secret. On a desktop a locked keychain asks to be unlocked.
   */
  async probe(): Promise<void> {
    await this.#assertUnlocked(await this.#api());
  }

  /** Only libsecret turns "locked" into empty answers; macOS and Windows raise an error instead. */
  #lookupHidesLockedState(): boolean {
    return this.#platform !== 'darwin' && this.#platform !== 'win32';
  }

  /**
   * A write is the only keytar operation that fails (instead of answering "nothing") when the
   * keyring is locked, and on a desktop it asks the user to unlock it first. The probe entry holds
   * no secret.
   */
  async #assertUnlocked(keytar: KeytarApi): Promise<void> {
    await this.#call(() => keytar.setPassword(this.#service, PROBE_ACCOUNT, 'probe'));
    await this.#call(() => keytar.deletePassword(this.#service, PROBE_ACCOUNT));
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw classifyKeychainFailure(error, this.#platform);
    }
  }

  #api(): Promise<KeytarApi> {
    if (this.#keytar === null) {
      this.#keytar = this.#loadKeytar().catch((error: unknown) => {
        // Forget the failure so that the next operation tries again instead of failing forever.
        this.#keytar = null;
        throw keychainUnavailableError(this.#platform, error);
      });
    }
    return this.#keytar;
  }
}
