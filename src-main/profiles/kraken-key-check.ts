/**
 * The profile service's key check done by the Kraken client: a client for the profile's base URL whose
 * `getCredentials` hands over the credentials being checked, for this one call only.
 */
import { KrakenClient, type KrakenClientOptions } from '../kraken/client.ts';
import type { KeyCheck } from './profile-service.ts';

/**
 * @param options what every client of the app shares: appVersion and, so that a key checked here
 *   counts against the same cost budget and nonce sequence as its refreshes, `budgets` and `nonces`.
 */
export function krakenKeyCheck(options: Omit<KrakenClientOptions, 'baseUrl' | 'getCredentials'>): KeyCheck {
  return (credentials, baseUrl) => new KrakenClient({ ...options, baseUrl, getCredentials: async () => credentials }).checkKey();
}
