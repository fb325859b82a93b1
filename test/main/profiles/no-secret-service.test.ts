/**
 * No Secret Service at all: the keychain is reported as unavailable with what to do, and the profile
 * layer keeps listing profiles and serving cached data. Runs in a child process because keytar's
 * D-Bus connection is chosen per process.
 */
import { describe, expect, it } from 'vitest';
import { childScript, runChild } from './child-process.ts';
import { newCredentials } from './support.ts';

interface Report {
  problem: { kind: string; message: string; action: string; retryable: boolean } | null;
  keychainStates: string[];
  activeAfterActivate: boolean;
  cachedSnapshotServed: boolean;
  credentialsError: string;
  credentialsErrorMessage: string | null;
  createError: string;
  profileCountAfterFailedCreate: number;
  keychainStatesAfter: string[];
}

describe('without any Secret Service', () => {
  it('shows keychainUnavailable with what to do, and still lists profiles and serves cached data', async () => {
    const credentials = newCredentials();
    const run = await runChild<Report>(process.execPath, [childScript('no-secret-service-child.ts')], {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      MD_TEST_API_KEY: credentials.apiKey,
      MD_TEST_API_SECRET: credentials.apiSecret,
    });
    expect(run.exitCode).toBe(0);
    const report = run.report;
    expect(report.problem).toEqual({
      kind: 'keychainUnavailable',
      message:
        'The system keychain is not available, so Margin Desk cannot read or store API keys. Margin Desk keeps showing the figures it has cached.',
      action: expect.stringMatching(/GNOME Keyring .*KWallet.*libsecret/),
      retryable: false,
    });
    expect(report.keychainStates).toEqual(['unavailable']);
    expect(report.activeAfterActivate).toBe(true);
    expect(report.cachedSnapshotServed).toBe(true);
    expect(report.credentialsError).toBe('keychainUnavailable');
    expect(report.credentialsErrorMessage).toMatch(/keychain is not available/);
    expect(report.createError).toBe('keychainUnavailable');
    expect(report.profileCountAfterFailedCreate).toBe(1);
    expect(report.keychainStatesAfter).toEqual(['unavailable']);
    expect(run.output).not.toContain(credentials.apiSecret);
  });
});
