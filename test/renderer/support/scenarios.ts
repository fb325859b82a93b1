/** Ready-made fake-bridge states: the seed profile in every connection state, many subaccounts. */
import type { ConnectionState } from '../../../src-shared/profile-status.ts';
import type { ProfileView, SnapshotView } from '../../../src-preload/contract.ts';
import { profileView, type FakeState } from './fake-bridge.ts';
import { SEED_TEXTS } from './seed-texts.ts';
import { seedSnapshot, statusOf, viewOf, withSubaccounts } from './seed.ts';

/** Fixed "now" of the tests; they fake Date to it so that data ages read exactly. */
export const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
/** The seed snapshot was fetched this long before now. */
export const AGE_MS = 30_000;

export interface SeedOptions {
  readonly sample?: boolean;
  /** Total subaccounts: the seed's one plus synthetic ones. */
  readonly subaccounts?: number;
  readonly now?: number;
}

export function seedView(profileId: string, state: ConnectionState = 'live', options: SeedOptions = {}): SnapshotView {
  const now = options.now ?? NOW;
  const fetchedAt = now - AGE_MS;
  let snapshot = seedSnapshot(SEED_TEXTS, profileId, fetchedAt);
  if (options.subaccounts !== undefined && snapshot.subaccounts !== null) {
    snapshot = { ...snapshot, subaccounts: withSubaccounts(snapshot.subaccounts, options.subaccounts) };
  }
  return viewOf(snapshot, statusOf(profileId, state, fetchedAt, now), options.sample ?? false);
}

export function seedProfile(id = 'main', name = 'Main', state: ConnectionState = 'live', now = NOW): ProfileView {
  return profileView({ id, name, status: statusOf(id, state, now - AGE_MS, now) }, now);
}

export function seedState(state: ConnectionState = 'live', options: SeedOptions & { privacy?: boolean } = {}): FakeState {
  const now = options.now ?? NOW;
  return {
    profiles: [seedProfile('main', 'Main', state, now)],
    activeProfileId: 'main',
    snapshots: { main: seedView('main', state, options) },
    settings: { privacyMode: options.privacy ?? false },
    now: () => now,
  };
}
