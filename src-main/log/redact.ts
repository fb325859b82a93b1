/**
 * Redaction applied to every log line, as the second line of defence behind "never log a secret".
 *
 * First by knowledge: every secret the app has read is registered (./known-secrets.ts) and masked in
 * any of its forms, pieces included. Then by shape, for what was never registered: Kraken secrets and
 * Authent signatures are 88-character base64 strings and public keys 56, so any long run of base64,
 * base64url or URL-encoded base64 mixing cases and digits is masked, as are long hex runs, lists of
 * byte values, `Bearer` values and header values, and the value of any field whose name says it
 * holds a credential, so that even a careless `log.info(request)` leaks nothing.
 *
 * `redactValue` is total: whatever it is handed (BigInt, throwing getters, cycles, revoked proxies)
 * it returns a JSON-safe copy and never throws.
 */
import { knownSecrets, type KnownSecrets } from './known-secrets.ts';

export const REDACTED = '[redacted]';

/** Field names, lower-cased without separators, whose values are credentials whatever they hold. */
const CREDENTIAL_FIELD = /secret|password|passphrase|privatekey|apikey|token|authent|authorization|signature|cookie|^nonce$/;

const HEADER_VALUE = /\b(APIKey|Authent|Authorization|Nonce)(["']?\s*[:=]\s*["']?)((?:Bearer\s+)?[^\s"',}]+)/gi;
const BEARER_VALUE = /\b(Bearer\s+)(?!\[redacted\])[^\s"',}]+/gi;
// 32+ characters of base64 / base64url, percent escapes allowed: long enough, and (checked below)
// mixed enough, that words, URL paths, UUIDs and numbers don't match.
const LONG_BASE64_RUN = /(?:[A-Za-z0-9+/_-]|%[0-9A-Fa-f]{2}){32,}(?:=|%3D){0,2}/g;
const LONG_HEX_RUN = /\b[0-9A-Fa-f]{64,}\b/g;
/** Sixteen or more numbers of 0–255 in a row: a byte array written out. */
const BYTE_LIST = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\s*,\s*(?:25[0-5]|2[0-4]\d|1?\d?\d)){15,}\b/g;
/** Runs of secret-alphabet characters checked against the known secrets' windows. */
const SECRET_ALPHABET_RUN = /[A-Za-z0-9+/=_%-]{8,}/g;

const MIN_BYTE_ARRAY = 16;
const MAX_DEPTH = 8;

function isMixed(run: string): boolean {
  let text = run;
  try {
    text = decodeURIComponent(run);
  } catch {
    // not valid percent-encoding: judge the run as written
  }
  return /[A-Z]/.test(text) && /[a-z]/.test(text) && /[0-9]/.test(text);
}

export function redactText(text: string, secrets: KnownSecrets = knownSecrets): string {
  let redacted = text;
  for (const form of secrets.forms()) if (redacted.includes(form)) redacted = redacted.replaceAll(form, REDACTED);
  return redacted
    .replace(SECRET_ALPHABET_RUN, (run) => (secrets.overlaps(run) ? REDACTED : run))
    .replace(HEADER_VALUE, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(BEARER_VALUE, (_match, scheme: string) => `${scheme}${REDACTED}`)
    .replace(LONG_BASE64_RUN, (run) => (isMixed(run) ? REDACTED : run))
    .replace(LONG_HEX_RUN, REDACTED)
    .replace(BYTE_LIST, REDACTED);
}

function isCredentialField(name: string): boolean {
  return CREDENTIAL_FIELD.test(name.toLowerCase().replace(/[-_\s]/g, ''));
}

function isByteArray(value: readonly unknown[]): boolean {
  return value.length >= MIN_BYTE_ARRAY && value.every((item) => Number.isInteger(item) && (item as number) >= 0 && (item as number) <= 255);
}

function redactError(error: Error, secrets: KnownSecrets, ancestors: Set<object>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = { name: redactText(String(error.name), secrets), message: redactText(String(error.message), secrets) };
  if (error.stack !== undefined) copy.stack = redactText(String(error.stack), secrets);
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) copy.code = redactAny(code, secrets, ancestors, depth + 1);
  if (error.cause !== undefined) copy.cause = redactAny(error.cause, secrets, ancestors, depth + 1);
  return copy;
}

function redactObject(value: object, secrets: KnownSecrets, ancestors: Set<object>, depth: number): unknown {
  if (value instanceof Error) return redactError(value, secrets, ancestors, depth);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return isByteArray(value) ? `[${value.length} bytes]` : value.map((item) => redactAny(item, secrets, ancestors, depth + 1));
  if (value instanceof Set) return [...value].map((item) => redactAny(item, secrets, ancestors, depth + 1));
  const entries: [string, unknown][] = value instanceof Map ? [...value].map(([key, item]) => [String(key), item]) : Object.keys(value).map((key) => [key, undefined]);
  const copy: Record<string, unknown> = {};
  for (const [key, mapped] of entries) {
    if (isCredentialField(key)) {
      copy[key] = REDACTED;
      continue;
    }
    try {
      const item = value instanceof Map ? mapped : (value as Record<string, unknown>)[key];
      copy[key] = redactAny(item, secrets, ancestors, depth + 1);
    } catch {
      copy[key] = '[unreadable]';
    }
  }
  return copy;
}

function redactAny(value: unknown, secrets: KnownSecrets, ancestors: Set<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value, secrets);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return redactText(value.toString(), secrets);
    case 'function':
      return '[function]';
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) return '[…]';
  if (ancestors.has(value)) return '[circular]';
  ancestors.add(value);
  try {
    return redactObject(value, secrets, ancestors, depth);
  } catch {
    // a revoked proxy, a throwing ownKeys trap: nothing readable, and the log line still goes out
    return '[unreadable]';
  } finally {
    ancestors.delete(value);
  }
}

/** A JSON-safe copy of any value with credentials masked and every string redacted. Never throws. */
export function redactValue(value: unknown, secrets: KnownSecrets = knownSecrets): unknown {
  return redactAny(value, secrets, new Set(), 0);
}
