import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnownSecrets } from '../../../src-main/log/known-secrets.ts';

describe('KnownSecrets recency', () => {
  it('keeps a secret registered on every read while a stream of one-time tokens passes through', () => {
    const secrets = new KnownSecrets();
    const profileSecret = 'profile-secret-that-must-stay-known-0123456789';
    secrets.remember(profileSecret);
    const tokens = Array.from({ length: 500 }, () => randomBytes(30).toString('base64'));
    tokens.forEach((token, i) => {
      secrets.remember(token);
      if (i % 10 === 0) secrets.remember(profileSecret);
    });
    expect(secrets.overlaps(profileSecret)).toBe(true);
    expect(secrets.overlaps(tokens.at(-1) as string)).toBe(true);
    // the oldest tokens were forgotten, as the registry is bounded
    expect(secrets.overlaps(tokens[0] as string)).toBe(false);
  });
});
