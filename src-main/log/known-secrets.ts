/**
 * The secrets in play: every API secret and key, token or signature the app has read, kept in every
 * form a careless log line could carry it (as sent, base64url, URL-encoded, hex of its bytes, hex of
 * its text), so that the redactor masks it whatever its shape and even when it is split into pieces.
 *
 * Pieces are found by 8-character windows: a run of text sharing any window with a known form is
 * masked whole. Only the windows are kept for that, never a lookup that could hand a secret back.
 * They are counted in and out as values come and go: a desk's hundreds of keys hold about a million
 * windows, and a new token or signature (every signed request makes one) must not mean building
 * them all again for the next log line.
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
 * A token may be used within 15 minutes of its issue and then stays valid while the subscription
 * made with it holds (the UWS notes). So it is kept that long, and for as long as a connection holds
 * it (holdToken), never forgotten for lack of room; then a grace for a late log line quoting it.
 * A token no connection holds any more is let go: a desk of hundreds of keys on a flaky network
 * takes hundreds of fresh tokens per reconnect, and keeping each for long would grow the registry
 * (and every log line's redaction) without need.
 */
export const TOKEN_USABLE_MS = 15 * 60 * 1000;
export const TOKEN_GRACE_MS = 2 * 60 * 1000;
/**
 * A signature over a nonce is refused by Kraken once used: it matters while its request may still
 * be logged (a timeout, a retry), so it is kept for a few minutes, and only the newest are kept
 * when many profiles poll (a spent signature is the one to let go).
 */
export const SIGNATURE_RETENTION_MS = 2 * 60 * 1000;
const MAX_SIGNATURES = 256;
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

function* windowsOf(forms: readonly string[]): Generator<string> {
  for (const form of forms) for (let i = 0; i + MIN_SECRET_LENGTH <= form.length; i++) yield form.slice(i, i + MIN_SECRET_LENGTH);
}

export class KnownSecrets {
  /** Forms per long-lived secret, least recently registered first (a Map keeps insertion order). */
  readonly #forms = new Map<string, readonly string[]>();
  /** Forms per one-time value (tokens, signatures over a nonce), with the time after which it is forgotten. */
  readonly #oneTime = new Map<string, { readonly forms: readonly string[]; until: number; readonly signature: boolean; held: number }>();
  readonly #now: () => number;
  #signatures = 0;
  /** Every 8-character window of every known form, with how many forms hold it. */
  readonly #windows = new Map<string, number>();
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
    const forms = formsOf(secret);
    this.#forms.set(secret, forms);
    this.#added(forms);
    if (this.#forms.size > MAX_LONG_LIVED) {
      const [oldest, oldestForms] = this.#forms.entries().next().value!;
      this.#forms.delete(oldest);
      this.#removed(oldestForms);
    }
  }

  /** Adds a WebSocket token for the time it may be used, however many others arrive meanwhile. */
  rememberToken(token: string): void {
    this.#rememberOneTime(token, TOKEN_USABLE_MS + TOKEN_GRACE_MS, false);
  }

  /** A connection subscribed with the token: it stays known while held, whatever its age. */
  holdToken(token: string): void {
    this.rememberToken(token);
    const entry = this.#oneTime.get(token);
    if (entry !== undefined) entry.held += 1;
  }

  /** The connection that held the token closed: it is forgotten after its usable time and a grace. */
  releaseToken(token: string): void {
    const entry = this.#oneTime.get(token);
    if (entry === undefined || entry.held === 0) return;
    entry.held -= 1;
    entry.until = Math.max(entry.until, this.#now() + TOKEN_GRACE_MS);
  }

  /** Adds a signature over a nonce for SIGNATURE_RETENTION_MS; beyond the newest 256, the oldest goes. */
  rememberSignature(signature: string): void {
    this.#rememberOneTime(signature, SIGNATURE_RETENTION_MS, true);
    if (this.#signatures <= MAX_SIGNATURES) return;
    for (const [value, entry] of this.#oneTime) {
      if (!entry.signature) continue;
      this.#forget(value);
      break;
    }
  }

  #rememberOneTime(value: string, retentionMs: number, signature: boolean): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    const now = this.#now();
    this.#forgetExpired(now);
    const known = this.#oneTime.get(value);
    if (known !== undefined) {
      known.until = Math.max(known.until, now + retentionMs);
      return;
    }
    const forms = formsOf(value);
    this.#oneTime.set(value, { forms, until: now + retentionMs, signature, held: 0 });
    if (signature) this.#signatures += 1;
    this.#added(forms);
  }

  #forget(value: string): void {
    const entry = this.#oneTime.get(value);
    if (entry === undefined) return;
    if (entry.signature) this.#signatures -= 1;
    this.#oneTime.delete(value);
    this.#removed(entry.forms);
  }

  #forgetExpired(now: number): void {
    for (const [value, entry] of this.#oneTime) if (entry.held === 0 && entry.until <= now) this.#forget(value);
  }

  #added(forms: readonly string[]): void {
    for (const window of windowsOf(forms)) this.#windows.set(window, (this.#windows.get(window) ?? 0) + 1);
    this.#allForms = null;
  }

  #removed(forms: readonly string[]): void {
    for (const window of windowsOf(forms)) {
      const count = (this.#windows.get(window) ?? 0) - 1;
      if (count > 0) this.#windows.set(window, count);
      else this.#windows.delete(window);
    }
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
    if (run.length < MIN_SECRET_LENGTH) return false;
    this.#forgetExpired(this.#now());
    if (this.#windows.size === 0) return false;
    for (let i = 0; i + MIN_SECRET_LENGTH <= run.length; i++) if (this.#windows.has(run.slice(i, i + MIN_SECRET_LENGTH))) return true;
    return false;
  }
}

/** The app's one registry: what reads a secret registers it here; the logger redacts with it. */
export const knownSecrets = new KnownSecrets();
