/**
 * History thinning as the running app does it: one series per transaction, handing the event loop
 * back whenever a slice has run for SLICE_MS, so that a master with a thousand subaccounts never
 * freezes the window, IPC or the tray for the whole pass.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { HistoryRepository } from './history-repository.ts';

export interface ThinningOptions {
  /** Checked between series: true stops the pass (the store is closing). */
  readonly stopped?: () => boolean;
}

/** Longest stretch of work before the event loop gets a turn: well inside one frame of the window. */
const SLICE_MS = 10;

/**
 * Thins every series as of `now`. Rejects with the store's error (SQLITE_BUSY when another program
 * holds a write lock); what was thinned stays thinned and the next pass does the rest.
 */
export async function thinHistoryInSlices(history: Pick<HistoryRepository, 'seriesIds' | 'thinSeries'>, now: number, options: ThinningOptions = {}): Promise<number> {
  let folded = 0;
  let sliceStart = performance.now();
  for (const seriesId of history.seriesIds()) {
    if (options.stopped?.()) break;
    folded += history.thinSeries(seriesId, now);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return folded;
}
