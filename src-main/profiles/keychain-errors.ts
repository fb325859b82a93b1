/**
 * What went wrong with the OS keychain, in words a user can act on.
 *
 * keytar reports failures as bare Error messages from libsecret (Linux), the macOS Security framework
 * or the Windows Credential Manager, or fails to load at all when its native library is missing.
 * They fall into two situations the UI treats differently:
 * - `keychainUnavailable`: there is no keychain to talk to (no D-Bus, no Secret Service, no default
 *   keyring, keytar or libsecret not loadable). Nothing changes until the user sets one up.
 * - `keychainLocked`: the keychain exists but is locked, or the user dismissed its unlock prompt.
 *   Unlocking it is enough.
 * Neither message quotes the keychain's own text: it goes to the log through `cause` only, and no
 * secret ever reaches these errors because keytar's messages never include the stored value.
 */
import type { UserFacingError } from '../../src-shared/user-facing-error.ts';
import { AppError } from '../errors.ts';

export type KeychainErrorKind = 'keychainUnavailable' | 'keychainLocked';

/** Cached figures stay readable without the keychain; every message says so, because users ask. */
const CACHED_DATA_NOTE = 'Margin Desk keeps showing the figures it has cached.';

function unavailableAction(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Open Keychain Access and make sure your login keychain exists and is the default keychain, then restart Margin Desk.';
    case 'win32':
      return 'Make sure Windows Credential Manager is running for your user account, then restart Margin Desk.';
    default:
      return (
        'Install a Secret Service keyring and unlock it: GNOME Keyring (package gnome-keyring) or KWallet with ' +
        'its Secret Service support, plus libsecret (package libsecret-1-0). Log out and in again, then restart Margin Desk.'
      );
  }
}

function lockedAction(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain (Keychain Access) and allow Margin Desk to use it when asked.';
    case 'win32':
      return 'Sign in to Windows with your account password so Credential Manager is unlocked, then try again.';
    default:
      return 'Unlock your keyring (GNOME Keyring or KWallet), for example with your login password when asked, then try again.';
  }
}

export function keychainUnavailableError(platform: NodeJS.Platform, cause?: unknown): AppError {
  return new AppError({
    kind: 'keychainUnavailable',
    message: `The system keychain is not available, so Margin Desk cannot read or store API keys. ${CACHED_DATA_NOTE}`,
    action: unavailableAction(platform),
    retryable: false,
    cause,
  });
}

export function keychainLockedError(platform: NodeJS.Platform, cause?: unknown): AppError {
  return new AppError({
    kind: 'keychainLocked',
    message: `The system keychain is locked, so Margin Desk cannot read or store API keys. ${CACHED_DATA_NOTE}`,
    action: lockedAction(platform),
    retryable: true,
    cause,
  });
}

/**
 * Fragments of the keychain's own messages that mean "locked or prompt dismissed". Everything else
 * counts as unavailable: an unknown keychain failure leaves the user with the same remedy.
 */
const LOCKED_SIGNS = [
  'locked collection', // libsecret: "Cannot create an item in a locked collection"
  'is locked',
  'cancelled', // libsecret / GLib: the unlock prompt was dismissed
  'canceled', // macOS errSecUserCanceled: "User canceled the operation."
  'dismissed',
  'user interaction is not allowed', // macOS errSecInteractionNotAllowed: keychain locked, no UI allowed
  'passphrase you entered is not correct', // macOS errSecAuthFailed at the unlock prompt
];

export function classifyKeychainFailure(error: unknown, platform: NodeJS.Platform): AppError {
  if (isKeychainError(error)) return error;
  const text = error instanceof Error ? error.message.toLowerCase() : String(error).toLowerCase();
  return LOCKED_SIGNS.some((sign) => text.includes(sign))
    ? keychainLockedError(platform, error)
    : keychainUnavailableError(platform, error);
}

export function isKeychainError(error: unknown): error is AppError & { readonly kind: KeychainErrorKind } {
  return error instanceof AppError && (error.kind === 'keychainUnavailable' || error.kind === 'keychainLocked');
}

/**
 * A deleted profile whose API key could not be removed from the keychain (locked or unavailable):
 * the user should know a copy of the key is still stored, and that it goes once the keychain opens.
 */
export function keychainEntryLeft(profileName: string): UserFacingError {
  return {
    kind: 'keychainEntryLeft',
    message: `“${profileName}” was deleted, but its API key could not be removed from the system keychain, which is locked or not available.`,
    action:
      "Margin Desk removes the key the next time it can open the keychain. To remove it now, unlock the keychain and restart Margin Desk, or remove Margin Desk's entry for this profile from your keychain yourself.",
    retryable: false,
  };
}
