/**
 * How many Unified WebSocket connection attempts (a token request plus the WebSocket handshake) may
 * be in flight at once, across every profile. A desk of a few hundred keys opens that many streams at
 * start, and they all drop together when the network or the exchange goes away; without a bound they
 * would all ask for a token and open a socket in the same instant (a thundering herd that a server
 * shedding load answers with 429s, which makes every member back off further). With it, attempts
 * queue in arrival order and each starts as soon as an earlier one has finished, succeeded or not.
 *
 * A slot is held from the token request until the socket is open (or the attempt failed): once
 * open, a connection costs the exchange little, and subscribing does not need a slot.
 */

/** Gives the slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

/** Enough to keep a loopback or a fast network busy, few enough not to look like a flood. */
const DEFAULT_MAX_CONNECTION_ATTEMPTS = 8;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly abandon: () => void;
}

export class ConnectionAttemptLimiter {
  readonly #max: number;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;

  constructor(maxInFlight: number = DEFAULT_MAX_CONNECTION_ATTEMPTS) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
    this.#max = maxInFlight;
  }

  /** Attempts holding a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Attempts waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Resolves with the function that gives the slot back, once a slot is free. An attempt given up
   * while it waits (the profile closed, the machine went to sleep) aborts `signal`: it leaves the
   * queue and the promise never resolves, so nothing holds a slot for it.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return new Promise(() => undefined);
    if (this.#inFlight < this.#max) return Promise.resolve(this.#take());
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', waiter.abandon);
          resolve(release);
        },
        abandon: () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
        },
      };
      signal?.addEventListener('abort', waiter.abandon, { once: true });
      this.#queue.push(waiter);
    });
  }

  #take(): ReleaseSlot {
    this.#inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      const next = this.#queue.shift();
      if (next !== undefined) next.grant(this.#take());
    };
  }
}
