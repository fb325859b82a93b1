/**
 * Local checks of the add-profile and replace-credentials forms, before anything crosses the bridge.
 * Main validates again; these exist so that the user learns at once, in words, what is wrong.
 */
import type { Credentials, NewProfile } from '../../../src-preload/contract.ts';

export type CredentialField = 'apiKey' | 'apiSecret';
export type ProfileField = 'name' | 'colour' | CredentialField;
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * A Kraken API secret is base64. Kraken's own docs print an 87-character example that is not, so a
 * pasted secret that does not decode is refused here rather than signed with garbage.
 */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  try {
    return atob(text).length > 0;
  } catch {
    return false;
  }
}

export function validateCredentials(input: Credentials): { errors: FieldErrors<CredentialField>; value: Credentials | null } {
  const apiKey = input.apiKey.trim();
  const apiSecret = input.apiSecret.trim();
  const errors: FieldErrors<CredentialField> = {};
  if (apiKey === '') errors.apiKey = 'Paste the public API key.';
  else if (/\s/.test(apiKey)) errors.apiKey = 'The key contains spaces or line breaks; paste it again as one piece.';
  if (apiSecret === '') errors.apiSecret = 'Paste the private key (secret).';
  else if (!isBase64(apiSecret)) {
    errors.apiSecret = /\s/.test(apiSecret)
      ? 'The secret contains spaces or line breaks; paste it again as one piece.'
      : 'This is not a valid secret: Kraken secrets are base64 text (letters, digits, + and /, ending in = padding). Copy it again in full.';
  }
  const valid = errors.apiKey === undefined && errors.apiSecret === undefined;
  return { errors, value: valid ? { apiKey, apiSecret } : null };
}

export function validateNewProfile(input: NewProfile): { errors: FieldErrors<ProfileField>; value: NewProfile | null } {
  const credentials = validateCredentials(input);
  const name = input.name.trim();
  const errors: FieldErrors<ProfileField> = { ...credentials.errors };
  if (name === '') errors.name = 'Give the profile a name, e.g. "Main" or "Bot account".';
  else if (name.length > 40) errors.name = 'Keep the name under 40 characters.';
  if (!COLOUR.test(input.colour)) errors.colour = 'Pick a colour.';
  const value =
    credentials.value !== null && errors.name === undefined && errors.colour === undefined
      ? { ...input, ...credentials.value, name }
      : null;
  return { errors, value };
}
