import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KrakenError } from '../../../../src-main/kraken/errors.ts';
import { computeApiSign } from '../../../../src-main/kraken/uws/spot-sign.ts';

/**
 * Vectors other than Kraken's were computed outside this code base with openssl:
 *   { printf '%s' "$path"; printf '%s' "$nonce$postData" | openssl dgst -sha256 -binary; } \
 *     | openssl dgst -sha512 -mac HMAC -macopt hexkey:$(printf '%s' "$SECRET" | base64 -d | xxd -p | tr -d '\n') -binary | base64 -w0
 * (the same command reproduces Kraken's published vector).
 */
const SECRET = 'bWFyZ2luLWRlc2sgaW5kZXBlbmRlbnQgdGVzdCB2ZWN0b3Igc2VjcmV0LCA2NCBieXRlcyBvZiBrZXkhISEh';

/** API-Sign through WebCrypto: a second implementation of the same definition. */
async function webCryptoApiSign(secret: string, path: string, nonce: string, postData: string): Promise<string> {
  const { subtle } = webcrypto;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(nonce + postData)));
  const pathBytes = new TextEncoder().encode(path);
  const message = new Uint8Array(pathBytes.length + digest.length);
  message.set(pathBytes);
  message.set(digest, pathBytes.length);
  const key = await subtle.importKey('raw', Buffer.from(secret, 'base64'), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  return Buffer.from(await subtle.sign('HMAC', key, message)).toString('base64');
}

describe('computeApiSign', () => {
  it("matches Kraken's published vector (REST authentication guide)", () => {
    expect(
      computeApiSign(
        'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==',
        '/0/private/AddOrder',
        '1616492376594',
        'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
      ),
    ).toBe('4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==');
  });

  it.each([
    ['the token request', '/0/private/GetWebSocketsToken', '1764979200000', 'nonce=1764979200000', 'kzItPVg0YZ3Lg9oZlXMPE4PDXzsgqNIFDUUpycJPbu8ugTAwtkifPOl5aiNTZfEK1otwoHNgOjCl9NOqWknLvg=='],
    ['the key info request', '/0/private/GetApiKeyInfo', '1764979200001', 'nonce=1764979200001', 'SWmrEqxczYDzhwp2kNIPf4Wf60mcVcbY5WyAJLxzy6Uxuw0bz+8crnd+h9mSTPnV9fMNPAsj35iqU4BnFR+2Tg=='],
    [
      'the largest u64 nonce with an otp',
      '/0/private/GetWebSocketsToken',
      '18446744073709551615',
      'nonce=18446744073709551615&otp=123456',
      'ddDycq47wmoR3GSYjjaZ46XrLq/wpwsRg0uvjhq6b4Sv5+/awIoThAlWF2blBFlgAXBQrjGf9rOWCKEYyCvZIg==',
    ],
  ])('matches the openssl vector for %s', (_name, path, nonce, postData, expected) => {
    expect(computeApiSign(SECRET, path, nonce, postData)).toBe(expected);
  });

  it('agrees with WebCrypto for secrets of many lengths, paths and bodies', async () => {
    for (const length of [1, 32, 64, 127, 128, 129, 200]) {
      const secret = Buffer.from(Array.from({ length }, (_, i) => (i * 53 + length) % 256)).toString('base64');
      for (const [path, nonce, postData] of [
        ['/0/private/GetWebSocketsToken', `${length}`, `nonce=${length}`],
        ['/0/private/GetApiKeyInfo', '1700000000000', 'nonce=1700000000000&otp=%C3%A9'],
      ] as const) {
        expect(computeApiSign(secret, path, nonce, postData), `${length}-byte secret, ${path}`).toBe(await webCryptoApiSign(secret, path, nonce, postData));
      }
    }
  });

  it('differs from the Futures order: the path is not inside the SHA-256', () => {
    const swapped = computeApiSign(SECRET, '', '1764979200000', 'nonce=1764979200000/0/private/GetWebSocketsToken');
    expect(computeApiSign(SECRET, '/0/private/GetWebSocketsToken', '1764979200000', 'nonce=1764979200000')).not.toBe(swapped);
  });

  it('refuses an unusable secret with a typed error that does not repeat it', () => {
    const bad = 'not base64 at all!';
    let thrown: unknown;
    try {
      computeApiSign(bad, '/0/private/GetWebSocketsToken', '1', 'nonce=1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KrakenError);
    expect((thrown as KrakenError).kind).toBe('invalidSecret');
    expect(String((thrown as KrakenError).message)).not.toContain(bad);
  });
});
