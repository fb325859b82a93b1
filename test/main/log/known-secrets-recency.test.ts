import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnownSecrets, SIGNATURE_RETENTION_MS, TOKEN_RETENTION_MS } from '../../../src-main/log/known-secrets.ts';

const token = () => randomBytes(30).toString('base64');

describe('KnownSecrets recency', () => {
  it('keeps a secret registered on every read while a stream of one-time tokens passes through', () => {
    const secrets = new KnownSecrets();
    const profileSecret = 'profile-secret-that-must-stay-known-0123456789';
    secrets.remember(profileSecret);
    const tokens = Array.from({ length: 500 }, token);
    tokens.forEach((value, i) => {
      secrets.rememberFor(value, TOKEN_RETENTION_MS);
      if (i % 10 === 0) secrets.remember(profileSecret);
    });
    expect(secrets.overlaps(profileSecret)).toBe(true);
    expect(secrets.overlaps(tokens.at(-1) as string)).toBe(true);
  });

  it('never forgets a one-time value for lack of room while it may still be valid: a long session issues thousands', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const first = token();
    secrets.rememberFor(first, TOKEN_RETENTION_MS);
    const later = Array.from({ length: 2_000 }, () => {
      now += 1_000;
      const value = token();
      secrets.rememberFor(value, SIGNATURE_RETENTION_MS);
      return value;
    });
    expect(secrets.overlaps(first)).toBe(true);
    expect(secrets.forms()).toContain(first);
    expect(secrets.overlaps(later.at(-1) as string)).toBe(true);
  });

  it('forgets a one-time value once its retention has passed, and registering it again extends it', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const spent = token();
    const reused = token();
    secrets.rememberFor(spent, SIGNATURE_RETENTION_MS);
    secrets.rememberFor(reused, SIGNATURE_RETENTION_MS);
    now = SIGNATURE_RETENTION_MS - 1;
    secrets.rememberFor(reused, SIGNATURE_RETENTION_MS);
    now = SIGNATURE_RETENTION_MS + 1;
    expect(secrets.forms()).not.toContain(spent);
    expect(secrets.overlaps(spent)).toBe(false);
    expect(secrets.overlaps(reused)).toBe(true);
  });

  it('keeps the keys and secrets of a desk of hundreds of profiles', () => {
    const secrets = new KnownSecrets();
    const keys = Array.from({ length: 400 }, token);
    for (const key of keys) secrets.remember(key);
    expect(keys.every((key) => secrets.overlaps(key))).toBe(true);
  });
});
