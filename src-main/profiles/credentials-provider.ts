/**
 * The Kraken client's access to a profile's key: it asks the keychain on every use instead of holding
 * the secret, so a secret lives in memory only for the duration of one signed request and a key
 * replaced or deleted in the meantime is never used again.
 *
 * Failures are AppErrors the monitor turns into the `keychainLocked` profile state (see
 * `isCredentialsUnavailable`); none of them carries the secret.
 */
import { AppError } from '../errors.ts';
import type { KeychainState } from '../../src-preload/contract.ts';
import { knownSecrets } from '../log/known-secrets.ts';
import { isKeychainError } from './keychain-errors.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

export interface CredentialsProvider {
  /** Reads the profile's key and secret from the keychain now. */
  getCredentials(): Promise<Credentials>;
}

export function credentialsMissingError(): AppError {
  return new AppError({
    kind: 'credentialsMissing',
    message: "This profile's API key is not in the system keychain (it may have been removed there).",
    action: 'Open Profiles and enter the API key and secret of this profile again with "Replace key".',
    retryable: false,
  });
}

/**
 * True for the errors of `getCredentials` that mean "the key cannot be read" rather than "Kraken
 * refused it": keychain unavailable or locked, or no (readable) entry for the profile.
 */
export function isCredentialsUnavailable(error: unknown): error is AppError {
  return isKeychainError(error) || (error instanceof AppError && error.kind === 'credentialsMissing');
}

function keychainStateAfter(error: unknown): KeychainState | null {
  if (isKeychainError(error)) return 'unavailable';
  if (error instanceof AppError && error.kind === 'credentialsMissing') return 'missing';
  return null;
}

/**
 * @param onKeychainState told what each read found (`ok`, `missing`, `unavailable`), so the profile
 *   list can show a keychain problem as soon as a refresh meets it and clear it once the keyring is back.
 */
export function createCredentialsProvider(
  secrets: SecretStore,
  profileId: string,
  onKeychainState: (state: KeychainState) => void = () => {},
): CredentialsProvider {
  return {
    async getCredentials(): Promise<Credentials> {
      let credentials: Credentials | null;
      try {
        credentials = await secrets.get(profileId);
      } catch (error) {
        const state = keychainStateAfter(error);
        if (state !== null) onKeychainState(state);
        throw error;
      }
      if (credentials === null) {
        onKeychainState('missing');
        throw credentialsMissingError();
      }
      onKeychainState('ok');
      knownSecrets.remember(credentials.apiKey);
      knownSecrets.remember(credentials.apiSecret);
      return credentials;
    },
  };
}
