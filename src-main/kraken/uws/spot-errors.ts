/**
 * Kraken Spot REST errors (the token endpoint of the Unified WebSocket and the key check) as typed
 * KrakenErrors with a message and an action.
 *
 * Spot reports errors in the body's `error` array as `"<E|W><Category>:<message>"` (HTTP 200 as a
 * rule). What is transient follows Kraken's own Rust SDK: `EService:*` and the rate limits; a key,
 * signature, nonce or permission error needs the user; `EGeneral:Temporary lockout` comes after
 * repeated invalid-key errors and is never retried automatically: every retry would extend it.
 *
 * Messages hold Kraken's error string only when it is one of the documented ones (a fixed text);
 * an unknown one is cut short, and none of them ever carries the key, the secret, a signature or a
 * token.
 */
import { KrakenError, TRY_LATER, UPDATE_OR_SUPPORT, type KrakenErrorCategory } from '../errors.ts';

export type SpotErrorKind =
  | 'spotInvalidKey'
  | 'spotInvalidSignature'
  | 'spotInvalidNonce'
  | 'spotPermissionDenied'
  | 'spotTemporaryLockout'
  | 'spotInvalidArguments'
  | 'spotServiceUnavailable'
  | 'spotRateLimited'
  | 'spotUnrecognisedError';

const REPLACE_SPOT_KEY =
  'Check that this is a Kraken API key made at pro.kraken.com (Settings → API), not a Futures key, that it still exists and that key and private key were copied completely; then replace the credentials of this profile.';

interface SpotText {
  readonly kind: SpotErrorKind;
  readonly category: KrakenErrorCategory;
  readonly message: string;
  readonly action: string;
  readonly retryable: boolean;
}

const DOCUMENTED: Readonly<Record<string, SpotText>> = {
  'EAPI:Invalid key': {
    kind: 'spotInvalidKey',
    category: 'credentials',
    message: 'Kraken does not know this API key.',
    action: REPLACE_SPOT_KEY,
    retryable: false,
  },
  'EAPI:Invalid signature': {
    kind: 'spotInvalidSignature',
    category: 'credentials',
    message: 'Kraken did not accept the signature made with this private key.',
    action: REPLACE_SPOT_KEY,
    retryable: false,
  },
  'EAPI:Invalid nonce': {
    kind: 'spotInvalidNonce',
    category: 'credentials',
    message: 'Kraken refused the request nonce: another program has probably used this API key with larger nonces.',
    action:
      'Create an API key for Margin Desk alone (Kraken advises one key per app), or raise the key\'s "nonce window" at pro.kraken.com (Settings → API), then test the connection again.',
    retryable: false,
  },
  'EGeneral:Permission denied': {
    kind: 'spotPermissionDenied',
    category: 'credentials',
    message: 'This API key may not open the Unified WebSocket: it lacks the WebSocket permission.',
    action:
      'At pro.kraken.com (Settings → API), edit the key and turn on "Access WebSockets API" (the only permission Margin Desk needs), then test the connection again.',
    retryable: false,
  },
  'EGeneral:Temporary lockout': {
    kind: 'spotTemporaryLockout',
    category: 'credentials',
    message: 'Kraken has temporarily locked this API key out after repeated failed attempts.',
    action:
      'Wait several minutes, check the key and private key of this profile, then use "Test connection". Margin Desk does not retry by itself: each attempt would extend the lockout.',
    retryable: false,
  },
  'EGeneral:Invalid arguments': {
    kind: 'spotInvalidArguments',
    category: 'exchange',
    message: 'Kraken refused a request Margin Desk sent.',
    action: UPDATE_OR_SUPPORT,
    retryable: false,
  },
};

const SERVICE: Omit<SpotText, 'message'> = { kind: 'spotServiceUnavailable', category: 'connectivity', action: TRY_LATER, retryable: true };
const RATE_LIMITED: SpotText = {
  kind: 'spotRateLimited',
  category: 'rateLimit',
  message: 'Kraken is limiting requests from this API key for a while.',
  action: 'Nothing to do: Margin Desk waits and tries again. If other tools use the same key, give Margin Desk a key of its own.',
  retryable: true,
};

/** Kraken's documented rate-limit strings (Spot REST and its trading engine). */
function isRateLimitCode(code: string): boolean {
  return /^E(API|General|Order):(Rate limit exceeded|Too many requests)/.test(code);
}

/** The longest unknown error string a message repeats; longer ones are cut. */
const MAX_QUOTED = 60;

/** The KrakenError for one Spot error string, e.g. `EAPI:Invalid nonce`. */
export function spotError(code: string, status: number): KrakenError {
  const documented = Object.hasOwn(DOCUMENTED, code) ? DOCUMENTED[code] : undefined;
  if (documented !== undefined) return new KrakenError({ ...documented, status, code });
  if (isRateLimitCode(code)) return new KrakenError({ ...RATE_LIMITED, status, code });
  if (code.startsWith('EService:')) {
    return new KrakenError({ ...SERVICE, message: 'Kraken says its service is unavailable or busy right now.', status, code });
  }
  return new KrakenError({
    kind: 'spotUnrecognisedError',
    category: 'exchange',
    message: `Kraken reported an error Margin Desk does not know (${code.slice(0, MAX_QUOTED)}).`,
    action: TRY_LATER,
    retryable: true,
    status,
    code: code.slice(0, MAX_QUOTED),
  });
}

/** Whether a Spot error string is an error (`E…`) rather than a warning (`W…`). */
export function isSpotErrorString(text: string): boolean {
  return text.startsWith('E');
}
