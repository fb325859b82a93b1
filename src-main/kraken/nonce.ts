/**
 * Request nonces. Kraken Futures accepts requests without one (the default there, as in ccxt and
 * Kraken's own Python sample); Spot REST (the Unified WebSocket's token) requires one. Either way
 * every nonce of a key must be larger than the last it saw, or Kraken refuses the request
 * (nonceBelowThreshold / nonceDuplicate, `EAPI:Invalid nonce`).
 *
 * So nonces are strictly increasing per key, and the requests of a key that carry one are sent one
 * at a time: two in flight could arrive in the opposite order and the later one be refused. With a
 * `NonceStore` the last nonce of each key survives a restart, so a clock set back (by the user, by a
 * dead RTC battery, by NTP after a drift) never produces a nonce Kraken has already seen.
 */
import type { Clock } from '../../src-shared/clock.ts';

/** Where the last nonce of each key is kept between runs (../store/nonce-repository.ts). */
export interface NonceStore {
  /** The last nonce handed out for `apiKey`, or null when none was. */
  lastNonce(apiKey: string): number | null;
  /** Called with each nonce before the request carrying it is sent. */
  saveNonce(apiKey: string, nonce: number): void;
}

export class NonceSequences {
  readonly #clock: Clock;
  readonly #store: NonceStore | undefined;
  readonly #last = new Map<string, number>();
  /** Per key, a promise that settles (never rejects) when the key's last queued request has finished. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(clock: Clock, store?: NonceStore) {
    this.#clock = clock;
    this.#store = store;
  }

  /**
   * The next nonce of `apiKey`: the time in ms, or one more than the previous (this run's, or the
   * stored one) when the clock has not moved past it. Saved before it is returned: a request that
   * was sent and then the process died still counts as used.
   */
  next(apiKey: string): string {
    const last = this.#last.get(apiKey) ?? this.#store?.lastNonce(apiKey) ?? 0;
    const nonce = Math.max(this.#clock.now(), last + 1);
    this.#store?.saveNonce(apiKey, nonce);
    this.#last.set(apiKey, nonce);
    return String(nonce);
  }

  /** Runs `send` with a fresh nonce once every earlier request of the key has finished. */
  async withNonce<T>(apiKey: string, send: (nonce: string) => Promise<T>): Promise<T> {
    const previous = this.#queues.get(apiKey) ?? Promise.resolve();
    const run = previous.then(() => send(this.next(apiKey)));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(apiKey, settled);
    try {
      return await run;
    } finally {
      if (this.#queues.get(apiKey) === settled) this.#queues.delete(apiKey);
    }
  }
}
