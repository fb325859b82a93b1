/**
 * The two Kraken Spot REST calls the Unified WebSocket needs: `GetWebSocketsToken` (a token for one
 * connection) and `GetApiKeyInfo` (the key's name and permissions, for the add-profile check).
 *
 * Both are `POST /0/private/<method>` with the form body `nonce=<n>` and the headers `API-Key`,
 * `API-Sign` (./spot-sign.ts) and `User-Agent`, sent through the same transport as the Futures
 * client. The secret is asked from `getCredentials` (the keychain) for each request and used only
 * to sign it. Each call makes one attempt: the connection's reconnect loop is the retry, with its
 * backoff, so a refused key is never hammered (`EGeneral:Temporary lockout` in particular).
 */
import { inspect } from 'node:util';
import { z } from 'zod';
import { knownSecrets } from '../../log/known-secrets.ts';
import type { KrakenCredentials } from '../client.ts';
import { systemClock, type Clock } from '../../../src-shared/clock.ts';
import { errorFromBody, errorFromHttpStatus, KrakenError, SchemaError } from '../errors.ts';
import { exchange } from '../http-exchange.ts';
import type { RawResponse } from '../interpret-response.ts';
import type { NonceSequences } from '../nonce.ts';
import { checkApiKey, decodeSecret } from '../sign.ts';
import { fetchTransport, nodeHttpTransport, type FetchFunction, type Transport } from '../transport.ts';
import { insecureAddressError, isSecureOrLoopback } from './secure-address.ts';
import { isSpotErrorString, spotError } from './spot-errors.ts';
import { computeApiSign } from './spot-sign.ts';

export const DEFAULT_SPOT_BASE_URL = 'https://api.kraken.com';
export const WEBSOCKET_TOKEN_PATH = '/0/private/GetWebSocketsToken';
export const API_KEY_INFO_PATH = '/0/private/GetApiKeyInfo';
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * A token for one Unified WebSocket connection. The value is a private field, readable only through
 * `value`, and every printable form (JSON, util.inspect, String) shows `[token]`, so a token that
 * reaches a log line or an IPC result by mistake is not in it.
 */
export class WebSocketToken {
  readonly #value: string;
  /** How long Kraken gives to use it, in seconds (900 as documented). */
  readonly expiresInSeconds: number;

  constructor(value: string, expiresInSeconds: number) {
    this.#value = value;
    this.expiresInSeconds = expiresInSeconds;
  }

  get value(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[token]';
  }

  toString(): string {
    return '[token]';
  }

  [inspect.custom](): string {
    return 'WebSocketToken [token]';
  }
}

/**
 * What `GetApiKeyInfo` tells about a key. Kraken's field names for it were not readable when this
 * was written: `permissions` is read from a list of names or from an object of switches (a name
 * whose value is true or "on"-like), and is null when neither shape is there.
 */
export interface SpotKeyInfo {
  readonly name: string | null;
  readonly permissions: readonly string[] | null;
}

export interface SpotClientOptions {
  /** Spot REST host (no path); Kraken's production host by default. */
  readonly baseUrl?: string;
  /** Sent as `User-Agent: MarginDesk/<appVersion>`. */
  readonly appVersion: string;
  /** Asked for each request (the keychain); the secret only signs that request. */
  readonly getCredentials: () => Promise<KrakenCredentials>;
  /**
   * Nonces per key, shared by every client of a key and persistent (a NonceStore) so that they
   * never go backwards across restarts or a clock set back.
   */
  readonly nonces: NonceSequences;
  /** Send through this fetch-compatible function instead of node:http (tests). */
  readonly fetch?: FetchFunction;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
}

const spotEnvelope = z.object({ error: z.array(z.string()), result: z.unknown().optional() });
const tokenResult = z.object({ token: z.string().min(1), expires: z.number().int().positive() });

/** The first error string of a Spot body, when the body is Kraken's envelope with one. */
function spotErrorOf(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const envelope = spotEnvelope.safeParse(parsed);
  return envelope.success ? (envelope.data.error.find(isSpotErrorString) ?? null) : null;
}

function looksLikeHtml(response: RawResponse): boolean {
  return (response.contentType ?? '').toLowerCase().includes('text/html') || response.text.trimStart().startsWith('<');
}

