import type { Harness } from './app-harness.ts';

/** The permissions of a Futures key that can read the account and nothing else. */
export const READ_ONLY = { general: 'READ_ONLY', transfer: 'NO_ACCESS' } as const;

/** A Futures key profile on a new read-only key of the simulated master account, made the active profile. */
export async function activeReadOnlyProfile(harness: Harness, name: string) {
  const key = harness.exchange.addKey({ permissions: READ_ONLY });
  const profile = await harness.app.profiles.create({ name, colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
  harness.app.activate(profile.id);
  return profile;
}
