import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { errorFromHttpStatus, errorFromKrakenCode } from '../../../src-main/kraken/errors.ts';
import type { KeyPermissions } from '../../../src-shared/account-model.ts';
import { explainKeyCheckFailure, permissionWarnings } from '../../../src-main/profiles/key-check-advice.ts';

function permissions(general: KeyPermissions['general'], transfer: KeyPermissions['transfer'], other = {}): KeyPermissions {
  return { general, transfer, other };
}

describe('permissionWarnings', () => {
  it('is empty for a read-only key', () => {
    expect(permissionWarnings(permissions('READ_ONLY', 'NO_ACCESS'))).toEqual([]);
    expect(permissionWarnings(permissions('READ_ONLY', 'READ_ONLY'))).toEqual([]);
  });

  it('warns that a key can trade, and recommends a read-only key of its own with an IP allow-list', () => {
    const warnings = permissionWarnings(permissions('FULL_ACCESS', 'NO_ACCESS'));
    expect(warnings[0]).toMatch(/can trade/);
    expect(warnings.at(-1)).toMatch(/read-only key .* Margin Desk alone.*IP allow-list/);
    expect(warnings).toHaveLength(2);
  });

  it('warns that a key can transfer and withdraw', () => {
    const warnings = permissionWarnings(permissions('READ_ONLY', 'FULL_ACCESS'));
    expect(warnings[0]).toMatch(/transfer and withdraw/);
    expect(warnings.at(-1)).toMatch(/Recommended/);
  });

  it('warns about a key that cannot read, about unknown levels and unknown full-access permissions', () => {
    expect(permissionWarnings(permissions('NO_ACCESS', 'NO_ACCESS'))).toEqual([expect.stringMatching(/cannot read account data/)]);
    expect(permissionWarnings(permissions('unknown', 'NO_ACCESS'))).toEqual([expect.stringMatching(/does not know \(general\)/)]);
    const other = permissionWarnings(permissions('READ_ONLY', 'NO_ACCESS', { earn: 'FULL_ACCESS' }));
    expect(other).toEqual([expect.stringMatching(/full access for "earn"/), expect.stringMatching(/Recommended/)]);
  });
});

describe('explainKeyCheckFailure', () => {
  it.each([
    ['authenticationError', errorFromKrakenCode('authenticationError', 200)],
    ['httpUnauthorized', errorFromHttpStatus(401)],
  ])('explains %s: Spot key, wrong secret, a tool sending nonces', (kind, original) => {
    const explained = explainKeyCheckFailure(original) as AppError;
    expect(explained).toBeInstanceOf(AppError);
    expect(explained.kind).toBe(kind);
    expect(explained.message).toMatch(/Spot key/);
    expect(explained.message).toMatch(/secret does not belong to this key/);
    expect(explained.message).toMatch(/another tool that sends nonces/);
    expect(explained.action).toMatch(/read-only key for Margin Desk alone/);
    expect(explained.retryable).toBe(false);
    expect(explained.cause).toBe(original);
  });

  it('explains nonce errors as a key shared with another program', () => {
    const explained = explainKeyCheckFailure(errorFromKrakenCode('nonceBelowThreshold', 200)) as AppError;
    expect(explained.message).toMatch(/another program uses the same key/);
  });

  it('leaves every other error as it is', () => {
    const offline = errorFromHttpStatus(503);
    expect(explainKeyCheckFailure(offline)).toBe(offline);
    const plain = new Error('boom');
    expect(explainKeyCheckFailure(plain)).toBe(plain);
  });
});
