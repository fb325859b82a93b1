/**
 * A Kraken key's credentials as typed into a form: the checks both processes make before anything
 * is stored or sent. Main adds the checks only it can make (src-main/profiles/credential-validation.ts:
 * lengths of a real key, the signer's own decoding). Messages never quote the pasted text.
 */
import { z } from 'zod/mini';
import { isBase64 } from './base64.ts';

/** Generous bounds against hostile input; a real key and secret are far shorter. */
const MAX_API_KEY_LENGTH = 256;
const MAX_API_SECRET_LENGTH = 512;

const apiKeySchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Paste the public API key.'),
    z.maxLength(MAX_API_KEY_LENGTH, 'The API key is too long for a Kraken key.'),
    z.regex(/^\S+$/, 'The API key contains a space or a line break, so it was not copied in one piece.'),
  );

const apiSecretSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Paste the private key (API secret).'),
    z.maxLength(MAX_API_SECRET_LENGTH, 'The API secret is too long for a Kraken secret.'),
    z.regex(/^\S+$/, 'The API secret contains a space or a line break, so it was not copied in one piece.'),
    z.refine(
      isBase64,
      'This is not a valid secret: Kraken secrets are base64 text (letters, digits, + and /, ending in = padding). Copy it again in full.',
    ),
  );

export const credentialsShape = { apiKey: apiKeySchema, apiSecret: apiSecretSchema };

export const credentialsSchema = z.strictObject(credentialsShape);
