import type { KeyPermissions } from './account-model.ts';

/** `kraken`: real keys in the OS keychain. `sample`: the in-process simulated exchange, no keys. */
export type ProfileKind = 'kraken' | 'sample';

/** A profile as stored in SQLite. Holds no secret: only the tail of the public key, for recognition. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  /** CSS colour (`#rrggbb`) used for the profile's badge. */
  readonly colour: string;
  readonly kind: ProfileKind;
  /** API base URL; production unless the user changed it in the advanced settings. */
  readonly baseUrl: string;
  /** Refresh interval while this profile is active, in seconds. */
  readonly refreshSeconds: number;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  /** Last 4 characters of the public key (never the secret), e.g. `X9fQ`, shown as `…X9fQ`. */
  readonly keyFingerprint: string | null;
  /** Permissions reported by the last key check, null until tested. */
  readonly permissions: KeyPermissions | null;
}

export const PRODUCTION_BASE_URL = 'https://futures.kraken.com';

/** Refresh interval of a new profile while it is active, in seconds. */
export const DEFAULT_REFRESH_SECONDS = 15;
