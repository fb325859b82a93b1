/**
 * The Kraken Futures REST client: the six calls the app makes, signed, budgeted, timed out,
 * cancellable and retried when (and only when) a failure is transient.
 *
 * It never keeps the API secret: `getCredentials` is asked on every attempt (the keychain provides
 * it), the secret is used to sign that one request and dropped with the attempt's scope.
 */
import { CostBudgets, ENDPOINT_COST } from './budget.ts';
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import { abortedError, KrakenError } from './errors.ts';
import { exchange } from './http-exchange.ts';
import type { z } from 'zod';
import { interpretResponse, type Envelope, type RawResponse } from './interpret-response.ts';
import type { Accounts, Instrument, KeyPermissions, OpenPosition, Subaccounts, Ticker } from '../../src-shared/account-model.ts';
import { knownSecrets } from '../log/known-secrets.ts';
import { NonceSequences } from './nonce.ts';
import { accountsBody } from './parse-accounts.ts';
import { instrumentsBody } from './parse-instruments.ts';
import { keyCheckBody } from './parse-key-check.ts';
import { openPositionsBody } from './parse-positions.ts';
import { subaccountsBody } from './parse-subaccounts.ts';
import { tickersBody } from './parse-tickers.ts';
import { backoffDelay, DEFAULT_RETRY, isRateLimit, isTransient, type RetryOptions } from './retry-policy.ts';
import { checkApiKey, checkCredentialPair, computeAuthent, decodeSecret } from './sign.ts';
import { fetchTransport, nodeHttpTransport, type FetchFunction, type Transport } from './transport.ts';

export const DEFAULT_BASE_URL = 'https://futures.kraken.com';
export const REST_PREFIX = '/derivatives/api/v3';
export const KEY_CHECK_PATH = '/api/auth/v1/api-keys/v3/check';
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface KrakenCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface KrakenClientOptions {
  /** Profile's base URL (no trailing path): REST calls go to baseUrl + /derivatives/api/v3. */
  readonly baseUrl?: string;
  /** Sent as `User-Agent: MarginDesk/<appVersion>` (Kraken has answered 403 to requests without one). */
  readonly appVersion: string;
  /** Asked on every signed attempt; not needed for `tickers()`. */
  readonly getCredentials?: () => Promise<KrakenCredentials>;
  /** Send through this fetch-compatible function instead of node:http (the in-process simulator, tests). */
  readonly fetch?: FetchFunction;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Source of backoff jitter in [0, 1). */
  readonly random?: () => number;
  /** Cost budgets per key; pass one instance to every client so clients sharing a key share its budget. */
  readonly budgets?: CostBudgets;
  /**
   * Nonce sequences per key; shared like `budgets`, persisted by the app. Every signed request
   * carries one: without it a request's `Authent` never changes for a key, so captured headers would
   * be a credential anyone could replay; with it Kraken refuses any nonce it has already seen.
   */
  readonly nonces?: NonceSequences;
}

interface Endpoint<T> {
  readonly path: string;
  readonly cost: number;
  readonly signed: boolean;
  /**
   * Whether a signed request carries a Nonce. Kraken documents it for /derivatives; for the key
   * check it documents none, and a server that signs without it would refuse every key.
   */
  readonly nonce: boolean;
  readonly envelope: Envelope;
  /** The body's schema, into the model. */
  readonly body: z.ZodType<T>;
}

const ENDPOINTS = {
  accounts: { path: `${REST_PREFIX}/accounts`, cost: ENDPOINT_COST.accounts, signed: true, nonce: true, envelope: 'futures', body: accountsBody },
  subaccounts: { path: `${REST_PREFIX}/subaccounts`, cost: ENDPOINT_COST.subaccounts, signed: true, nonce: true, envelope: 'futures', body: subaccountsBody },
  openPositions: {
    path: `${REST_PREFIX}/openpositions`,
    cost: ENDPOINT_COST.openpositions,
    signed: true,
    nonce: true,
    envelope: 'futures',
    body: openPositionsBody,
  },
  tickers: { path: `${REST_PREFIX}/tickers`, cost: ENDPOINT_COST.tickers, signed: false, nonce: false, envelope: 'futures', body: tickersBody },
  instruments: { path: `${REST_PREFIX}/instruments`, cost: ENDPOINT_COST.instruments, signed: false, nonce: false, envelope: 'futures', body: instrumentsBody },
  keyCheck: { path: KEY_CHECK_PATH, cost: ENDPOINT_COST.keyCheck, signed: true, nonce: false, envelope: 'auth', body: keyCheckBody },
} satisfies Record<string, Endpoint<unknown>>;

