/**
 * News shared by the connections to one exchange: when one of them is back after a drop, the exchange
 * answers again, so the others waiting out their backoff try soon instead of at the end of it.
 *
 * Without this, an outage of a few seconds leaves the slowest of a desk's 200 members waiting for
 * the longest backoff any of them reached meanwhile (jittered and doubling per failure, up to a
 * minute). With it, recovery follows the first member back; the shared limit on attempts
 * (./connection-attempt-limiter.ts) keeps that from turning into a herd. A connection takes one such
 * hint per outage, and never before a server's Retry-After, so an exchange that lets only some
 * connections in still sees each of the others back off as before.
 *
 * The news is kept per exchange (the WebSocket address): one list serves every profile of the app,
 * and the Sample profile's simulated exchange, or a test endpoint, being back says nothing about
 * Kraken.
 */
export class ReconnectPeers {
  /** By exchange address: the connections to it waiting to retry. */
  readonly #waiting = new Map<string, Set<() => void>>();

  /**
   * A connection to `exchange` waits to retry; `retrySoon` is called when another connection to the
   * same exchange comes back. Returns how to leave the list.
   */
  waiting(exchange: string, retrySoon: () => void): () => void {
    let waiting = this.#waiting.get(exchange);
    if (waiting === undefined) this.#waiting.set(exchange, (waiting = new Set()));
    waiting.add(retrySoon);
    const list = waiting;
    return () => {
      list.delete(retrySoon);
      if (list.size === 0 && this.#waiting.get(exchange) === list) this.#waiting.delete(exchange);
    };
  }

  /** A connection to `exchange` is back after a drop: every other one waiting to retry there tries soon. */
  recovered(exchange: string): void {
    const waiting = this.#waiting.get(exchange);
    if (waiting === undefined) return;
    this.#waiting.delete(exchange);
    for (const retrySoon of waiting) retrySoon();
  }
}
