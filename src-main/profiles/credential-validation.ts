/**
 * Local checks of a pasted API key and secret, before anything is stored or sent: the mistakes people
 * make when copying keys (a missing character, a line break, the same text in both fields) get a message
 * that names the mistake instead of Kraken's bare `authenticationError`.
 *
 * Kraken Futures keys are base64: the public key 56 characters, the secret 88 (64 bytes). Lengths are
 * checked loosely (Kraken may change them); the secret must be strict base64 because it is decoded to
 * sign (the secret Kraken's own docs print is 87 characters and would sign with garbage), which the
 * signer's own check (kraken/sign.ts) decides.
 * Messages never quote the pasted text.
 */
import { AppError } from '../errors.ts';
import { checkApiKey, decodeSecret } from '../kraken/sign.ts';
import type { Credentials } from './secret-store.ts';
import { knownSecrets } from '../log/known-secrets.ts';

/** Shortest public key accepted: well below Kraken's 56, above anything a cut-off paste leaves. */
const MIN_API_KEY_LENGTH = 32;
const MAX_API_KEY_LENGTH = 256;
const FINGERPRINT_LENGTH = 4;

const BASE64_ALPHABET = /^[A-Za-z0-9+/]+={0,2}$/;

function invalid(kind: 'invalidApiKey' | 'invalidSecret', message: string, action: string): AppError {
  return new AppError({ kind, message, action, retryable: false });
}

const COPY_KEY_AGAIN = 'Copy the API key (public key) again from Kraken Futures → Settings → API keys.';
const COPY_SECRET_AGAIN =
  'Copy the private key (API secret) again, all of it. Kraken shows it only once: if it is lost, create a new key.';

function checkApiKeyPlausible(apiKey: string): void {
  checkApiKey(apiKey);
  if (/\s/.test(apiKey)) {
    throw invalid('invalidApiKey', 'The API key contains a space or a line break, so it was not copied in one piece.', COPY_KEY_AGAIN);
  }
  if (!BASE64_ALPHABET.test(apiKey)) {
    throw invalid(
      'invalidApiKey',
      'The API key contains characters a Kraken key never has (only letters, digits, "+", "/" and a trailing "=" occur).',
      COPY_KEY_AGAIN,
    );
  }
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    throw invalid(
      'invalidApiKey',
      `The API key is too short for a Kraken Futures key (${apiKey.length} characters; Kraken's have 56). It may be cut off.`,
      COPY_KEY_AGAIN,
    );
  }
  if (apiKey.length > MAX_API_KEY_LENGTH) {
    throw invalid('invalidApiKey', `The API key is too long for a Kraken Futures key (${apiKey.length} characters).`, COPY_KEY_AGAIN);
  }
}

/**
 * The secret's check is the signer's own (`decodeSecret`), so that what passes here is exactly what
 * can sign. A line break inside is diagnosed first: it is the most common paste mistake, and "not
 * base64" would not tell the user what to look for.
 */
function checkApiSecret(apiSecret: string): void {
  if (/\s/.test(apiSecret)) {
    throw invalid('invalidSecret', 'The API secret contains a space or a line break, so it was not copied in one piece.', COPY_SECRET_AGAIN);
  }
  decodeSecret(apiSecret);
}

/**
 * Trimmed credentials that passed every local check. Only surrounding whitespace is forgiven (it comes
 * with copying); anything inside the text is the user's to fix, never silently repaired.
 */
export function validateCredentials(input: Credentials): Credentials {
  // Known before any check can fail, so that no log line about this input can carry it.
  knownSecrets.remember(input.apiKey);
  knownSecrets.remember(input.apiSecret);
  const apiKey = input.apiKey.trim();
  const apiSecret = input.apiSecret.trim();
  checkApiKeyPlausible(apiKey);
  checkApiSecret(apiSecret);
  if (apiKey === apiSecret) {
    throw invalid(
      'invalidSecret',
      'The API key and the API secret are the same text.',
      'Paste the public key into "API key" and the private key into "API secret".',
    );
  }
  return { apiKey, apiSecret };
}

/** The last characters of the public key, shown to recognise a profile's key (never the secret). */
export function keyFingerprint(apiKey: string): string {
  return apiKey.trim().slice(-FINGERPRINT_LENGTH);
}
