/**
 * Profiles: the records in SQLite, their secrets in the keychain, and the rules that keep the two
 * consistent. Every bridge call about profiles lands here.
 *
 * - A secret goes to the keychain only, after local validation and a successful key check; the
 *   record keeps the key's fingerprint and permissions, never the secret.
 * - No secret is read that is not about to be used: start-up proves the keychain usable without
 *   reading an entry, and a profile's secret is read only when a refresh, a stream or a connection
 *   test signs with it. No call lists the keychain's entries (the only listing keychains offer returns
 *   every secret with its name).
 * - Records and keychain entries can disagree. A profile deleted while the keychain was locked (or by
 *   a process that died before the keychain answered) leaves its entry queued in the database
 *   (`pendingKeychainDeletions`), and `checkKeychain` removes exactly those. An entry removed with a
 *   keychain tool shows as `missing` at the profile's first credentials read. The entries of profiles
 *   in a database moved aside as damaged stay: they belong to that file, which the user may restore.
 * - A profile's keychain state is what the last keychain contact found. It starts as `ok` (the app
 *   must list profiles at once, before the keychain answers, which may take an unlock prompt) and is
 *   corrected by `checkKeychain` (unavailable, or usable again) and by every credentials read.
 */
import { randomUUID } from 'node:crypto';
import type { UserFacingError } from '../../src-shared/user-facing-error.ts';
import { AppError } from '../errors.ts';
import type { KeyPermissions } from '../../src-shared/account-model.ts';
import { restCutoffNotice } from '../monitor/rest-cutoff.ts';
import type { ProfileStatus } from '../../src-shared/profile-status.ts';
import type { ProfileUpdate } from '../store/profiles-repository.ts';
import type {
  ConnectionTest,
  ConnectionTestTarget,
  KeychainState,
  NewProfile,
  ProfileChanges,
  ProfileList,
  ProfileView,
  ReplacedCredentials,
  StreamingSwitch,
  Unsubscribe,
} from '../../src-preload/contract.ts';
import { validateCredentials, keyFingerprint } from './credential-validation.ts';
import { createCredentialsProvider, type CredentialsProvider } from './credentials-provider.ts';
import { explainKeyCheckFailure, permissionWarnings } from './key-check-advice.ts';
import { isKeychainError } from './keychain-errors.ts';
import { DEFAULT_REFRESH_SECONDS, productionAddresses, type DataSourceKind, type Profile } from '../../src-shared/profile.ts';
import { validateBaseUrl, validateColour, validateName, validateRefreshSeconds, validateStreamUrl } from './profile-fields.ts';
import type { ActiveProfileRecord, ProfileRecords } from './profile-records.ts';
import { newSampleProfile } from './sample-profile.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

/**
 * The Kraken key check of a key for `source`: a Futures key's check (`KrakenClient.checkKey`) for
 * `rest`, a token issued and the key's information for `uws`. The key's permissions, or an AppError.
 */
export type KeyCheck = (credentials: Credentials, baseUrl: string, source: DataSourceKind) => Promise<KeyPermissions>;

export interface ProfileServiceOptions {
  readonly records: ProfileRecords;
  readonly activeProfile: ActiveProfileRecord;
  readonly secrets: SecretStore;
  readonly checkKey: KeyCheck;
  /** The monitor's current status of a profile, carried in every ProfileView. */
  readonly statusOf: (profileId: string) => ProfileStatus;
  readonly now?: () => number;
  readonly newId?: () => string;
}

export interface KeychainCheck {
  /** Why the keychain could not be used, or null when it could. */
  readonly problem: UserFacingError | null;
  /** Accounts (profile ids) of deleted profiles whose keychain entries were left behind and are removed now. */
  readonly removedOrphans: readonly string[];
}

export interface DeleteOutcome {
  /**
   * True when the profile is gone but its keychain entry could not be removed (keychain locked or
   * unavailable). The entry stays queued, and the next `checkKeychain` removes it.
   */
  readonly keychainEntryLeft: boolean;
}

function profileNotFound(): AppError {
  return new AppError({
    kind: 'profileNotFound',
    message: 'This profile no longer exists.',
    action: 'Choose another profile in the profile switcher.',
    retryable: false,
  });
}

function invalidChange(message: string, action: string): AppError {
  return new AppError({ kind: 'invalidArgument', message, action, retryable: false });
}

/** A profile's addresses from the user's (optional) input, production where none was given. */
function addressesOf(source: DataSourceKind, input: { readonly baseUrl?: string; readonly streamUrl?: string }): Pick<Profile, 'baseUrl' | 'streamUrl'> {
  const production = productionAddresses(source);
  const baseUrl = validateBaseUrl(input.baseUrl ?? production.baseUrl);
  if (source === 'rest') {
    if (input.streamUrl !== undefined) throw invalidChange('A Kraken Futures key profile has no WebSocket address.', 'Leave the WebSocket address empty.');
    return { baseUrl, streamUrl: null };
  }
  return { baseUrl, streamUrl: validateStreamUrl(input.streamUrl ?? production.streamUrl ?? '') };
}