export class KrakenClient {
  readonly #baseUrl: string;
  readonly #userAgent: string;
  readonly #getCredentials: (() => Promise<KrakenCredentials>) | undefined;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #retry: RetryOptions;
  readonly #random: () => number;
  readonly #budgets: CostBudgets;
  readonly #nonces: NonceSequences;

  constructor(options: KrakenClientOptions) {
    this.#baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.#userAgent = `MarginDesk/${options.appVersion}`;
    this.#getCredentials = options.getCredentials;
    this.#transport = options.fetch === undefined ? nodeHttpTransport : fetchTransport(options.fetch);
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#random = options.random ?? Math.random;
    this.#budgets = options.budgets ?? new CostBudgets(this.#clock);
    this.#nonces = options.nonces ?? new NonceSequences(this.#clock);
  }

  /** `GET /accounts`: cash, single-collateral wallets, flex. */
  accounts(signal?: AbortSignal): Promise<Accounts> {
    return this.#call(ENDPOINTS.accounts, signal);
  }

  /** `GET /subaccounts`: only a master account's key may list them. */
  subaccounts(signal?: AbortSignal): Promise<Subaccounts> {
    return this.#call(ENDPOINTS.subaccounts, signal);
  }

  openPositions(signal?: AbortSignal): Promise<OpenPosition[]> {
    return this.#call(ENDPOINTS.openPositions, signal);
  }

  /** Public: no key needed, no budget spent. */
  tickers(signal?: AbortSignal): Promise<Ticker[]> {
    return this.#call(ENDPOINTS.tickers, signal);
  }

  /** Public: every listed contract with its margin levels. */
  instruments(signal?: AbortSignal): Promise<Instrument[]> {
    return this.#call(ENDPOINTS.instruments, signal);
  }

  /** The key's permissions (`general`, `transfer`); a 401 means the key is unknown or the signature wrong. */
  checkKey(signal?: AbortSignal): Promise<KeyPermissions> {
    return this.#call(ENDPOINTS.keyCheck, signal);
  }

  async #call<T>(endpoint: Endpoint<T>, signal: AbortSignal | undefined): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const used: { apiKey: string | null } = { apiKey: null };
      try {
        return interpretResponse(await this.#attempt(endpoint, signal, used), endpoint.envelope, endpoint.body);
      } catch (error) {
        if (!(error instanceof KrakenError) || !isTransient(error) || attempt >= this.#retry.attempts) throw error;
        // Kraken counts differently than we do (another tool on the key?): wait for a full refill.
        if (isRateLimit(error) && used.apiKey !== null && endpoint.cost > 0) this.#budgets.for(used.apiKey).exhaust();
        const delay = backoffDelay(this.#retry, attempt - 1, this.#random, error.retryAfterMs);
        await this.#abortable(this.#clock.sleep(delay, signal), signal);
      }
    }
  }

  async #attempt(endpoint: Endpoint<unknown>, signal: AbortSignal | undefined, used: { apiKey: string | null }): Promise<RawResponse> {
    const url = this.#baseUrl + endpoint.path;
    const headers: Record<string, string> = { 'User-Agent': this.#userAgent, Accept: 'application/json' };
    if (!endpoint.signed) return this.#send(url, headers, signal);

    if (this.#getCredentials === undefined) throw new TypeError('KrakenClient needs getCredentials for signed endpoints');
    const { apiKey, apiSecret } = await this.#getCredentials();
    // Refuse unusable credentials before spending budget or sending anything.
    checkApiKey(apiKey);
    decodeSecret(apiSecret);
    checkCredentialPair(apiKey, apiSecret);
    used.apiKey = apiKey;
    if (endpoint.cost > 0) await this.#abortable(this.#budgets.for(apiKey).acquire(endpoint.cost, signal), signal);
    const sign = (nonce: string): Promise<RawResponse> => {
      const authent = computeAuthent(apiSecret, endpoint.path, '', nonce);
      // masked in any log line: over a nonce it is spent once used; without one it never changes, a lasting credential
      if (nonce === '') knownSecrets.remember(authent);
      else knownSecrets.rememberSignature(authent);
      const signed: Record<string, string> = { ...headers, APIKey: apiKey, Authent: authent };
      if (nonce !== '') signed['Nonce'] = nonce;
      return this.#send(url, signed, signal);
    };
    return endpoint.nonce ? this.#nonces.withNonce(apiKey, sign) : sign('');
  }

  #send(url: string, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<RawResponse> {
    return exchange(this.#transport, this.#clock, { url, headers, timeoutMs: this.#timeoutMs, signal });
  }

  /** Awaits a wait (backoff, budget) and turns the caller's abort into an `aborted` KrakenError. */
  async #abortable(pending: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
    try {
      await pending;
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw error;
    }
  }
}
