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
/** Profiles' keys and secrets plus a few live tokens; the oldest is forgotten beyond this. */
const MAX_SECRETS = 64;
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
  /** Forms per secret, oldest first (a Map keeps insertion order). */
  readonly #forms = new Map<string, readonly string[]>();
  #windows: ReadonlySet<string> | null = null;
  #allForms: readonly string[] | null = null;

  /**
   * Adds a secret (from the keychain, a form, a token answer), or makes a known one the newest again:
   * a profile's key and secret, registered on every read, are never pushed out by a stream of
   * one-time tokens. Values shorter than 8 characters are ignored.
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
    if (this.#forms.size > MAX_SECRETS) this.#forms.delete(this.#forms.keys().next().value!);
    this.#windows = null;
    this.#allForms = null;
  }

  /** Every form of every known secret, longest first so that a whole form is replaced before its parts. */
  forms(): readonly string[] {
    this.#allForms ??= [...this.#forms.values()].flat().sort((a, b) => b.length - a.length);
    return this.#allForms;
  }

  /** Whether `run` shares an 8-character window with any form of a known secret. */
  overlaps(run: string): boolean {
    if (this.#forms.size === 0 || run.length < MIN_SECRET_LENGTH) return false;
    this.#windows ??= new Set(windowsOf(this.forms()));
    for (let i = 0; i + MIN_SECRET_LENGTH <= run.length; i++) if (this.#windows.has(run.slice(i, i + MIN_SECRET_LENGTH))) return true;
    return false;
  }
}

/** The app's one registry: what reads a secret registers it here; the logger redacts with it. */
export const knownSecrets = new KnownSecrets();
