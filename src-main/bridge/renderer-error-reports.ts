/**
 * The renderer's error reports, written to the log within bounds. The renderer is not trusted and a
 * broken one can report in a loop: without a bound, a few hundred reports rotate every earlier line
 * (main's own errors included) out of the size-capped log. Reports beyond the bounds are counted,
 * and the count goes with the next report that is written.
 */
import type { RendererErrorReport } from '../../src-preload/contract.ts';
import type { Logger } from '../log/logger.ts';

export interface RendererErrorLimits {
  /** Reports written per minute; a burst beyond it is counted only. */
  readonly perMinute: number;
  /** Reports written per session: together they stay well inside one log file. */
  readonly perSession: number;
}

/** With the bridge's bounds on a report (about 10 KB at most), 100 reports stay inside one 1 MiB log file. */
export const RENDERER_ERROR_LIMITS: RendererErrorLimits = { perMinute: 10, perSession: 100 };

const MINUTE_MS = 60_000;

export class RendererErrorReports {
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #limits: RendererErrorLimits;
  #minuteStart = Number.NEGATIVE_INFINITY;
  #inMinute = 0;
  #written = 0;
  /** Reports not written since the last one that was. */
  #notWritten = 0;

  constructor(log: Logger, now: () => number, limits: RendererErrorLimits = RENDERER_ERROR_LIMITS) {
    this.#log = log;
    this.#now = now;
    this.#limits = limits;
  }

  report(report: RendererErrorReport): void {
    const now = this.#now();
    if (now - this.#minuteStart >= MINUTE_MS) {
      this.#minuteStart = now;
      this.#inMinute = 0;
    }
    if (this.#written >= this.#limits.perSession || this.#inMinute >= this.#limits.perMinute) {
      this.#notWritten++;
      return;
    }
    this.#inMinute++;
    this.#written++;
    const notWritten = this.#notWritten;
    this.#notWritten = 0;
    this.#log.error(report.message, { stack: report.stack, source: report.source, ...(notWritten > 0 ? { reportsNotWrittenBefore: notWritten } : {}) });
    if (this.#written === this.#limits.perSession) {
      this.#log.warn(`The window reported ${this.#written} errors this session; further reports are not written until Margin Desk restarts.`);
    }
  }
}
