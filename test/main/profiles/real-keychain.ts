/**
 * The real Secret Service of the keychain tests (gnome-keyring in a private D-Bus session: run them
 * inside scripts/with-keyring.sh). Every test uses its own keychain service name, so tests never see
 * each other's entries or the app's.
 *
 * Without a reachable, unlocked Secret Service these tests are skipped with a loud reason, unless
 * MD_REQUIRE_KEYRING is set (CI sets it), in which case its absence is a failure.
 */
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';

export function testService(): string {
  return `com.margindesk.test.${randomUUID()}`;
}

async function secretServiceProblem(): Promise<string | null> {
  try {
    await new KeytarSecretStore({ service: testService() }).probe();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const detail = error.cause instanceof Error ? error.cause.message : '';
    return `${error.kind}: ${detail}`;
  }
}

const problem = await secretServiceProblem();
const required = (process.env.MD_REQUIRE_KEYRING ?? '') !== '';
if (problem !== null && !required) {
  console.warn(
    `\n!!! SKIPPING the keytar tests: no usable Secret Service (${problem}).\n` +
      '!!! Run them inside scripts/with-keyring.sh; with MD_REQUIRE_KEYRING=1 (as in CI) this is a failure.\n',
  );
}

/** `describe` on the real keychain: skipped without one, a failure without one under MD_REQUIRE_KEYRING. */
export function describeWithKeychain(name: string, tests: () => void): void {
  if (problem !== null && required) {
    describe('Secret Service required (MD_REQUIRE_KEYRING)', () => {
      it('is reachable and unlocked', () => {
        expect.fail(`MD_REQUIRE_KEYRING is set but keytar cannot use a Secret Service: ${problem}`);
      });
    });
  }
  describe.skipIf(problem !== null)(name, tests);
}

/**
 * The accounts a test's keychain service holds, straight from keytar. Tests may list this way (the
 * entries are their own throwaway keys); the app never does, as the listing returns every secret.
 */
export async function accountsIn(service: string): Promise<string[]> {
  return (await keytar.findCredentials(service)).map((entry) => entry.account).sort();
}

/** Removes every entry of a test's keychain service. */
export async function removeAllIn(service: string): Promise<void> {
  for (const account of await accountsIn(service)) await keytar.deletePassword(service, account);
}
