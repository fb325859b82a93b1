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
 */
export class ReconnectPeers {
  readonly #waiting = new Set<() => void>();

  /** A connection waits to retry; `retrySoon` is called when another comes back. Returns how to leave the list. */
  waiting(retrySoon: () => void): () => void {
    this.#waiting.add(retrySoon);
    return () => this.#waiting.delete(retrySoon);
  }

  /** A connection is back after a drop: every other one waiting to retry tries soon. */
  recovered(): void {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const retrySoon of waiting) retrySoon();
  }
}
