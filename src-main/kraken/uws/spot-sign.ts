/**
 * Kraken Spot REST request signing (the `API-Sign` header), which the Unified WebSocket's token
 * request needs. It differs from the Futures `Authent` (../sign.ts) in what is hashed and in what
 * order:
 *
 *   API-Sign = base64( HMAC-SHA512( key = base64decode(secret), msg = uriPath ‖ SHA256(nonce ‖ postData) ) )
 *
 * `uriPath` starts at `/0/private`, the SHA-256 digest is the raw 32 bytes appended to the path's
 * bytes, and `postData` is the exact form body sent, `nonce=…` included. Pure: no clock, no I/O.
 */
import { createHash, createHmac } from 'node:crypto';
import { decodeSecret } from '../sign.ts';

/**
 * The API-Sign value of one request. Refuses an empty or non-base64 secret with the same
 * `invalidSecret` error as the Futures signer, before anything is sent.
 */
export function computeApiSign(secret: string, uriPath: string, nonce: string, postData: string): string {
  const digest = createHash('sha256').update(nonce + postData).digest();
  return createHmac('sha512', decodeSecret(secret)).update(Buffer.concat([Buffer.from(uriPath), digest])).digest('base64');
}
