import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { classifyKeychainFailure, keychainLockedError } from '../../../src-main/profiles/keychain-errors.ts';

// Messages as keytar 7.9 reports them (recorded on Linux with libsecret 0.21 and gnome-keyring 46,
// and from the macOS Security framework's error strings).
const UNAVAILABLE = [
  'Could not connect: No such file or directory', // DBUS_SESSION_BUS_ADDRESS names no socket
  'Cannot autolaunch D-Bus without X11 $DISPLAY', // no session bus at all
  'The name org.freedesktop.secrets was not provided by any .service files', // no Secret Service installed
  'Object does not exist at path “/org/freedesktop/secrets/collection/login”', // no default keyring
  'libsecret-1.so.0: cannot open shared object file: No such file or directory', // keytar cannot load
  'A default keychain could not be found.', // macOS
];
const LOCKED = [
  'Cannot create an item in a locked collection',
  'The operation was cancelled', // unlock prompt dismissed
  'User canceled the operation.', // macOS
  'User interaction is not allowed.', // macOS, locked keychain
];

describe('classifyKeychainFailure', () => {
  it.each(UNAVAILABLE)('treats "%s" as keychainUnavailable', (text) => {
    const error = classifyKeychainFailure(new Error(text), 'linux');
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('keychainUnavailable');
    expect(error.retryable).toBe(false);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each(LOCKED)('treats "%s" as keychainLocked', (text) => {
    const error = classifyKeychainFailure(new Error(text), 'linux');
    expect(error.kind).toBe('keychainLocked');
    expect(error.retryable).toBe(true);
  });

  it('says what to install on Linux and that cached figures stay', () => {
    const error = classifyKeychainFailure(new Error(UNAVAILABLE[2]), 'linux');
    expect(error.message).toBe(
      'The system keychain is not available, so Margin Desk cannot read or store API keys. Margin Desk keeps showing the figures it has cached.',
    );
    expect(error.action).toMatch(/GNOME Keyring/);
    expect(error.action).toMatch(/KWallet/);
    expect(error.action).toMatch(/libsecret/);
  });

  it('gives platform-specific actions', () => {
    expect(classifyKeychainFailure(new Error('x'), 'darwin').action).toMatch(/Keychain Access/);
    expect(classifyKeychainFailure(new Error('x'), 'win32').action).toMatch(/Credential Manager/);
    expect(classifyKeychainFailure(new Error(LOCKED[0]), 'linux').action).toMatch(/Unlock your keyring/);
  });

  it("never repeats the keychain's own text in what the user sees", () => {
    const error = classifyKeychainFailure(new Error('Could not connect: secret-looking-detail'), 'linux');
    expect(`${error.message} ${error.action} ${JSON.stringify(error)}`).not.toContain('secret-looking-detail');
  });

  it('passes an already classified error through unchanged', () => {
    const locked = keychainLockedError('linux');
    expect(classifyKeychainFailure(locked, 'linux')).toBe(locked);
  });
});
