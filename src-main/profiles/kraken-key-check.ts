/**
 * The profile service's key check done against Kraken, for either kind of key, with the credentials
 * being checked handed over for this one call only:
 * - a Futures key (`rest`): the Futures client's key check;
 * - a Kraken API key (`uws`): a WebSocket token must be issued (`GetWebSocketsToken`: the truth about
 *   streaming; the token itself is dropped), then `GetApiKeyInfo` for the permissions shown, when
 *   Kraken answers it.
 */
import { KrakenClient, type KrakenClientOptions } from '../kraken/client.ts';
import type { NonceSequences } from '../kraken/nonce.ts';
import { SpotClient } from '../kraken/uws/spot-client.ts';
import type { KeyCheck } from './profile-service.ts';
import { spotKeyPermissions } from './spot-key-permissions.ts';

export interface KrakenKeyCheckOptions extends Omit<KrakenClientOptions, 'baseUrl' | 'getCredentials'> {
  /**
   * The app's nonces, shared with its requests and persistent, so a key checked here never sends a
   * nonce at or below one it sent before.
   */
  readonly nonces: NonceSequences;
}

/**
 * @param options what every client of the app shares: appVersion and, so that a key checked here
 *   counts against the same cost budget and nonce sequence as its refreshes, `budgets` and `nonces`.
 */
export function krakenKeyCheck(options: KrakenKeyCheckOptions): KeyCheck {
  return async (credentials, baseUrl, source) => {
    if (source === 'rest') return new KrakenClient({ ...options, baseUrl, getCredentials: async () => credentials }).checkKey();
    const spot = new SpotClient({ baseUrl, appVersion: options.appVersion, fetch: options.fetch, nonces: options.nonces, getCredentials: async () => credentials });
    await spot.webSocketToken();
    return spotKeyPermissions(await spot.apiKeyInfo());
  };
}