/** The `result` of a successful Spot answer, or the KrakenError that explains the answer. */
function spotResult(response: RawResponse): unknown {
  const code = spotErrorOf(response.text);
  if (code !== null) throw spotError(code, response.status);
  if (response.status < 200 || response.status >= 300) {
    if (looksLikeHtml(response) && response.status >= 500) throw errorFromBody('htmlBody', response.status);
    throw errorFromHttpStatus(response.status, response.retryAfterMs);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch (error) {
    if (looksLikeHtml(response)) throw errorFromBody('htmlBody', response.status);
    throw errorFromBody(/end of JSON input|Unterminated/i.test((error as Error).message) ? 'truncatedJson' : 'notJson', response.status);
  }
  const envelope = spotEnvelope.safeParse(parsed);
  if (!envelope.success) throw new SchemaError('error', 'a list of error texts');
  if (envelope.data.result === undefined) throw new SchemaError('result', 'present');
  return envelope.data.result;
}

const SWITCHED_ON = new Set([true, 'on', 'true', 'enabled', 'yes', 1]);

function permissionsOf(value: unknown): readonly string[] | null {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? value : null;
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, on]) => SWITCHED_ON.has(typeof on === 'string' ? on.toLowerCase() : (on as boolean | number)))
      .map(([name]) => name);
  }
  return null;
}

function keyInfoOf(result: unknown): SpotKeyInfo {
  if (result === null || typeof result !== 'object') throw new SchemaError('result', 'an object');
  const fields = result as Record<string, unknown>;
  const name = [fields['name'], fields['key_name'], fields['description']].find((value) => typeof value === 'string');
  return { name: (name as string | undefined) ?? null, permissions: permissionsOf(fields['permissions'] ?? fields['rights']) };
}

/** `GetApiKeyInfo` is recent: an answer that says the method does not exist means "no information". */
function isUnknownMethod(error: KrakenError): boolean {
  return error.status === 404 || error.code === 'EGeneral:Unknown method';
}

export class SpotClient {
  readonly #baseUrl: string;
  readonly #userAgent: string;
  readonly #getCredentials: () => Promise<KrakenCredentials>;
  readonly #nonces: NonceSequences;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(options: SpotClientOptions) {
    this.#baseUrl = (options.baseUrl ?? DEFAULT_SPOT_BASE_URL).replace(/\/+$/, '');
    this.#userAgent = `MarginDesk/${options.appVersion}`;
    this.#getCredentials = options.getCredentials;
    this.#nonces = options.nonces;
    this.#transport = options.fetch === undefined ? nodeHttpTransport : fetchTransport(options.fetch);
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** A fresh token for one connection; throws a KrakenError (`spot*`, transport or schema kinds). */
  async webSocketToken(signal?: AbortSignal): Promise<WebSocketToken> {
    const parsed = tokenResult.safeParse(spotResult(await this.#post(WEBSOCKET_TOKEN_PATH, signal)));
    if (!parsed.success) throw new SchemaError(`result.${String(parsed.error.issues[0]?.path[0] ?? 'token')}`, 'as documented');
    // the logger masks what it knows: a token that slipped into a line by some other path
    knownSecrets.rememberToken(parsed.data.token);
    return new WebSocketToken(parsed.data.token, parsed.data.expires);
  }

  /** The key's name and permissions; null when Kraken does not offer the method at this address. */
  async apiKeyInfo(signal?: AbortSignal): Promise<SpotKeyInfo | null> {
    let result: unknown;
    try {
      result = spotResult(await this.#post(API_KEY_INFO_PATH, signal));
    } catch (error) {
      if (error instanceof KrakenError && isUnknownMethod(error)) return null;
      throw error;
    }
    return keyInfoOf(result);
  }

  async #post(path: string, signal: AbortSignal | undefined): Promise<RawResponse> {
    if (!isSecureOrLoopback(this.#baseUrl)) throw insecureAddressError();
    const { apiKey, apiSecret } = await this.#getCredentials();
    checkApiKey(apiKey);
    decodeSecret(apiSecret);
    return this.#nonces.withNonce(apiKey, (nonce) => {
      const body = `nonce=${nonce}`;
      const signature = computeApiSign(apiSecret, path, nonce, body);
      knownSecrets.rememberSignature(signature);
      const headers = {
        'User-Agent': this.#userAgent,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'API-Key': apiKey,
        'API-Sign': signature,
      };
      return exchange(this.#transport, this.#clock, { url: this.#baseUrl + path, headers, timeoutMs: this.#timeoutMs, signal, body });
    });
  }
}
