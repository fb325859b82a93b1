/**
 * Every way talking to Kraken can fail, as typed AppErrors with a message for the user, a suggested
 * action and whether trying again later may help.
 *
 * Messages are fixed texts plus facts the user already knows (endpoint, HTTP status, Kraken's error
 * code, a JSON path). They never contain a response body, a header, the API secret or an Authent
 * value, so an error can be logged, stored and sent over IPC as it is.
 */
import { AppError } from '../errors.ts';

export type KrakenErrorKind = 'schemaMismatch' | 'invalidSecret' | 'invalidApiKey';

interface KrakenErrorInit {
  readonly kind: KrakenErrorKind;
  readonly message: string;
  readonly action: string;
  readonly retryable: boolean;
  readonly cause?: unknown;
}

export class KrakenError extends AppError {
  declare readonly kind: KrakenErrorKind;

  constructor(init: KrakenErrorInit) {
    super(init);
    this.name = 'KrakenError';
  }
}

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
      message: `Kraken sent a response Margin Desk cannot read safely: ${path} is not ${expected}.`,
      action:
        'Your figures are not updated from this response. Check for a Margin Desk update; if none helps, send the log file to support.',
      retryable: false,
    });
    this.name = 'SchemaError';
    this.path = path;
    this.expected = expected;
  }
}

/** The stored API secret cannot be used for signing; refused before any request is sent. */
export function invalidSecret(reason: 'empty' | 'whitespace' | 'notBase64'): KrakenError {
  const what = {
    empty: 'The API secret is empty.',
    whitespace: 'The API secret starts or ends with a space or line break.',
    notBase64: 'The API secret is not a valid Kraken secret (it does not decode as base64).',
  }[reason];
  return new KrakenError({
    kind: 'invalidSecret',
    message: what,
    action:
      'Copy the private key again from Kraken Futures (Settings → API Keys) in one piece, without spaces, and replace the credentials of this profile.',
    retryable: false,
  });
}

/** The public API key is empty or padded; refused before any request is sent. */
export function invalidApiKey(reason: 'empty' | 'whitespace'): KrakenError {
  return new KrakenError({
    kind: 'invalidApiKey',
    message: reason === 'empty' ? 'The API key is empty.' : 'The API key starts or ends with a space or line break.',
    action: 'Copy the public key again from Kraken Futures (Settings → API Keys) and replace the credentials of this profile.',
    retryable: false,
  });
}
