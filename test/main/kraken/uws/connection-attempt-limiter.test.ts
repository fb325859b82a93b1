import { describe, expect, it } from 'vitest';
import { ConnectionAttemptLimiter } from '../../../../src-main/kraken/uws/connection-attempt-limiter.ts';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('connection attempt limiter', () => {
  it('runs at most its limit at once, and every attempt runs in the end', async () => {
    const limiter = new ConnectionAttemptLimiter(3);
    let running = 0;
    let maxRunning = 0;
    const finished: number[] = [];
    const gates: Array<() => void> = [];
    const attempt = async (n: number) => {
      const release = await limiter.acquire();
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      finished.push(n);
      release();
    };
    const all = Promise.all(Array.from({ length: 20 }, (_, n) => attempt(n)));
    await settle();
    expect(limiter.inFlight).toBe(3);
    expect(limiter.waiting).toBe(17);
    // finish the attempts one by one, in an order unrelated to their start
    while (finished.length < 20) {
      gates.splice(gates.length > 1 ? 1 : 0, 1)[0]?.();
      await settle();
    }
    await all;
    expect(maxRunning).toBe(3);
    expect(finished.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(limiter.inFlight).toBe(0);
  });

  it('grants waiting attempts in the order they asked', async () => {
    const limiter = new ConnectionAttemptLimiter(1);
    const first = await limiter.acquire();
    const order: string[] = [];
    void limiter.acquire().then((release) => {
      order.push('second');
      release();
    });
    void limiter.acquire().then((release) => {
      order.push('third');
      release();
    });
    first();
    await settle();
    expect(order).toEqual(['second', 'third']);
  });

  it('forgets an attempt given up while it waits, and gives its turn to the next', async () => {
    const limiter = new ConnectionAttemptLimiter(1);
    const first = await limiter.acquire();
    const abandoned = new AbortController();
    let abandonedGranted = false;
    void limiter.acquire(abandoned.signal).then(() => {
      abandonedGranted = true;
    });
    let nextGranted = false;
    void limiter.acquire().then(() => {
      nextGranted = true;
    });
    abandoned.abort();
    expect(limiter.waiting).toBe(1);
    first();
    await settle();
    expect(abandonedGranted).toBe(false);
    expect(nextGranted).toBe(true);
    expect(limiter.inFlight).toBe(1);
  });

  it('does not count a slot given back twice', async () => {
    const limiter = new ConnectionAttemptLimiter(2);
    const release = await limiter.acquire();
    await limiter.acquire();
    release();
    release();
    expect(limiter.inFlight).toBe(1);
  });

  it('never grants an attempt already given up', async () => {
    const limiter = new ConnectionAttemptLimiter(1);
    const aborted = new AbortController();
    aborted.abort();
    let granted = false;
    void limiter.acquire(aborted.signal).then(() => {
      granted = true;
    });
    await settle();
    expect(granted).toBe(false);
    expect(limiter.inFlight).toBe(0);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new ConnectionAttemptLimiter(0)).toThrow(RangeError);
    expect(() => new ConnectionAttemptLimiter(1.5)).toThrow(RangeError);
  });
});
