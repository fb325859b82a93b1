import type { Credentials } from '../../src-preload/contract.ts';

export type { Credentials };

/**
 * Where a profile's API key and secret live: the OS keychain in the app, memory in tests of the
 * layers above. One entry per profile, addressed by the profile id.
 *
 * Failures are AppErrors of kind `keychainUnavailable` (no keychain to talk to) or `keychainLocked`
 * (there is one, but it is locked or the user dismissed its prompt); neither ever carries a secret.
 */
export interface SecretStore {
  /** Stores both parts as one entry, replacing any previous one in a single write. */
  set(profileId: string, credentials: Credentials): Promise<void>;
  /** The profile's credentials, or null when it has no entry. */
  get(profileId: string): Promise<Credentials | null>;
  /** Removes the profile's entry; true when there was one. */
  delete(profileId: string): Promise<boolean>;
  /**
   * Proves the keychain usable (reachable and unlocked) without reading any stored secret; throws the
   * failure otherwise. There is deliberately no call that lists entries: the keychains' only listing
   * (keytar's findCredentials) returns every entry's secret with its name.
   */
  probe(): Promise<void>;
}
