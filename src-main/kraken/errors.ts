/**
 * Every way talking to Kraken can fail, as typed AppErrors with a message for the user, a suggested
 * action and whether trying again later may help.
 *
 * Messages are fixed texts plus facts the user already knows (HTTP status, Kraken's error code, a
 * JSON path). They never contain a response body, a header, the API secret or an Authent value, so
 * an error can be logged, stored and sent over IPC as it is. The underlying cause (a network error
 * from fetch) is attached as the non-enumerable `cause` and holds no request headers either.
 */
import { AppError } from '../errors.ts';
import type { SpotErrorKind } from './uws/spot-errors.ts';
import type { UwsErrorKind } from './uws/uws-errors.ts';

/** Kraken's documented error codes (`{"result":"error","error":"<code>"}`), as sent. */
export const KRAKEN_ERROR_CODES = [
  'accountInactive',
  'apiLimitExceeded',
  'authenticationError',
  'insufficientFunds',
  'invalidAccount',
  'invalidAmount',
  'invalidArgument',
  'invalidUnit',
  'Json Parse Error',
  'marketUnavailable',
  'nonceBelowThreshold',
  'nonceDuplicate',
  'notFound',
  'requiredArgumentMissing',
  'Server Error',
  'Unavailable',
  'unknownError',
] as const;
export type KrakenErrorCode = (typeof KRAKEN_ERROR_CODES)[number];

export type KrakenErrorKind =
  // Kraken's error codes, camel-cased where Kraken uses spaces ('Json Parse Error' → jsonParseError)
  | 'accountInactive'
  | 'apiLimitExceeded'
  | 'authenticationError'
  | 'insufficientFunds'
  | 'invalidAccount'
  | 'invalidAmount'
  | 'invalidArgument'
  | 'invalidUnit'
  | 'jsonParseError'
  | 'marketUnavailable'
  | 'nonceBelowThreshold'
  | 'nonceDuplicate'
  | 'notFound'
  | 'requiredArgumentMissing'
  | 'serverError'
  | 'unavailable'
  | 'unknownError'
  /** A code not in the spec (new codes, `unknown`): kept in `code`. */
  | 'unrecognisedErrorCode'
  // HTTP statuses without a Kraken error body
  | 'httpUnauthorized'
  | 'httpForbidden'
  | 'httpTooManyRequests'
  | 'httpServerError'
  | 'httpUnexpectedStatus'
  // bodies
  | 'htmlBody'
  | 'notJson'
  | 'truncatedJson'
  | 'schemaMismatch'
  | 'responseTooLarge'
  // transport
  | 'timeout'
  | 'connectionRefused'
  | 'dnsFailure'
  | 'connectionDropped'
  | 'networkError'
  | 'aborted'
  // credentials refused before sending
  | 'invalidSecret'
  | 'invalidApiKey'
  // Spot REST (the Unified WebSocket's token), see ./uws/spot-errors.ts
  | SpotErrorKind
  // the Unified WebSocket connection, see ./uws/uws-errors.ts
  | UwsErrorKind;

/**
 * What kind of trouble, for layers that react rather than display (the monitor shows `authFailed`
 * for `credentials` and stops retrying, `offline` for `connectivity`).
 */
export type KrakenErrorCategory = 'credentials' | 'connectivity' | 'rateLimit' | 'exchange' | 'response' | 'aborted';

interface KrakenErrorInit {
  readonly kind: KrakenErrorKind;
  readonly category: KrakenErrorCategory;
  readonly message: string;
  readonly action: string;
  readonly retryable: boolean;
  readonly status?: number | null;
  readonly code?: string | null;
  readonly retryAfterMs?: number | null;
  readonly cause?: unknown;
}