function sampleHasNoKey(): AppError {
  return new AppError({
    kind: 'invalidArgument',
    message: 'The Sample profile shows simulated data and has no API key.',
    action: 'Add a profile with your own Kraken Futures key to use a key.',
    retryable: false,
  });
}

/** The most recently used profile, then the newest: what to show after the active one is deleted. */
function mostRecentlyUsed(profiles: readonly Profile[]): Profile | null {
  let best: Profile | null = null;
  for (const profile of profiles) {
    if (
      best === null ||
      (profile.lastUsedAt ?? -1) > (best.lastUsedAt ?? -1) ||
      ((profile.lastUsedAt ?? -1) === (best.lastUsedAt ?? -1) && profile.createdAt > best.createdAt)
    ) {
      best = profile;
    }
  }
  return best;
}

export class ProfileService {
  readonly #records: ProfileRecords;
  readonly #activeProfile: ActiveProfileRecord;
  readonly #secrets: SecretStore;
  readonly #checkKey: KeyCheck;
  readonly #statusOf: (profileId: string) => ProfileStatus;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** Keychain state per kraken profile id; absent means no contact yet (shown as `ok`). */
  readonly #keychain = new Map<string, KeychainState>();
  readonly #listeners = new Set<(list: ProfileList) => void>();
  /** Runs of `holdingChanges` in progress, and whether a change came meanwhile. */
  #holding = 0;
  #heldChange = false;

  constructor(options: ProfileServiceOptions) {
    this.#records = options.records;
    this.#activeProfile = options.activeProfile;
    this.#secrets = options.secrets;
    this.#checkKey = options.checkKey;
    this.#statusOf = options.statusOf;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
  }

  list(): ProfileList {
    return {
      profiles: this.#records.list().map((profile) => this.#view(profile)),
      activeProfileId: this.activeProfileId(),
    };
  }

  /** The profile with its status and keychain state; throws `profileNotFound`. */
  get(id: string): ProfileView {
    return this.#view(this.#require(id));
  }

  /** The active profile id, or null when none is active or the remembered one was deleted. */
  activeProfileId(): string | null {
    const id = this.#activeProfile.getActiveProfileId();
    return id !== null && this.#records.get(id) !== null ? id : null;
  }

  /**
   * Validates the fields and the key, checks the key with Kraken, then stores the record and the
   * secret. A failed keychain write removes the record again, so no profile exists without its key.
   */
  async create(input: NewProfile): Promise<ProfileView> {
    const name = validateName(input.name);
    const colour = validateColour(input.colour);
    // New profiles read the Unified WebSocket: the REST API they would otherwise read is switched off on 2027-03-01.
    const source = input.source ?? 'uws';
    const addresses = addressesOf(source, input);
    const refreshSeconds = validateRefreshSeconds(input.refreshSeconds ?? DEFAULT_REFRESH_SECONDS);
    const credentials = validateCredentials(input);
    const permissions = await this.#checkKeyExplained(credentials, addresses.baseUrl, source);
    const profile: Profile = {
      id: this.#newId(),
      name,
      colour,
      kind: 'kraken',
      source,
      ...addresses,
      refreshSeconds,
      createdAt: this.#now(),
      lastUsedAt: null,
      keyFingerprint: keyFingerprint(credentials.apiKey),
      permissions,
    };
    // Record first: a process that dies before the keychain write leaves a profile whose first read
    // says `missing`, never a keychain entry that no record knows of (and nothing would ever remove).
    this.#records.insert(profile);
    try {
      await this.#secrets.set(profile.id, credentials);
    } catch (error) {
      this.#records.delete(profile.id);
      throw error;
    }
    this.#keychain.set(profile.id, 'ok');
    this.#emit();
    return this.#view(profile);
  }

