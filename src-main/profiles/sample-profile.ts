/**
 * The built-in Sample profile: the in-process simulated exchange, no key, so a fresh install shows a
 * working app with moving figures before the user has created a Kraken key.
 */
import { DEFAULT_REFRESH_SECONDS, type Profile } from '../../src-shared/profile.ts';

/** Not a network address: the sample profile's data source is chosen by its kind, never fetched. */
export const SAMPLE_BASE_URL = 'sample://simulated-exchange';
export const SAMPLE_PROFILE_NAME = 'Sample';
const SAMPLE_PROFILE_COLOUR = '#8a8f98';

export function newSampleProfile(id: string, now: number): Profile {
  return {
    id,
    name: SAMPLE_PROFILE_NAME,
    colour: SAMPLE_PROFILE_COLOUR,
    kind: 'sample',
    // The REST face until the user picks the other: both show the same simulated account.
    source: 'rest',
    baseUrl: SAMPLE_BASE_URL,
    streamUrl: null,
    refreshSeconds: DEFAULT_REFRESH_SECONDS,
    createdAt: now,
    lastUsedAt: null,
    keyFingerprint: null,
    permissions: null,
  };
}
