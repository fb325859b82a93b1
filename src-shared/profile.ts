import type { KeyPermissions } from './account-model.ts';

/** `kraken`: real keys in the OS keychain. `sample`: the in-process simulated exchange, no keys. */
export type ProfileKind = 'kraken' | 'sample';

/**
 * Where a profile's figures come from, and so which kind of key a `kraken` profile holds:
 * - `rest`: the Derivatives REST API (`/derivatives/api/v3`), polled; a Kraken Futures key. Kraken
 *   switches it off on 2027-03-01 (see src-main/monitor/rest-cutoff.ts).
 * - `uws`: the Unified WebSocket, streamed; a Kraken API key (pro.kraken.com) with the WebSocket
 *   permission, which a token is issued for over Spot REST.
 * The Sample profile can use either: the in-process simulated exchange serves both.
 */
export type DataSourceKind = 'rest' | 'uws';

/** A profile as stored in SQLite. Holds no secret: only the tail of the public key, for recognition. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  /** CSS colour (`#rrggbb`) used for the profile's badge. */
  readonly colour: string;
  readonly kind: ProfileKind;
  readonly source: DataSourceKind;
  /**
   * REST base URL: the Futures API for `rest`, Spot REST (the token endpoint) for `uws`; production
   * unless the user changed it in the advanced settings.
   */
  readonly baseUrl: string;
  /** The Unified WebSocket's private endpoint for `uws` profiles, null for `rest`. */
  readonly streamUrl: string | null;
  /** Refresh interval while this profile is active, in seconds (polling sources only). */
  readonly refreshSeconds: number;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  /** Last 4 characters of the public key (never the secret), e.g. `X9fQ`, shown as `…X9fQ`. */
  readonly keyFingerprint: string | null;
  /** Permissions reported by the last key check, null until tested. */
  readonly permissions: KeyPermissions | null;
}

/** Kraken Futures production: the Derivatives REST API's host. */
export const PRODUCTION_BASE_URL = 'https://futures.kraken.com';
/** Kraken's Spot REST host, which issues WebSocket tokens and answers the key check of a Kraken API key. */
export const PRODUCTION_SPOT_BASE_URL = 'https://api.kraken.com';
/** The Unified WebSocket's private endpoint. */
export const PRODUCTION_STREAM_URL = 'wss://uws.kraken.com/v2/private';

/** The production addresses of a source: what a new profile gets when the user leaves them empty. */
export function productionAddresses(source: DataSourceKind): { readonly baseUrl: string; readonly streamUrl: string | null } {
  return source === 'uws'
    ? { baseUrl: PRODUCTION_SPOT_BASE_URL, streamUrl: PRODUCTION_STREAM_URL }
    : { baseUrl: PRODUCTION_BASE_URL, streamUrl: null };
}

/** Refresh interval of a new profile while it is active, in seconds. */
export const DEFAULT_REFRESH_SECONDS = 15;
