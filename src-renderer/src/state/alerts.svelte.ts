/**
 * The alert log as the window knows it: loaded once, then kept current by `onAlert` events, so the
 * navigation badge counts unacknowledged alerts even while another view is open.
 */
import type { AlertRecord, Bridge, UserFacingError } from '../../../src-preload/contract.ts';
import { settle } from '../lib/settle.ts';

/** How many alerts the log view holds; older ones stay in main's store. */
export const ALERT_LIST_LIMIT = 500;

export class AlertsState {
  readonly #bridge: Bridge;
  items = $state.raw<readonly AlertRecord[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state.raw<UserFacingError | null>(null);
  /**
   * Ids being acknowledged, so their buttons show progress and cannot be pressed twice. A list
   * replaced on change rather than a SvelteSet: this state is built at start-up, and a SvelteSet
   * would bring svelte/reactivity into the start-up chunk for what only the alert log reads.
   */
  pending = $state.raw<readonly number[]>([]);

  readonly unacknowledged = $derived(this.items.filter((alert) => alert.acknowledgedAt === null).length);

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async load(): Promise<void> {
    this.loading = true;
    const result = await settle(() => this.#bridge.listAlerts({ limit: ALERT_LIST_LIMIT }));
    this.loading = false;
    if (result.ok) {
      // Alerts that arrived by event while the list was loading are kept.
      const known = result.value.map((alert) => alert.id);
      const early = this.items.filter((alert) => !known.includes(alert.id));
      this.items = [...early, ...result.value].sort((a, b) => b.raisedAt - a.raisedAt);
      this.loaded = true;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  receive(alert: AlertRecord): void {
    const others = this.items.filter((existing) => existing.id !== alert.id);
    this.items = [alert, ...others].slice(0, ALERT_LIST_LIMIT);
  }

  async acknowledge(id: number): Promise<void> {
    this.pending = [...this.pending, id];
    const result = await settle(() => this.#bridge.acknowledgeAlert({ id }));
    this.pending = this.pending.filter((pendingId) => pendingId !== id);
    if (result.ok) {
      const acknowledged = result.value;
      this.items = this.items.map((alert) => (alert.id === id ? acknowledged : alert));
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /** Acknowledges every open alert, or those of the given profiles (the shown profile, a desk's members). */
  async acknowledgeAll(profileIds: ReadonlySet<string> | null): Promise<void> {
    const open = this.items.filter((alert) => alert.acknowledgedAt === null && (profileIds === null || profileIds.has(alert.profileId)));
    for (const alert of open) await this.acknowledge(alert.id);
  }
}
