/**
 * A SecretStore in process memory, for tests of the layers above the keychain (profile service,
 * monitor, bridge). Never used by the app: secrets must outlive the process only in the keychain.
 */
import type { AppError } from '../errors.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

export class MemorySecretStore implements SecretStore {
  readonly #entries = new Map<string, Credentials>();
  /** When set, every operation throws it: how a test puts the keychain out of reach or locks it. */
  failure: AppError | null = null;

  async set(profileId: string, credentials: Credentials): Promise<void> {
    this.#check();
    this.#entries.set(profileId, { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
  }

  async get(profileId: string): Promise<Credentials | null> {
    this.#check();
    return this.#entries.get(profileId) ?? null;
  }

  async delete(profileId: string): Promise<boolean> {
    this.#check();
    return this.#entries.delete(profileId);
  }

  async probe(): Promise<void> {
    this.#check();
  }

  /** The profile ids with an entry, for tests to see what the keychain would hold. */
  accounts(): string[] {
    return [...this.#entries.keys()];
  }

  #check(): void {
    if (this.failure !== null) throw this.failure;
  }
}
