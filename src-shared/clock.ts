/**
 * Time as main's services see it (the client and its budget, the scheduler, the alerts, the logger,
 * the simulator): injectable so tests drive it with fake timers or a hand-moved clock instead of
 * waiting. Here rather than beside the client because the logger, which the client uses, needs it too.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `onDue` after `ms` unless the returned function is called first. For a request's
   * timeout: no promise and no AbortSignal per request, as `sleep` would need.
   */
  timer(ms: number, onDue: () => void): () => void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** `Clock.sleep` on top of a clock's `timer`, so that a clock implements the timing once. */
export function sleepOn(timer: Clock['timer'], ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      stop();
      reject(abortReason(signal as AbortSignal));
    };
    const stop = timer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  timer(ms, onDue) {
    const timer = setTimeout(onDue, ms);
    return () => clearTimeout(timer);
  },
  sleep: (ms, signal) => sleepOn(systemClock.timer, ms, signal),
};
