/**
 * The "now" that data ages are measured against, ticking once a second. One clock for the whole
 * window so every age on screen moves together.
 */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.#timer !== null) return;
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, 1000);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
