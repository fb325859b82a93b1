/**
 * Optional request nonces. Kraken accepts requests without one (the default here, as in ccxt and
 * Kraken's own Python sample); with one, every nonce of a key must be larger than the last it saw,
 * or it answers nonceBelowThreshold / nonceDuplicate.
 *
 * So nonces are strictly increasing per key, and the requests of a key that carry one are sent one
 * at a time: two in flight could arrive in the opposite order and the later one be refused.
 */
import type { Clock } from './clock.ts';

export class NonceSequences {
  readonly #clock: Clock;
  readonly #last = new Map<string, number>();
  /** Per key, a promise that settles (never rejects) when the key's last queued request has finished. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The next nonce of `apiKey`: the time in ms, or one more than the previous if the clock has not moved on. */
  next(apiKey: string): string {
    const nonce = Math.max(this.#clock.now(), (this.#last.get(apiKey) ?? 0) + 1);
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
