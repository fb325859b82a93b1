/**
 * The add-profile and replace-credentials forms. The secret lives in these objects only between
 * pasting and submitting: it is cleared the moment the submit call is made (whatever its outcome)
 * and whenever the form is closed, so no copy lingers in the window's state.
 */
import type {
  Bridge,
  ConnectionTest,
  Credentials,
  DataSourceKind,
  KeyImportReport,
  NewProfile,
  ProfileView,
  UserFacingError,
} from '../../../src-preload/contract.ts';
import {
  validateCredentials,
  validateNewProfile,
  type FieldErrors,
  type ProfileField,
} from '../lib/profile-validation.ts';
import { settle } from '../lib/settle.ts';

export type TestOutcome =
  | { readonly kind: 'passed'; readonly test: ConnectionTest }
  | { readonly kind: 'failed'; readonly error: UserFacingError };

/** Profile badge colours offered first; any colour can still be picked. */
export const PROFILE_COLOURS: readonly string[] = ['#7c5cff', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899', '#64748b'];

export class CredentialsForm {
  readonly #bridge: Bridge;
  apiKey = $state('');
  apiSecret = $state('');
  errors = $state.raw<FieldErrors<ProfileField>>({});
  testing = $state(false);
  submitting = $state(false);
  outcome = $state.raw<TestOutcome | null>(null);
  submitError = $state.raw<UserFacingError | null>(null);
  /** True after a submit cleared the secret, so the form can say why the field is empty again. */
  secretCleared = $state(false);

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  checkCredentials(): Credentials | null {
    const checked = validateCredentials({ apiKey: this.apiKey, apiSecret: this.apiSecret });
    this.errors = checked.errors;
    return checked.value;
  }

  /** "Test connection": the key check of the typed credentials as a key for `source`, before anything is stored. */
  async test(source: DataSourceKind, baseUrl?: string): Promise<void> {
    const credentials = this.checkCredentials();
    if (credentials === null) return;
    this.testing = true;
    this.outcome = null;
    const target = baseUrl === undefined ? { ...credentials, source } : { ...credentials, source, baseUrl };
    const result = await settle(() => this.#bridge.testConnection(target));
    this.testing = false;
    this.outcome = result.ok ? { kind: 'passed', test: result.value } : { kind: 'failed', error: result.error };
  }

  /** Sends the credentials to `replaceCredentials`; the secret is cleared before the answer arrives. */
  async replace(id: string): Promise<ProfileView | null> {
    const credentials = this.checkCredentials();
    if (credentials === null) return null;
    return this.submitWith(() => this.#bridge.replaceCredentials({ id, ...credentials }));
  }

  /** Moves a Futures-key profile to the typed Kraken API key (`switchToStreaming`), keeping the profile. */
  async switchToStreaming(id: string): Promise<ProfileView | null> {
    const credentials = this.checkCredentials();
    if (credentials === null) return null;
    return this.submitWith(() => this.#bridge.switchToStreaming({ id, ...credentials }));
  }

  /** Sends the form with `call`; the secret is cleared before the answer arrives. For the forms built on this one. */
  async submitWith(call: () => ReturnType<Bridge['createProfile']>): Promise<ProfileView | null> {
    this.submitting = true;
    this.submitError = null;
    const pending = settle(call);
    this.clearSecret();
    const result = await pending;
    this.submitting = false;
    if (result.ok) {
      this.reset();
      return result.value;
    }
    this.submitError = result.error;
    return null;
  }

  clearSecret(): void {
    this.apiSecret = '';
    this.secretCleared = true;
    // A test result belongs to the secret it tested.
    this.outcome = null;
  }

  reset(): void {
    this.apiKey = '';
    this.apiSecret = '';
    this.errors = {};
    this.outcome = null;
    this.submitError = null;
    this.secretCleared = false;
  }
}

export class NewProfileForm extends CredentialsForm {
  readonly #bridge: Bridge;
  name = $state('');
  colour = $state(PROFILE_COLOURS[0] ?? '#7c5cff');
  /** The key kind: a Kraken API key (Unified WebSocket) unless the user picks a Futures key, which Kraken retires on 2027-03-01. */
  source = $state<DataSourceKind>('uws');
  /** Advanced: empty means production. */
  baseUrl = $state('');
  /** Advanced, Kraken API keys only: empty means production. */
  streamUrl = $state('');

  constructor(bridge: Bridge) {
    super(bridge);
    this.#bridge = bridge;
  }

  /** The advanced addresses as typed, left out when empty (production); a stream address for a Kraken API key only. */
  #addresses(): { baseUrl?: string; streamUrl?: string } {
    const baseUrl = this.baseUrl.trim();
    const streamUrl = this.source === 'uws' ? this.streamUrl.trim() : '';
    return { ...(baseUrl === '' ? {} : { baseUrl }), ...(streamUrl === '' ? {} : { streamUrl }) };
  }

  /** The new profile checked with the schema main checks it with, addresses included. */
  checkProfile(): NewProfile | null {
    const checked = validateNewProfile({
      name: this.name,
      colour: this.colour,
      apiKey: this.apiKey,
      apiSecret: this.apiSecret,
      source: this.source,
      ...this.#addresses(),
    });
    this.errors = checked.errors;
    return checked.value;
  }

  testKey(): Promise<void> {
    return this.test(this.source, this.#addresses().baseUrl);
  }

  async create(): Promise<ProfileView | null> {
    const profile = this.checkProfile();
    if (profile === null) return null;
    return this.submitWith(() => this.#bridge.createProfile(profile));
  }

  /** The name of the profile "Save and add another" saved last, for the form to say so. */
  lastAdded = $state<string | null>(null);

  /**
   * "Save and add another": the profile is saved as by `create`, and the form stays, emptied of the
   * name, key and secret and keeping the kind of key, colour and addresses, ready for the next key.
   */
  async createAndContinue(): Promise<ProfileView | null> {
    const keep = { colour: this.colour, source: this.source, baseUrl: this.baseUrl, streamUrl: this.streamUrl };
    const saved = await this.create();
    if (saved !== null) {
      Object.assign(this, keep);
      this.lastAdded = saved.name;
    }
    return saved;
  }

  importing = $state(false);
  importReport = $state.raw<KeyImportReport | null>(null);
  importError = $state.raw<UserFacingError | null>(null);

  /**
   * "Import a file of keys": main asks for the file with its own open dialog, reads it and adds a
   * profile per line with this form's kind of key, colour and addresses. Nothing of the file passes
   * through the window; the report names lines and profiles, never a key or secret.
   */
  async importFile(): Promise<void> {
    const addresses = this.#addresses();
    this.importing = true;
    this.importError = null;
    const result = await settle(() => this.#bridge.importKeys({ colour: this.colour, source: this.source, ...addresses }));
    this.importing = false;
    if (!result.ok) this.importError = result.error;
    // a closed dialog (null) keeps the last report on screen
    else if (result.value !== null) this.importReport = result.value;
  }

  override reset(): void {
    super.reset();
    this.lastAdded = null;
    this.name = '';
    this.colour = PROFILE_COLOURS[0] ?? '#7c5cff';
    this.source = 'uws';
    this.baseUrl = '';
    this.streamUrl = '';
  }
}