export class KrakenError extends AppError {
  declare readonly kind: KrakenErrorKind;
  readonly category: KrakenErrorCategory;
  /** HTTP status of the response, null when there was none (network, timeout, refused secret). */
  readonly status: number | null;
  /** Kraken's error code exactly as sent, when the body had one. */
  readonly code: string | null;
  /** Server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;

  constructor(init: KrakenErrorInit) {
    super(init);
    this.name = 'KrakenError';
    this.category = init.category;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export const UPDATE_OR_SUPPORT = 'Check for a Margin Desk update; if that does not help, send the log file (Settings → Show log file) to support.';
export const TRY_LATER = 'Margin Desk tries again by itself; your last figures stay on screen, marked with their age.';
const REPLACE_KEY =
  'Check that this is a Kraken Futures key (Spot keys do not work on Futures), that it still exists and was copied completely, then replace the credentials of this profile.';

/**
 * A response whose shape would make a figure untrustworthy (a required amount missing or not a
 * decimal). `path` names the JSON location, e.g. `accounts.flex.currencies.XBT.quantity`.
 */
export class SchemaError extends KrakenError {
  readonly path: string;
  /** What was expected at `path`, e.g. "a decimal number". */
  readonly expected: string;

  constructor(path: string, expected: string) {
    super({
      kind: 'schemaMismatch',
      category: 'response',
      message: `Kraken sent a response Margin Desk cannot read safely: ${path} is not ${expected}.`,
      action: `Your figures were not updated from it. ${UPDATE_OR_SUPPORT}`,
      retryable: false,
    });
    this.name = 'SchemaError';
    this.path = path;
    this.expected = expected;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `key.rest`, `key[3].rest`, `["usd credit"].rest` or `[3].rest`; the segment alone for an empty rest. */
export function joinPath(segment: string | number, rest: string): string {
  const head = typeof segment === 'number' ? `[${segment}]` : IDENTIFIER.test(segment) ? segment : `[${JSON.stringify(segment)}]`;
  if (rest === '') return head;
  return rest.startsWith('[') ? head + rest : `${head}.${rest}`;
}

type CodeText = Pick<KrakenErrorInit, 'kind' | 'category' | 'message' | 'action' | 'retryable'>;

const REQUEST_REFUSED: Omit<CodeText, 'kind'> = {
  category: 'exchange',
  message: 'Kraken refused a request Margin Desk sent.',
  action: UPDATE_OR_SUPPORT,
  retryable: false,
};

const CODE_TEXTS: Readonly<Record<KrakenErrorCode, CodeText>> = {
  accountInactive: {
    kind: 'accountInactive',
    category: 'exchange',
    message: 'Kraken says this Futures account is inactive.',
    action: 'Log in to Kraken Futures to check the account, then refresh.',
    retryable: false,
  },
  apiLimitExceeded: {
    kind: 'apiLimitExceeded',
    category: 'rateLimit',
    message: 'Kraken is limiting requests from this API key for a few seconds.',
    action: 'Nothing to do: Margin Desk waits and tries again. If other tools use the same key, give Margin Desk a key of its own.',
    retryable: true,
  },
  authenticationError: {
    kind: 'authenticationError',
    category: 'credentials',
    message: 'Kraken did not accept the API key or its signature.',
    action: REPLACE_KEY,
    retryable: false,
  },
  insufficientFunds: { kind: 'insufficientFunds', ...REQUEST_REFUSED },
  invalidAccount: { kind: 'invalidAccount', ...REQUEST_REFUSED },
  invalidAmount: { kind: 'invalidAmount', ...REQUEST_REFUSED },
  invalidArgument: { kind: 'invalidArgument', ...REQUEST_REFUSED },
  invalidUnit: { kind: 'invalidUnit', ...REQUEST_REFUSED },
  'Json Parse Error': { kind: 'jsonParseError', ...REQUEST_REFUSED },
  requiredArgumentMissing: { kind: 'requiredArgumentMissing', ...REQUEST_REFUSED },
  marketUnavailable: {
    kind: 'marketUnavailable',
    category: 'exchange',
    message: 'Kraken says the market is currently unavailable.',
    action: TRY_LATER,
    retryable: true,
  },
  nonceBelowThreshold: {
    kind: 'nonceBelowThreshold',
    category: 'credentials',
    message: 'Kraken refused the request because another program used this API key with a larger nonce.',
    // No setting would help: sharing a key with a program that sends nonces fails either way.
    action: 'Create an API key of its own for Margin Desk (Kraken advises one key per app), then replace the credentials of this profile.',
    retryable: false,
  },
  // A stop, not a retry: the app's own nonces only grow (persisted per key), so a duplicate means
  // another program signs with this key; a fresh nonce would race it again.
  nonceDuplicate: {
    kind: 'nonceDuplicate',
    category: 'credentials',
    message: 'Kraken saw the same request nonce twice on this API key: another program is using the same key.',
    action: 'Create an API key of its own for Margin Desk (Kraken advises one key per app), then replace the credentials of this profile.',
    retryable: false,
  },
  notFound: {
    kind: 'notFound',
    category: 'exchange',
    message: 'Kraken could not find the requested information for this account.',
    action: UPDATE_OR_SUPPORT,
    retryable: false,
  },
  'Server Error': {
    kind: 'serverError',
    category: 'connectivity',
    message: 'Kraken had an internal error answering the request.',
    action: TRY_LATER,
    retryable: true,
  },
  Unavailable: {
    kind: 'unavailable',
    category: 'connectivity',
    message: 'Kraken Futures is unavailable at the moment (often maintenance).',
    action: TRY_LATER,
    retryable: true,
  },
  unknownError: {
    kind: 'unknownError',
    category: 'exchange',
    message: 'Kraken reported an unknown error.',
    action: TRY_LATER,
    retryable: true,
  },
};

function isDocumentedCode(code: string): code is KrakenErrorCode {
  return Object.hasOwn(CODE_TEXTS, code);
}

/** A `{"result":"error","error":code}` body (or the key check's `{"error":code}`), whatever the HTTP status. */
export function errorFromKrakenCode(code: string, status: number): KrakenError {
  if (isDocumentedCode(code)) return new KrakenError({ ...CODE_TEXTS[code], status, code });
  return new KrakenError({
    kind: 'unrecognisedErrorCode',
    category: 'exchange',
    // The code is Kraken's own short identifier; capped so a strange body cannot flood the message.
    message: `Kraken reported an error Margin Desk does not know (${code.slice(0, 60)}).`,
    action: TRY_LATER,
    retryable: true,
    status,
    code,
  });
}

/** An HTTP status that says what went wrong on its own (no Kraken error code in the body). */
export function errorFromHttpStatus(status: number, retryAfterMs: number | null = null): KrakenError {
  if (status === 401) {
    return new KrakenError({
      kind: 'httpUnauthorized',
      category: 'credentials',
      message: 'Kraken answered 401 Unauthorized: the API key is unknown or the signature is wrong.',
      action: REPLACE_KEY,
      retryable: false,
      status,
    });
  }
  if (status === 403) {
    return new KrakenError({
      kind: 'httpForbidden',
      category: 'credentials',
      message: 'Kraken answered 403 Forbidden: this key or this network is not allowed to make the request.',
      action:
        'Check that the key has at least read-only "General" permission and no IP restriction that excludes this computer, then test the connection again.',
      retryable: false,
      status,
    });
  }
  if (status === 429) {
    return new KrakenError({
      kind: 'httpTooManyRequests',
      category: 'rateLimit',
      message: 'Kraken answered 429 Too Many Requests.',
      action: 'Nothing to do: Margin Desk waits and tries again. If other tools use the same key or network, they share the limit.',
      retryable: true,
      status,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new KrakenError({
      kind: 'httpServerError',
      category: 'connectivity',
      message: `Kraken's servers answered with an error (HTTP ${status}).`,
      action: TRY_LATER,
      retryable: true,
      status,
      retryAfterMs,
    });
  }
  return new KrakenError({
    kind: 'httpUnexpectedStatus',
    category: 'response',
    message: `Kraken answered with an unexpected HTTP status ${status}.`,
    action: `If you changed the API address of this profile, check it. ${UPDATE_OR_SUPPORT}`,
    retryable: false,
    status,
  });
}

/** A body that is not the JSON Kraken sends: an HTML page (proxy, maintenance), cut-off JSON, anything else. */
export function errorFromBody(kind: 'htmlBody' | 'truncatedJson' | 'notJson', status: number): KrakenError {
  const texts = {
    htmlBody: {
      message: `Kraken answered with a web page instead of data (HTTP ${status}); this usually means maintenance or a proxy in between.`,
      action: `${TRY_LATER} If it lasts, check status.kraken.com and any proxy or captive portal on your network.`,
    },
    truncatedJson: {
      message: 'The answer from Kraken was cut off before it was complete.',
      action: TRY_LATER,
    },
    notJson: {
      message: `Kraken answered with something that is not data Margin Desk can read (HTTP ${status}).`,
      action: `If you changed the API address of this profile, check it. ${TRY_LATER}`,
    },
  }[kind];
  return new KrakenError({ kind, category: 'response', ...texts, retryable: true, status });
}

/**
 * An answer larger than any Kraken sends: read no further, never retried (the same answer would
 * come again), so a hostile or broken server cannot fill the memory of main.
 */
export function responseTooLargeError(limitBytes: number): KrakenError {
  return new KrakenError({
    kind: 'responseTooLarge',
    category: 'response',
    message: `The answer was larger than ${Math.round(limitBytes / 1_048_576)} MB, far more than Kraken ever sends, and was not read.`,
    action: `If you changed the API address of this profile, check it. ${UPDATE_OR_SUPPORT}`,
    retryable: false,
  });
}

/** The request took longer than the per-request timeout. */
export function timeoutError(timeoutMs: number): KrakenError {
  return new KrakenError({
    kind: 'timeout',
    category: 'connectivity',
    message: `Kraken did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
    action: TRY_LATER,
    retryable: true,
  });
}

/** The caller cancelled (profile switched, app quitting): not a failure to show or retry. */
export function abortedError(): KrakenError {
  return new KrakenError({
    kind: 'aborted',
    category: 'aborted',
    message: 'The request to Kraken was cancelled.',
    action: 'Nothing to do.',
    retryable: false,
  });
}

/** The connection broke while the answer was arriving. */
export function connectionDroppedError(cause: unknown): KrakenError {
  return new KrakenError({
    kind: 'connectionDropped',
    category: 'connectivity',
    message: 'The connection to Kraken broke while the answer was arriving.',
    action: TRY_LATER,
    retryable: true,
    cause,
  });
}

function errorCode(error: unknown): string | undefined {
  // fetch (undici) reports `TypeError: fetch failed` with the system error as its cause.
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** A fetch that failed before any response: classified by the system error code. */
export function networkError(cause: unknown): KrakenError {
  const code = errorCode(cause);
  if (code === 'ECONNREFUSED') {
    return new KrakenError({
      kind: 'connectionRefused',
      category: 'connectivity',
      message: 'The connection to Kraken was refused.',
      action: `If you changed the API address of this profile, check it; otherwise check your internet connection. ${TRY_LATER}`,
      retryable: true,
      cause,
    });
  }
  if (code !== undefined && DNS_CODES.has(code)) {
    return new KrakenError({
      kind: 'dnsFailure',
      category: 'connectivity',
      message: "Kraken's address could not be looked up (DNS).",
      action: `Check your internet connection. ${TRY_LATER}`,
      retryable: true,
      cause,
    });
  }
  if (code !== undefined && DROPPED_CODES.has(code)) return connectionDroppedError(cause);
  return new KrakenError({
    kind: 'networkError',
    category: 'connectivity',
    message: 'Margin Desk could not reach Kraken.',
    action: `Check your internet connection. ${TRY_LATER}`,
    retryable: true,
    cause,
  });
}

/** The stored API secret cannot be used for signing; refused before any request is sent. */
export function invalidSecret(reason: 'empty' | 'whitespace' | 'notBase64'): KrakenError {
  const message = {
    empty: 'The API secret is empty.',
    whitespace: 'The API secret starts or ends with a space or line break.',
    notBase64: 'The API secret is not a valid Kraken secret (it does not decode as base64).',
  }[reason];
  return new KrakenError({
    kind: 'invalidSecret',
    category: 'credentials',
    message,
    action:
      'Copy the private key again from Kraken Futures (Settings → API Keys) in one piece, without spaces, and replace the credentials of this profile.',
    retryable: false,
  });
}

/** The public API key is empty, padded, or swapped with the secret; refused before any request is sent. */
export function invalidApiKey(reason: 'empty' | 'whitespace' | 'swapped'): KrakenError {
  const message = {
    empty: 'The API key is empty.',
    whitespace: 'The API key starts or ends with a space or line break.',
    swapped: 'The API key and the API secret look swapped: the key field holds what looks like the private key.',
  }[reason];
  return new KrakenError({
    kind: 'invalidApiKey',
    category: 'credentials',
    message,
    action:
      reason === 'swapped'
        ? 'Paste the public key into "API key" and the private key into "API secret", then replace the credentials of this profile.'
        : 'Copy the public key again from Kraken Futures (Settings → API Keys) and replace the credentials of this profile.',
    retryable: false,
  });
}
