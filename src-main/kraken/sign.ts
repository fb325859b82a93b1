/**
 * Kraken Futures request signing (the `Authent` header). Pure: no clock, no I/O.
 *
 *   Authent = base64( HMAC-SHA512( key = base64decode(secret), msg = SHA256(postData + nonce + endpointPath) ) )
 *
 * The HMAC input is the raw 32-byte digest, not its hex. `endpointPath` is the request path without
 * the `/derivatives` prefix (`/derivatives/api/v3/accounts` is signed as `/api/v3/accounts`); paths
 * outside it, like the key check `/api/auth/v1/api-keys/v3/check`, are signed as they are.
 */
import { createHash, createHmac } from 'node:crypto';
import { invalidApiKey, invalidSecret } from './errors.ts';
import { BASE64_PATTERN } from '../../src-shared/base64.ts';

const DERIVATIVES_PREFIX = '/derivatives';

/** The path Kraken signs for a request path: `/derivatives` stripped. */
export function signingPath(requestPath: string): string {
  return requestPath.startsWith(`${DERIVATIVES_PREFIX}/`) ? requestPath.slice(DERIVATIVES_PREFIX.length) : requestPath;
}

/**
 * The decoded HMAC key of a secret, refusing an empty, whitespace-padded or non-base64 secret with an
 * `invalidSecret` error (Buffer.from would silently decode garbage into a wrong key, and Kraken would
 * answer an opaque authenticationError).
 */
export function decodeSecret(secret: string): Buffer {
  if (secret.length === 0) throw invalidSecret('empty');
  if (secret.trim() !== secret) throw invalidSecret('whitespace');
  if (!BASE64_PATTERN.test(secret)) throw invalidSecret('notBase64');
  return Buffer.from(secret, 'base64');
}

/** Kraken issues 64-byte secrets: 88 base64 characters. Public keys are shorter (56 characters). */
const SECRET_LENGTH = 88;

function looksLikeSecret(text: string): boolean {
  return text.length === SECRET_LENGTH && BASE64_PATTERN.test(text);
}

/**
 * Refuses a key and a secret pasted into each other's fields, before the secret can go out as the
 * `APIKey` header: the key field holds a secret-shaped text and the secret field does not.
 */
export function checkCredentialPair(apiKey: string, apiSecret: string): void {
  if (looksLikeSecret(apiKey) && !looksLikeSecret(apiSecret)) throw invalidApiKey('swapped');
}

/** Refuses an empty or padded public key before it goes into a header. */
export function checkApiKey(apiKey: string): void {
  if (apiKey.length === 0) throw invalidApiKey('empty');
  if (apiKey.trim() !== apiKey) throw invalidApiKey('whitespace');
}

/**
 * The Authent value of one request.
 * @param requestPath path as requested (`/derivatives/api/v3/accounts`); the prefix is stripped here
 * @param postData query string without `?` exactly as sent (GET) or the form body (POST); '' for none
 * @param nonce the Nonce header value, '' when no nonce is sent
 */
export function computeAuthent(secret: string, requestPath: string, postData: string, nonce: string): string {
  const digest = createHash('sha256').update(postData + nonce + signingPath(requestPath)).digest();
  return createHmac('sha512', decodeSecret(secret)).update(digest).digest('base64');
}
