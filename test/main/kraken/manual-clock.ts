/**
 * A Clock tests move by hand: sleeps resolve only when the test advances time, so budget waits,
 * backoffs and timeouts are asserted without waiting and without timing races.
 */
import { sleepOn, type Clock } from '../../../src-shared/clock.ts';

interface Timer {
  readonly due: number;
  readonly resolve: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  /** Every sleep and timer requested, in ms, in order (request timeouts included). */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 6, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn((due, onDue) => this.timer(due, onDue), ms, signal);
  }

  timer(ms: number, onDue: () => void): () => void {
    this.sleeps.push(ms);
    const timer: Timer = { due: this.#now + ms, resolve: onDue };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Moves time on by `ms`, resolving every sleep that falls due, earliest first. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.resolve();
    }
    this.#now = target;
  }

  /** Due times (relative to now) of pending sleeps and timers. */
  pending(): number[] {
    return this.#timers.map((t) => t.due - this.#now).sort((a, b) => a - b);
  }

  /**
   * Lets `promise` run to completion, jumping over every sleep shorter than `maxStepMs` whenever the
   * code is waiting on one (real I/O, like loopback HTTP, is given real time to complete). Longer
   * sleeps (request timeouts) are never jumped over.
   */
  async run<T>(promise: Promise<T>, maxStepMs = 60_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (settled) break;
      const next = this.pending()[0];
      if (next !== undefined && next <= maxStepMs) this.advance(next);
    }
    return promise;
  }
}
