/**
 * A source that pushes a profile's figures instead of being asked for them: the Unified WebSocket
 * (./uws/uws-account-stream.ts). The monitor (src-main/monitor/stream-monitor.ts) depends on this
 * interface only, as the polling monitor depends on ./data-source.ts.
 */
import type { AccountSnapshot } from '../../src-shared/account-model.ts';

/** What a stream tells the monitor; called synchronously as frames arrive, so each call must be cheap. */
export interface AccountStreamListener {
  /** A data message changed the figures; `current()` has them. */
  changed(): void;
  /** The stream is current at `at` though no figure changed (Kraken's heartbeat). */
  alive(at: number): void;
  /**
   * The connection came up (every channel subscribed), went down (it reconnects by itself; `error`
   * says why, when known), or failed in a way only the user can fix (a refused key).
   */
  connection(event: StreamConnectionEvent): void;
}

export type StreamConnectionEvent =
  | { readonly kind: 'up' }
  | { readonly kind: 'down'; readonly error: unknown }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface AccountStreamHandle {
  /**
   * The profile's figures as they stand, stamped now; null until every channel has delivered its
   * current state on this connection (a partial snapshot would show an account without its positions).
   */
  current(): AccountSnapshot | null;
  /** The machine goes to sleep: close the connection without counting it as a failure. */
  suspend(): void;
  /** Back from sleep: connect again with a fresh token. */
  resume(): void;
  /** The network changed: check the connection at once instead of waiting for the watchdog. */
  networkChanged(): void;
  close(): void;
}

export interface AccountStream {
  open(profileId: string, listener: AccountStreamListener): AccountStreamHandle;
}
