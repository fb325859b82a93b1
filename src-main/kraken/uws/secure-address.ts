/**
 * Where the Unified WebSocket path may send a signed request or a token: an encrypted address
 * (`https:`, `wss:`), or a plain one on this machine only (the simulator on loopback). A token or an
 * API-Sign sent in clear over a network could be read on the way.
 */
import { KrakenError } from '../errors.ts';
import { isLoopbackHost } from '../../../src-shared/loopback-hosts.ts';

export function isSecureOrLoopback(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  return (url.protocol === 'http:' || url.protocol === 'ws:') && isLoopbackHost(url.hostname);
}

/** The refusal of an address that is neither encrypted nor on this machine; nothing was sent. */
export function insecureAddressError(): KrakenError {
  return new KrakenError({
    kind: 'uwsInsecureAddress',
    category: 'credentials',
    message: 'Margin Desk does not send Kraken credentials or tokens to an unencrypted address.',
    action: "Use Kraken's own address (https://api.kraken.com, wss://uws.kraken.com/v2/private) in this profile, then test the connection again.",
    retryable: false,
  });
}
