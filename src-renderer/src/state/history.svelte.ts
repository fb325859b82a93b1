/** The History view's query (profile, account, range) and its answer. */
import type { Bridge, HistoryPoint, HistoryRange, UserFacingError } from '../../../src-preload/contract.ts';
import { settle } from '../lib/settle.ts';

export const HISTORY_RANGES: readonly HistoryRange[] = ['24h', '7d', '30d', '90d', '1y'];

export class HistoryState {
  readonly #bridge: Bridge;
  accountKey = $state('flex');
  range = $state<HistoryRange>('24h');
  /** The query the points answer, so a late answer to an older query is never shown for a newer one. */
  loadedFor = $state<string | null>(null);
  points = $state.raw<readonly HistoryPoint[]>([]);
  loading = $state(false);
  error = $state.raw<UserFacingError | null>(null);
  #latest = '';

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async load(profileId: string): Promise<void> {
    const accountKey = this.accountKey;
    const range = this.range;
    const query = `${profileId}\n${accountKey}\n${range}`;
    this.#latest = query;
    this.loading = true;
    const result = await settle(() => this.#bridge.getHistory({ profileId, accountKey, range }));
    if (this.#latest !== query) return;
    this.loading = false;
    if (result.ok) {
      this.points = result.value;
      this.loadedFor = query;
      this.error = null;
    } else {
      // The previous chart stays on screen under the error.
      this.error = result.error;
    }
  }
}
