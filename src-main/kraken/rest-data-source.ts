/**
 * An AccountDataSource over the REST client: /accounts, /subaccounts, /openpositions and /tickers
 * in parallel, assembled into one AccountSnapshot.
 *
 * Failure rules, chosen so a snapshot never shows a wrong figure:
 * - accounts or open positions fail → the refresh fails (no balances, or positions silently
 *   missing, would be wrong).
 * - subaccounts refused as not permitted for this key (authenticationError, 401, 403, notFound,
 *   invalidAccount) while /accounts with the same key and signing succeeded → the key is not a
 *   master account's: `subaccounts: null`, which the views show as "no subaccount access". Any
 *   other subaccounts failure (network, rate limit, schema) fails the refresh.
 * - tickers fail → `markPrices` is empty: a missing mark price is shown as unknown, never as a
 *   wrong one, and a public-endpoint hiccup does not hide the account figures.
 * - instruments (public, cached an hour, see ./instrument-cache.ts) fail → the last list, or no
 *   `instruments`: liquidation estimates then say they lack margin levels.
 * The first failure cancels the sibling requests and is the one reported.
 */
import type { Clock } from '../../src-shared/clock.ts';
import { systemClock } from '../../src-shared/clock.ts';
import type { KrakenClient } from './client.ts';
import type { AccountDataSource } from './data-source.ts';
import { abortedError, KrakenError, type KrakenErrorKind } from './errors.ts';
import { InstrumentCache } from './instrument-cache.ts';
import type { AccountSnapshot, Decimal, Subaccounts } from '../../src-shared/account-model.ts';
import { markPricesOf } from './parse-tickers.ts';

export type SnapshotApi = Pick<KrakenClient, 'accounts' | 'subaccounts' | 'openPositions' | 'tickers'> & Partial<Pick<KrakenClient, 'instruments'>>;

const NOT_A_MASTER_KEY: ReadonlySet<KrakenErrorKind> = new Set<KrakenErrorKind>([
  'authenticationError',
  'httpUnauthorized',
  'httpForbidden',
  'notFound',
  'invalidAccount',
]);

export interface RestDataSourceOptions {
  /** The client of a profile (its base URL and credentials). */
  readonly clientFor: (profileId: string) => SnapshotApi | Promise<SnapshotApi>;
  readonly clock?: Clock;
}

export class RestDataSource implements AccountDataSource {
  readonly #clientFor: RestDataSourceOptions['clientFor'];
  readonly #clock: Clock;
  readonly #instruments: InstrumentCache;

  constructor(options: RestDataSourceOptions) {
    this.#clientFor = options.clientFor;
    this.#clock = options.clock ?? systemClock;
    this.#instruments = new InstrumentCache(this.#clock);
  }

  async fetchSnapshot(profileId: string, signal?: AbortSignal): Promise<AccountSnapshot> {
    const api = await this.#clientFor(profileId);
    const siblings = new AbortController();
    const combined = signal === undefined ? siblings.signal : AbortSignal.any([signal, siblings.signal]);
    // Promise.all rejects with the first failure; cancelling the siblings then cannot mask it.
    const cancelSiblingsOnFailure = <T>(pending: Promise<T>): Promise<T> =>
      pending.catch((error: unknown) => {
        siblings.abort();
        throw error;
      });

    let fetched;
    try {
      fetched = await Promise.all([
        cancelSiblingsOnFailure(api.accounts(combined)),
        cancelSiblingsOnFailure(
          api.subaccounts(combined).catch((error: unknown): Subaccounts | null => {
            if (error instanceof KrakenError && NOT_A_MASTER_KEY.has(error.kind)) return null;
            throw error;
          }),
        ),
        cancelSiblingsOnFailure(api.openPositions(combined)),
        api.tickers(combined).then(markPricesOf, (): Record<string, Decimal> => ({})),
      ]);
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw error;
    }
    const [accounts, subaccounts, positions, markPrices] = fetched;
    const listInstruments = api.instruments?.bind(api);
    const instruments =
      listInstruments === undefined || positions.length === 0
        ? undefined
        : await this.#instruments.instrumentsOf(
            profileId,
            positions.map((position) => position.symbol),
            () => listInstruments(signal),
          );
    // Decoding the last body and accepting the snapshot (health, alerts, storage, the window's
    // update) are each long with a thousand subaccounts: a task apiece, so that the window, IPC and
    // the tray get their turn between them.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw abortedError();
    return {
      profileId,
      fetchedAt: this.#clock.now(),
      serverTime: accounts.serverTime,
      accounts,
      subaccounts,
      positions,
      markPrices,
      ...(instruments === undefined ? {} : { instruments }),
    };
  }
}
