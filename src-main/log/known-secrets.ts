/**
 * The secrets in play: every API secret and key, token or signature the app has read, kept in every
 * form a careless log line could carry it (as sent, base64url, URL-encoded, hex of its bytes, hex of
 * its text), so that the redactor masks it whatever its shape and even when it is split into pieces.
 *
 * Pieces are found by 8-character windows: a run of text sharing any window with a known form is
 * masked whole. Only the windows are kept for that, never a lookup that could hand a secret back.
 */
/** Shorter values are not secrets worth the false matches (and a piece shorter than this reveals little). */
export const MIN_SECRET_LENGTH = 8;
/**
 * Long-lived values (profiles' keys and secrets, signatures that never change): the least recently
 * registered is forgotten beyond this. Every read of a profile's credentials registers them again,
 * so only keys no longer in use fall out; a desk holds hundreds of keys.
 */
const MAX_LONG_LIVED = 1024;
/**
 * How long a one-time value is kept: a token may be used within 15 minutes of its issue and then
 * stays valid while the subscription made with it holds (the UWS notes), so it is kept for a day,
 * longer than a connection usually lives between reconnects (each takes a fresh token); a signature
 * over a nonce is refused by Kraken once used, so it matters only while its request may be logged.
 * One-time values are never forgotten for lack of room, only once this time has passed.
 */
export const TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;
export const SIGNATURE_RETENTION_MS = 10 * 60 * 1000;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  const textHex = Buffer.from(secret, 'utf8').toString('hex');
  forms.add(textHex).add(textHex.toUpperCase());
  if (BASE64.test(secret)) {
    const bytes = Buffer.from(secret, 'base64');
    const hex = bytes.toString('hex');
    forms.add(bytes.toString('base64')).add(bytes.toString('base64url')).add(hex).add(hex.toUpperCase());
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function windowsOf(forms: readonly string[]): string[] {
  const windows: string[] = [];
  for (const form of forms) for (let i = 0; i + MIN_SECRET_LENGTH <= form.length; i++) windows.push(form.slice(i, i + MIN_SECRET_LENGTH));
  return windows;
}

export class KnownSecrets {
  /** Forms per long-lived secret, least recently registered first (a Map keeps insertion order). */
  readonly #forms = new Map<string, readonly string[]>();
  /** Forms per one-time value (tokens, signatures), with the time after which it is forgotten. */
  readonly #oneTime = new Map<string, { readonly forms: readonly string[]; until: number }>();
  readonly #now: () => number;
  #windows: ReadonlySet<string> | null = null;
  #allForms: readonly string[] | null = null;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Adds a long-lived secret (from the keychain, a form), or makes a known one the newest again:
   * a profile's key and secret, registered on every read, stay known while the profile is in use.
   * Values shorter than 8 characters are ignored.
   */
  remember(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    const known = this.#forms.get(secret);
    if (known !== undefined) {
      this.#forms.delete(secret);
      this.#forms.set(secret, known);
      return;
    }
    this.#forms.set(secret, formsOf(secret));
    if (this.#forms.size > MAX_LONG_LIVED) this.#forms.delete(this.#forms.keys().next().value!);
    this.#changed();
  }

  /**
   * Adds a one-time value (a token, a signature over a nonce) for `retentionMs` from now, however
   * many others arrive meanwhile; registering it again extends its time.
   */
  rememberFor(value: string, retentionMs: number): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    const now = this.#now();
    this.#forgetExpired(now);
    const known = this.#oneTime.get(value);
    if (known !== undefined) {
      known.until = Math.max(known.until, now + retentionMs);
      return;
    }
    this.#oneTime.set(value, { forms: formsOf(value), until: now + retentionMs });
    this.#changed();
  }

  #forgetExpired(now: number): void {
    let forgot = false;
    for (const [value, entry] of this.#oneTime) {
      if (entry.until > now) continue;
      this.#oneTime.delete(value);
      forgot = true;
    }
    if (forgot) this.#changed();
  }

  #changed(): void {
    this.#windows = null;
    this.#allForms = null;
  }

  /** Every form of every known secret, longest first so that a whole form is replaced before its parts. */
  forms(): readonly string[] {
    this.#forgetExpired(this.#now());
    this.#allForms ??= [...this.#forms.values(), ...[...this.#oneTime.values()].map((entry) => entry.forms)].flat().sort((a, b) => b.length - a.length);
    return this.#allForms;
  }

  /** Whether `run` shares an 8-character window with any form of a known secret. */
  overlaps(run: string): boolean {
    if ((this.#forms.size === 0 && this.#oneTime.size === 0) || run.length < MIN_SECRET_LENGTH) return false;
    this.#windows ??= new Set(windowsOf(this.forms()));
    for (let i = 0; i + MIN_SECRET_LENGTH <= run.length; i++) if (this.#windows.has(run.slice(i, i + MIN_SECRET_LENGTH))) return true;
    return false;
  }
}

/** The app's one registry: what reads a secret registers it here; the logger redacts with it. */
export const knownSecrets = new KnownSecrets();
