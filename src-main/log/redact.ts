/**
 * Redaction applied to every log line, as the second line of defence behind "never log a secret".
 * Kraken secrets and Authent signatures are 88-character base64 strings and public keys 56; any
 * long run of base64 characters is therefore masked, as is the value of any field whose name says
 * it holds a credential, so that even a careless `log.info(request)` leaks nothing.
 */
const CREDENTIAL_FIELD = /^(api[-_]?key|api[-_]?secret|secret|authent|password|passphrase|token|authorization|nonce)$/i;

// 32+ chars of the base64 alphabet mixing upper case, lower case and digits, as random key material
// does: long enough, and mixed enough, that words, URL paths, UUIDs and numbers don't match.
const LONG_BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/g;
const HEADER_VALUE = /\b(APIKey|Authent|Authorization|Nonce)(["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi;

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text
    .replace(HEADER_VALUE, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(LONG_BASE64_RUN, (run) => (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run) ? REDACTED : run));
}

/** A JSON-safe copy of any value with credential fields masked and every string redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, CREDENTIAL_FIELD.test(key) ? REDACTED : redactValue(item, depth + 1)]),
    );
  }
  return value;
}
