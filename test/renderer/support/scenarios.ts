/** Ready-made fake-bridge states for the tests: the seed profile in every connection state, many profiles, many subaccounts. */
import type { ConnectionState } from '../../../src-main/monitor/status.ts';
import type { ProfileView, SnapshotView } from '../../../src-preload/contract.ts';
import { profileView, type FakeState } from './fake-bridge.ts';
import { seedSnapshot, statusOf, viewOf, withSubaccounts } from './seed.ts';
import { SEED_TEXTS } from './seed-texts.ts';

/** Fixed "now" of the scenarios; tests fake Date to it so data ages read exactly. */
export const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
/** The seed snapshot was fetched this long before NOW. */
export const AGE_MS = 30_000;

export function seedView(profileId: string, state: ConnectionState = 'live', options: { sample?: boolean; subaccounts?: number } = {}): SnapshotView {
  const fetchedAt = NOW - AGE_MS;
  let snapshot = seedSnapshot(SEED_TEXTS, profileId, fetchedAt);
  if (options.subaccounts !== undefined && snapshot.subaccounts !== null) {
    snapshot = { ...snapshot, subaccounts: withSubaccounts(snapshot.subaccounts, options.subaccounts) };
  }
  return viewOf(snapshot, statusOf(profileId, state, fetchedAt, NOW), options.sample ?? false);
}

export function seedProfile(id = 'main', name = 'Main', state: ConnectionState = 'live'): ProfileView {
  return profileView({ id, name, status: statusOf(id, state, NOW - AGE_MS, NOW) }, NOW);
}

export function seedState(state: ConnectionState = 'live', options: { subaccounts?: number; privacy?: boolean } = {}): FakeState {
  return {
    profiles: [seedProfile('main', 'Main', state)],
    activeProfileId: 'main',
    snapshots: { main: seedView('main', state, options) },
    settings: { privacyMode: options.privacy ?? false },
    now: () => NOW,
  };
}