  /** The built-in Sample profile, created on first call; later calls return the existing one. */
  createSample(): ProfileView {
    const existing = this.#records.list().find((profile) => profile.kind === 'sample');
    if (existing !== undefined) return this.#view(existing);
    const profile = newSampleProfile(this.#newId(), this.#now());
    this.#records.insert(profile);
    this.#emit();
    return this.#view(profile);
  }

  update(changes: ProfileChanges): ProfileView {
    const profile = this.#require(changes.id);
    // A key is made for one API: only the Sample profile, which has none, changes source freely.
    if (changes.source !== undefined && changes.source !== profile.source && profile.kind !== 'sample') {
      throw invalidChange(
        'A profile with a key reads the API its key was made for.',
        'To move a Kraken Futures key profile to a Kraken API key, use "Switch to a Kraken API key" and paste the new key.',
      );
    }
    const sampleSource = profile.kind === 'sample' && changes.source !== undefined ? changes.source : undefined;
    const updated = this.#update(profile.id, {
      name: changes.name === undefined ? undefined : validateName(changes.name),
      colour: changes.colour === undefined ? undefined : validateColour(changes.colour),
      refreshSeconds: changes.refreshSeconds === undefined ? undefined : validateRefreshSeconds(changes.refreshSeconds),
      source: sampleSource,
    });
    this.#emit();
    return this.#view(updated);
  }

  /**
   * Deletes the record, which queues its keychain entry for removal, then removes the entry. A locked
   * or unavailable keychain does not block the deletion: the entry stays queued for the next
   * `checkKeychain`, and the outcome says so.
   * When the active profile is deleted, the most recently used remaining one becomes active.
   */
  async delete(id: string): Promise<DeleteOutcome> {
    const profile = this.#require(id);
    // Read before deleting: the database itself clears an active profile id whose profile is deleted.
    const wasActive = this.#activeProfile.getActiveProfileId() === id;
    this.#records.delete(id);
    this.#keychain.delete(id);
    if (wasActive) this.#activeProfile.setActiveProfileId(mostRecentlyUsed(this.#records.list())?.id ?? null);
    let keychainEntryLeft = false;
    if (profile.kind === 'kraken') {
      try {
        await this.#secrets.delete(id);
        this.#records.keychainEntryDeleted(id);
      } catch (error) {
        if (!isKeychainError(error)) throw error;
        keychainEntryLeft = true;
      }
    }
    this.#emit();
    return { keychainEntryLeft };
  }

  /** Makes the profile active (remembered across restarts) and records when it was last used. */
  activate(id: string): ProfileView {
    this.#require(id);
    this.#records.touch(id, this.#now());
    this.#activeProfile.setActiveProfileId(id);
    this.#emit();
    return this.get(id);
  }

  /**
   * Checks the new key with Kraken (at the new address, when one is given), then replaces the
   * keychain entry in one write and the record's fingerprint and address. The only way a profile's
   * address changes: whoever moves a key must know its secret.
   */
  async replaceCredentials(input: ReplacedCredentials): Promise<ProfileView> {
    const profile = this.#requireKraken(input.id);
    const credentials = validateCredentials(input);
    const addresses = addressesOf(profile.source, {
      baseUrl: input.baseUrl ?? profile.baseUrl,
      streamUrl: input.streamUrl ?? profile.streamUrl ?? undefined,
    });
    const permissions = await this.#checkKeyExplained(credentials, addresses.baseUrl, profile.source);
    await this.#secrets.set(profile.id, credentials);
    const updated = this.#update(profile.id, { keyFingerprint: keyFingerprint(credentials.apiKey), permissions, ...addresses });
    this.#keychain.set(profile.id, 'ok');
    this.#emit();
    return this.#view(updated);
  }

  /**
   * Moves a Kraken Futures key (REST) profile to a Kraken API key (Unified WebSocket): the new key is
   * checked first, then replaces the old one in the keychain, and the record changes source and
   * addresses. The id stays, and with it the profile's history, alert rules, alert log and place
   * in the switcher. Nothing changes when the check fails.
   */
  async switchToStreaming(input: StreamingSwitch): Promise<ProfileView> {
    const profile = this.#requireKraken(input.id);
    if (profile.source === 'uws') {
      throw invalidChange('This profile already uses a Kraken API key.', 'To use another key, replace the credentials of this profile.');
    }
    const addresses = addressesOf('uws', input);
    const credentials = validateCredentials(input);
    const permissions = await this.#checkKeyExplained(credentials, addresses.baseUrl, 'uws');
    await this.#secrets.set(profile.id, credentials);
    const updated = this.#update(profile.id, { source: 'uws', ...addresses, keyFingerprint: keyFingerprint(credentials.apiKey), permissions });
    this.#keychain.set(profile.id, 'ok');
    this.#emit();
    return this.#view(updated);
  }

  /**
   * The key check for a key typed into the add-profile form, or for a stored profile (whose
   * recorded permissions are then updated): permissions plus plain-language warnings.
   */
  async testConnection(target: ConnectionTestTarget): Promise<ConnectionTest> {
    if ('profileId' in target) {
      const profile = this.#requireKraken(target.profileId);
      const credentials = await this.credentialsFor(profile.id).getCredentials();
      const permissions = await this.#checkKeyExplained(credentials, profile.baseUrl, profile.source);
      // Only the permissions: the profile may have been edited (or deleted) while Kraken answered.
      if (this.#records.update(profile.id, { permissions }) !== null) this.#emit();
      return { permissions, warnings: permissionWarnings(permissions) };
    }
    const credentials = validateCredentials(target);
    const source = target.source ?? 'uws';
    const { baseUrl } = addressesOf(source, { baseUrl: target.baseUrl });
    const permissions = await this.#checkKeyExplained(credentials, baseUrl, source);
    return { permissions, warnings: permissionWarnings(permissions) };
  }

  /**
   * Contacts the keychain without reading any secret: proves it usable (marking every Kraken profile
   * `unavailable` when it is not, and clearing that mark when it is again) and removes the entries of
   * deleted profiles still queued for removal. Call at start and when the session is unlocked.
   */
  async checkKeychain(): Promise<KeychainCheck> {
    const krakenIds = (): string[] => this.#records.list().filter((profile) => profile.kind === 'kraken').map((profile) => profile.id);
    try {
      await this.#secrets.probe();
    } catch (error) {
      if (!isKeychainError(error)) throw error;
      this.#setKeychainStates(krakenIds().map((id) => [id, 'unavailable']));
      return { problem: error.toUserFacing(), removedOrphans: [] };
    }
    // Usable again: what a profile's entry holds is for its next credentials read to say.
    this.#setKeychainStates(krakenIds().filter((id) => this.#keychain.get(id) === 'unavailable').map((id) => [id, 'ok']));
    const removedOrphans: string[] = [];
    for (const account of this.#records.pendingKeychainDeletions()) {
      try {
        if (await this.#secrets.delete(account)) removedOrphans.push(account);
      } catch (error) {
        if (!isKeychainError(error)) throw error;
        return { problem: error.toUserFacing(), removedOrphans };
      }
      this.#records.keychainEntryDeleted(account);
    }
    return { problem: null, removedOrphans };
  }

  /**
   * The credentials of a kraken profile for the Kraken client, read from the keychain on every call.
   * What each read finds updates the profile's keychain state.
   */
  credentialsFor(profileId: string): CredentialsProvider {
    if (this.#require(profileId).kind === 'sample') throw sampleHasNoKey();
    return createCredentialsProvider(this.#secrets, profileId, (state) => this.#setKeychainStates([[profileId, state]]));
  }

  /** Called with the new list after every change of a profile, the active profile or a keychain state. */
  onChange(listener: (list: ProfileList) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #view(profile: Profile): ProfileView {
    const status = this.#statusOf(profile.id);
    return {
      ...profile,
      status,
      keychain: profile.kind === 'sample' ? 'notNeeded' : (this.#keychain.get(profile.id) ?? 'ok'),
      cutoff: restCutoffNotice(profile, status.state === 'switchedOff', this.#now()),
    };
  }

  #require(id: string): Profile {
    const profile = this.#records.get(id);
    if (profile === null) throw profileNotFound();
    return profile;
  }

  #update(id: string, changes: ProfileUpdate): Profile {
    const updated = this.#records.update(id, changes);
    if (updated === null) throw profileNotFound();
    return updated;
  }

  #requireKraken(id: string): Profile {
    const profile = this.#require(id);
    if (profile.kind === 'sample') throw sampleHasNoKey();
    return profile;
  }

  async #checkKeyExplained(credentials: Credentials, baseUrl: string, source: DataSourceKind): Promise<KeyPermissions> {
    try {
      return await this.#checkKey(credentials, baseUrl, source);
    } catch (error) {
      // The explanations are of Futures keys' refusals; the Spot errors of a Kraken API key explain themselves.
      throw source === 'rest' ? explainKeyCheckFailure(error) : error;
    }
  }

  /** Sets keychain states of existing profiles and notifies once if any changed. */
  #setKeychainStates(states: ReadonlyArray<readonly [string, KeychainState]>): void {
    let changed = false;
    for (const [id, state] of states) {
      // A refresh may still read the credentials of a profile deleted meanwhile: nothing to show.
      if (this.#records.get(id) === null) continue;
      if ((this.#keychain.get(id) ?? 'ok') !== state) changed = true;
      this.#keychain.set(id, state);
    }
    if (changed) this.#emit();
  }

  /**
   * Runs `work` with change notifications held: one notification when it ends instead of one per
   * profile (an import of hundreds of keys would otherwise send the growing list hundreds of times).
   */
  async holdingChanges<T>(work: () => Promise<T>): Promise<T> {
    this.#holding++;
    try {
      return await work();
    } finally {
      this.#holding--;
      if (this.#holding === 0 && this.#heldChange) {
        this.#heldChange = false;
        this.#emit();
      }
    }
  }

  #emit(): void {
    if (this.#holding > 0) {
      this.#heldChange = true;
      return;
    }
    if (this.#listeners.size === 0) return;
    const list = this.list();
    for (const listener of this.#listeners) listener(list);
  }
}
