/**
 * Child of no-secret-service.test.ts: the app's profile layer on a machine without any Secret Service
 * (DBUS_SESSION_BUS_ADDRESS names a socket that does not exist). Prints one JSON report.
 */
import { AppError } from '../../../src-main/errors.ts';
import type { AccountSnapshot, Decimal } from '../../../src-shared/account-model.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { idleStatus, KeyCheckDouble, openTempStore } from './support.ts';

function kindOf(error: unknown): string {
  return error instanceof AppError ? error.kind : `not an AppError: ${String(error)}`;
}

const credentials = { apiKey: process.env.MD_TEST_API_KEY ?? '', apiSecret: process.env.MD_TEST_API_SECRET ?? '' };
const temp = openTempStore();
try {
  // What an earlier session with a working keychain left: a profile and its latest snapshot.
  const profileId = '0f4f7c1e-2b7c-4a55-9d61-3c3f7e0b6a10';
  temp.store.profiles.insert({
    id: profileId,
    name: 'Main',
    colour: '#336699',
    kind: 'kraken',
    source: 'rest',
    baseUrl: 'https://futures.kraken.com',
    streamUrl: null,
    refreshSeconds: 15,
    createdAt: 1_700_000_000_000,
    lastUsedAt: null,
    keyFingerprint: credentials.apiKey.slice(-4),
    permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} },
  });
  const cached: AccountSnapshot = {
    profileId,
    fetchedAt: 1_700_000_100_000,
    serverTime: '2023-11-14T22:15:00.000Z',
    accounts: {
      cash: { balances: [{ currency: { code: 'BTC', raw: 'xbt' }, amount: '0.1185308247' as Decimal }] },
      marginWallets: [],
      flex: null,
      unknown: [],
      serverTime: '2023-11-14T22:15:00.000Z',
    },
    subaccounts: null,
    positions: [],
    markPrices: {},
  };
  temp.store.snapshots.saveLatest(cached);

  const kraken = new KeyCheckDouble();
  kraken.register(credentials);
  const service = new ProfileService({
    records: temp.store.profiles,
    activeProfile: temp.store.appState,
    secrets: new KeytarSecretStore({ service: 'com.margindesk.test.no-secret-service' }),
    checkKey: kraken.check,
    statusOf: idleStatus,
  });

  const check = await service.checkKeychain();
  const listed = service.list();
  const activated = service.activate(profileId);
  const snapshot = temp.store.snapshots.readLatest(profileId);
  let credentialsError: unknown = null;
  try {
    await service.credentialsFor(profileId).getCredentials();
  } catch (error) {
    credentialsError = error;
  }
  let createError: unknown = null;
  try {
    await service.create({ name: 'Second', colour: '#993366', ...credentials });
  } catch (error) {
    createError = error;
  }
  const problem = check.problem;
  console.log(
    JSON.stringify({
      problem,
      keychainStates: listed.profiles.map((profile) => profile.keychain),
      activeAfterActivate: service.list().activeProfileId === activated.id,
      cachedSnapshotServed: JSON.stringify(snapshot) === JSON.stringify(cached),
      credentialsError: kindOf(credentialsError),
      credentialsErrorMessage: credentialsError instanceof Error ? credentialsError.message : null,
      createError: kindOf(createError),
      profileCountAfterFailedCreate: service.list().profiles.length,
      keychainStatesAfter: service.list().profiles.map((profile) => profile.keychain),
    }),
  );
} finally {
  temp.dispose();
}
