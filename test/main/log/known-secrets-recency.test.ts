import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnownSecrets, SIGNATURE_RETENTION_MS, TOKEN_GRACE_MS, TOKEN_USABLE_MS } from '../../../src-main/log/known-secrets.ts';

const token = () => randomBytes(30).toString('base64');

describe('KnownSecrets recency', () => {
  it('keeps a secret registered on every read while a stream of one-time tokens passes through', () => {
    const secrets = new KnownSecrets();
    const profileSecret = 'profile-secret-that-must-stay-known-0123456789';
    secrets.remember(profileSecret);
    const tokens = Array.from({ length: 500 }, token);
    tokens.forEach((value, i) => {
      secrets.rememberToken(value);
      if (i % 10 === 0) secrets.remember(profileSecret);
    });
    expect(secrets.overlaps(profileSecret)).toBe(true);
    expect(secrets.overlaps(tokens.at(-1) as string)).toBe(true);
  });

  it('never forgets a token for lack of room while it may still be valid: a long session issues thousands of tokens and signatures', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const held = token();
    secrets.holdToken(held);
    const tokens = Array.from({ length: 2_000 }, () => {
      now += 400;
      const value = token();
      secrets.rememberToken(value);
      for (let i = 0; i < 5; i++) secrets.rememberSignature(token());
      return value;
    });
    expect(now).toBeLessThan(TOKEN_USABLE_MS);
    expect(secrets.overlaps(held)).toBe(true);
    expect(secrets.forms()).toContain(held);
    expect(tokens.every((value) => secrets.overlaps(value))).toBe(true);
  });

  it('keeps a token its connection holds for as long as it holds it, then for a grace; an unused one for the time it may be used', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const unused = token();
    const inUse = token();
    secrets.rememberToken(unused);
    secrets.holdToken(inUse);
    now = TOKEN_USABLE_MS + TOKEN_GRACE_MS + 1;
    expect(secrets.overlaps(unused)).toBe(false);
    now = 24 * 3_600_000;
    expect(secrets.overlaps(inUse)).toBe(true);
    secrets.releaseToken(inUse);
    secrets.releaseToken(inUse);
    now += TOKEN_GRACE_MS - 1;
    expect(secrets.overlaps(inUse)).toBe(true);
    now += 2;
    expect(secrets.forms()).not.toContain(inUse);
    expect(secrets.overlaps(inUse)).toBe(false);
  });

  it('stays small when a desk reconnects all day: 200 fresh tokens every 10 minutes, each connection closed before the next', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    let previous: string[] = [];
    for (let round = 0; round < 144; round++) {
      for (const value of previous) secrets.releaseToken(value);
      previous = Array.from({ length: 200 }, token);
      for (const value of previous) secrets.holdToken(value);
      now += 10 * 60_000;
    }
    // the 200 held now and at most the two rounds before, still inside their usable time
    expect(secrets.forms().length).toBeLessThan(3 * 200 * 8);
    expect(previous.every((value) => secrets.overlaps(value))).toBe(true);
  });

  it('keeps signatures for a few minutes, the newest 256 when many profiles poll; registering one again extends it', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const spent = token();
    const reused = token();
    secrets.rememberSignature(spent);
    secrets.rememberSignature(reused);
    now = SIGNATURE_RETENTION_MS - 1;
    secrets.rememberSignature(reused);
    now = SIGNATURE_RETENTION_MS + 1;
    expect(secrets.forms()).not.toContain(spent);
    expect(secrets.overlaps(spent)).toBe(false);
    expect(secrets.overlaps(reused)).toBe(true);
    const burst = Array.from({ length: 300 }, token);
    for (const value of burst) secrets.rememberSignature(value);
    expect(burst.slice(-256).every((value) => secrets.overlaps(value))).toBe(true);
    expect(burst.slice(0, 40).some((value) => secrets.forms().includes(value))).toBe(false);
  });

  it('keeps the keys and secrets of a desk of hundreds of profiles', () => {
    const secrets = new KnownSecrets();
    const keys = Array.from({ length: 400 }, token);
    for (const key of keys) secrets.remember(key);
    expect(keys.every((key) => secrets.overlaps(key))).toBe(true);
  });

  it('counts a window shared by two values in and out: forgetting one leaves the other masked whole, and nothing of its own', () => {
    let now = 0;
    const secrets = new KnownSecrets(() => now);
    const shared = 'SHAREDpart12345';
    const token = `tokenOnlyAAAA${shared}`;
    const secret = `${shared}secretOnlyBBBB`;
    secrets.rememberToken(token);
    secrets.remember(secret);
    now = TOKEN_USABLE_MS + TOKEN_GRACE_MS + 1;
    expect(secrets.overlaps('tokenOnlyAAAA')).toBe(false);
    expect(secrets.overlaps(shared)).toBe(true);
    expect(secrets.overlaps('secretOnlyBBBB')).toBe(true);
  });

  it('forgets every window of a key pushed out by newer ones', () => {
    const secrets = new KnownSecrets();
    const first = token();
    secrets.remember(first);
    for (let i = 0; i < 1_024; i++) secrets.remember(token());
    expect(secrets.forms()).not.toContain(first);
    expect(secrets.overlaps(first)).toBe(false);
  });
});
