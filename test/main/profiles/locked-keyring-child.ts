/**
 * Child of keytar-secret-store.test.ts, run in a private D-Bus session with its own gnome-keyring
 * (scripts/with-keyring.sh): stores a profile, locks the keyring, and reports what every operation
 * does then. Locking happens here because locking the keyring of the test run would break the
 * tests running next to this one. The process surviving to print its report is part of the result.
 */
import { execFileSync } from 'node:child_process';
import { AppError } from '../../../src-main/errors.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { idleStatus, KeyCheckDouble, newCredentials, openTempStore } from './support.ts';

async function outcome(operation: () => Promise<unknown>): Promise<string> {
  try {
    return `ok: ${JSON.stringify(await operation())}`;
  } catch (error) {
    return error instanceof AppError ? error.kind : `not an AppError: ${String(error)}`;
  }
}

const credentials = { apiKey: process.env.MD_TEST_API_KEY ?? '', apiSecret: process.env.MD_TEST_API_SECRET ?? '' };
const secrets = new KeytarSecretStore({ service: 'com.margindesk.test.locked' });
const kraken = new KeyCheckDouble();
kraken.register(credentials);
const temp = openTempStore();
try {
  const service = new ProfileService({
    records: temp.store.profiles,
    activeProfile: temp.store.appState,
    secrets,
    checkKey: kraken.check,
    statusOf: idleStatus,
  });
  const profile = await service.create({ name: 'Main', colour: '#336699', ...credentials });

  execFileSync('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/collection/login',
  ]);

  const replacement = kraken.register(newCredentials());
  const report = {
    get: await outcome(() => secrets.get(profile.id)),
    set: await outcome(() => secrets.set(profile.id, replacement)),
    delete: await outcome(() => secrets.delete(profile.id)),
    probe: await outcome(() => secrets.probe()),
    checkKeychainProblem: (await service.checkKeychain()).problem?.kind ?? null,
    keychainState: service.get(profile.id).keychain,
    getCredentials: await outcome(() => service.credentialsFor(profile.id).getCredentials()),
    replaceCredentials: await outcome(() => service.replaceCredentials({ id: profile.id, ...replacement })),
    fingerprintAfterFailedReplace: service.get(profile.id).keyFingerprint === credentials.apiKey.slice(-4),
    deleteProfile: await outcome(() => service.delete(profile.id)),
    profilesLeft: service.list().profiles.length,
  };
  console.log(JSON.stringify(report));
} finally {
  temp.dispose();
}
