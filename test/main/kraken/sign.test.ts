import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { checkApiKey, computeAuthent, decodeSecret, signingPath } from '../../../src-main/kraken/sign.ts';

/**
 * Vectors other than the public one were computed outside this code base with openssl:
 *   printf '%s' "$postData$nonce$path" | openssl dgst -sha256 -binary \
 *     | openssl dgst -sha512 -mac HMAC -macopt hexkey:$(printf '%s' "$SECRET" | base64 -d | xxd -p | tr -d '\n') -binary | base64 -w0
 */
const SECRET = 'bWFyZ2luLWRlc2sgaW5kZXBlbmRlbnQgdGVzdCB2ZWN0b3Igc2VjcmV0LCA2NCBieXRlcyBvZiBrZXkhISEh';

/** The Authent from Node's own HMAC, the reference for computeAuthent's one-shot-hash HMAC. */
function referenceAuthent(secret: string, path: string, postData: string, nonce: string): string {
  const digest = createHash('sha256').update(postData + nonce + path.replace(/^\/derivatives/, '')).digest();
  return createHmac('sha512', Buffer.from(secret, 'base64')).update(digest).digest('base64');
}

describe('computeAuthent', () => {
  it('agrees with createHmac for keys shorter than, equal to and longer than the SHA-512 block', () => {
    for (const keyLength of [1, 16, 40, 63, 64, 65, 127, 128, 129, 200, 300]) {
      const secret = Buffer.from(Array.from({ length: keyLength }, (_, i) => (i * 37 + keyLength) % 256)).toString('base64');
      for (const [path, postData, nonce] of [
        ['/derivatives/api/v3/accounts', '', ''],
        ['/derivatives/api/v3/fills', 'lastFillTime=2026-01-01T00%3A00%3A00.000Z', '1700000000000124'],
        ['/api/auth/v1/api-keys/v3/check', '', `${keyLength}`],
      ] as const) {
        expect(computeAuthent(secret, path, postData, nonce), `${keyLength}-byte key, ${path}`).toBe(referenceAuthent(secret, path, postData, nonce));
      }
    }
  });

  it("matches python-kraken-sdk's public vector (prefix stripped, with nonce and postData)", () => {
    expect(
      computeAuthent(
        'cHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==',
        '/derivatives/api/v3/sendorder',
        'orderType=lmt&symbol=PI_XBTUSD',
        '1616492376594',
      ),
    ).toBe('Txi+gJVXe3EN1brXYQ46FuV6UVtEVSKhc6dYMhPb7a/HXZLGvO6m9UUg+KVKqhLxrbllOPI7qRkHYmPfJZZSGA==');
  });

  it.each([
    ['accounts, no nonce', '/derivatives/api/v3/accounts', '', '', 'cGXFQ2UzKc78StwMEIO0YhSKj1manpvVtspPUC8yAs87zQp2Lh7GMryxFdOyjqufYX1SX7RP9V7DLrs3FSkPxA=='],
    ['accounts, with nonce', '/derivatives/api/v3/accounts', '', '1700000000000123', '/uFNylk7mjbNaMD9qks1eRgDK0BExlODaONegMRxuIi7tkoK3y94+3u1M93y1TIPgaUpPSh1BbCaSR7crnztVA=='],
    ['a URL-encoded query, no nonce', '/derivatives/api/v3/fills', 'lastFillTime=2026-01-01T00%3A00%3A00.000Z', '', 'CmT2iliSMcaDXMrpypzkzi98+lKUpae3ISFh387r0aLYqLjC2lUeiRoMbkzSDGrytgjMYWOgQPKnim4RVhgtZw=='],
    ['a query with nonce', '/derivatives/api/v3/fills', 'lastFillTime=2026-01-01T00%3A00%3A00.000Z', '1700000000000124', 'PbiIpD8gzK/vAVAb2GCEPs1c/xo8u78sdQif59bJ5Q9VeQlmjq7tg/mgND7HQDnhVUL5ICTk6J/rqEwYsNBzTA=='],
    ['the key check (full path signed)', '/api/auth/v1/api-keys/v3/check', '', '', '9FIiSfprfPI1Df5xYGIbrDg77cpKOmy1vcRB3fUdT1uBf9O9Nbmosi5V2QbD+nulOkY3ssWjmj1H180+vP8thQ=='],
  ])('matches the openssl vector for %s', (_name, path, postData, nonce, expected) => {
    expect(computeAuthent(SECRET, path, postData, nonce)).toBe(expected);
  });

  it('signs the same whether or not the /derivatives prefix is given', () => {
    expect(computeAuthent(SECRET, '/api/v3/accounts', '', '')).toBe(computeAuthent(SECRET, '/derivatives/api/v3/accounts', '', ''));
  });
});

describe('signingPath', () => {
  it('strips only a leading /derivatives segment', () => {
    expect(signingPath('/derivatives/api/v3/accounts')).toBe('/api/v3/accounts');
    expect(signingPath('/api/auth/v1/api-keys/v3/check')).toBe('/api/auth/v1/api-keys/v3/check');
    expect(signingPath('/derivativesx/api')).toBe('/derivativesx/api');
  });
});

describe('secret and key checks', () => {
  // Shaped like the example secret Kraken's docs print: 87 characters, so not valid base64.
  const docsExampleSecret = 'rttp4AzwRfYEdQ7R7X8Z/04Y4TZPa97pqCypi3xXxAqftygftnI6H9yGV+OcMQ7pbiU1xRsYXbWyWcTXNk0pEa9';

  it.each([
    ['empty', '', 'empty'],
    ['padded with a space', ` ${SECRET}`, 'starts or ends'],
    ['ending with a line break', `${SECRET}\n`, 'starts or ends'],
    ['87 characters long, like the docs example', docsExampleSecret, 'base64'],
    ['with a character outside base64', `${SECRET.slice(0, -4)}ab-_`, 'base64'],
    ['with a space inside', `${SECRET.slice(0, 40)} ${SECRET.slice(41)}`, 'base64'],
  ])('refuses a secret %s with a clear invalidSecret error', (_name, secret, text) => {
    let caught: unknown;
    try {
      decodeSecret(secret);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KrakenError);
    const error = caught as KrakenError;
    expect(error.kind).toBe('invalidSecret');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(text);
    if (secret.trim().length > 0) expect(`${error.message} ${error.action} ${JSON.stringify(error)}`).not.toContain(secret.trim());
    expect(() => computeAuthent(secret, '/derivatives/api/v3/accounts', '', '')).toThrow(KrakenError);
  });

  it('decodes a valid secret to its bytes', () => {
    expect(decodeSecret(SECRET).toString('utf8')).toBe('margin-desk independent test vector secret, 64 bytes of key!!!!');
  });

  it('refuses an empty or padded API key', () => {
    expect(() => checkApiKey('')).toThrow(/empty/);
    expect(() => checkApiKey('key ')).toThrow(/space/);
    expect(() => checkApiKey('key')).not.toThrow();
  });
});
