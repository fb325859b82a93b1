/**
 * A clock for the polling monitor that runs in real time but can jump ahead to its next timer:
 * the REST latency benchmark measures, in the app's time, the wait for the next poll (skipped over,
 * not slept through) plus the real time the poll, health, alerts, store and bridge take, so that
 * hundreds of changes at the default 15 s interval fit in seconds of wall time.
 */
import { sleepOn, type Clock } from '../../src-shared/clock.ts';

interface Timer {
  readonly due: number;
  readonly onDue: () => void;
}

export class PollSkipClock implements Clock {
  /** How far the clock has jumped ahead of the system's. */
  #skipped = 0;
  #timers: Timer[] = [];

  now(): number {
    return Date.now() + this.#skipped;
  }

  timer(ms: number, onDue: () => void): () => void {
    const timer: Timer = { due: this.now() + ms, onDue };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn((delay, onDue) => this.timer(delay, onDue), ms, signal);
  }

  /** When the earliest pending timer is due. */
  nextDue(): number {
    const next = Math.min(...this.#timers.map((timer) => timer.due));
    if (!Number.isFinite(next)) throw new Error('no timer pending');
    return next;
  }

  /** Jumps ahead to `at` (never back): what happens in between is not waited for. */
  jumpTo(at: number): void {
    this.#skipped += Math.max(0, at - this.now());
  }

  /** Jumps to the earliest pending timer and fires it. */
  fireNext(): void {
    const due = this.nextDue();
    const timer = this.#timers.find((t) => t.due === due) as Timer;
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.jumpTo(due);
    timer.onDue();
  }
}
