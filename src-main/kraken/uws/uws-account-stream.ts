/**
 * The Unified WebSocket as an AccountStream (../account-stream.ts): per profile one UwsConnection
 * (./uws-connection.ts: a fresh token for every connection, subscriptions, watchdog, reconnects)
 * whose data frames update the profile's UwsAccountState (./uws-account-state.ts). The figures count
 * once every channel has delivered its current state on the connection. All its connections share
 * a bound on connection attempts in flight and the news that the exchange is back after an outage,
 * so a desk of hundreds of keys opens and recovers without a herd and without its slowest member
 * waiting out a long backoff.
 */
import { systemClock, type Clock } from '../../../src-shared/clock.ts';
import type { KrakenCredentials } from '../client.ts';
import type { AccountStream, AccountStreamHandle, AccountStreamListener } from '../account-stream.ts';
import type { FetchFunction } from '../transport.ts';
import type { NonceSequences } from '../nonce.ts';
import { ConnectionAttemptLimiter } from './connection-attempt-limiter.ts';
import { ReconnectPeers } from './reconnect-peers.ts';
import { SpotClient } from './spot-client.ts';
import { UwsAccountState } from './uws-account-state.ts';
import { UwsConnection, type UwsTimings } from './uws-connection.ts';

/** Where and as whom a profile streams. */
export interface UwsTarget {
  /** Spot REST host that issues tokens. */
  readonly baseUrl: string;
  /** The private WebSocket endpoint. */
  readonly streamUrl: string;
  /** Asked for each token request (the keychain); the secret only signs that request. */
  readonly getCredentials: () => Promise<KrakenCredentials>;
}

/** A data frame as received, for the diagnostics capture (./stream-diagnostics.ts). */
export type FrameObserver = (profileId: string, channel: string, type: string | undefined, frame: string) => void;

export interface UwsAccountStreamOptions {
  readonly appVersion: string;
  /** Resolved when the stream opens (the Sample profile's simulated exchange may still be starting). */
  readonly targetOf: (profileId: string) => Promise<UwsTarget>;
  /** Kraken API keys' nonces, shared by every Spot request of the app and persisted. */
  readonly nonces: NonceSequences;
  readonly fetch?: FetchFunction;
  /** Time of the snapshots and of every connection's timers (default: the system's). */
  readonly clock?: Clock;
  readonly timings?: Partial<UwsTimings>;
  readonly onFrame?: FrameObserver;
  /** A frame that could not be handled (malformed, refused by a decoder, a listener failing): logged, never a crash. */
  readonly onError: (error: unknown) => void;
  /** Bounds the connection attempts in flight at once across every profile of this stream (a desk of many keys opens them together). */
  readonly attempts?: ConnectionAttemptLimiter;
}

export class UwsAccountStream implements AccountStream {
  readonly #options: UwsAccountStreamOptions;
  /** One limiter for every profile's connection: a desk's streams open and reopen without a herd. */
  readonly #attempts: ConnectionAttemptLimiter;
  /** One member back after an outage makes the others waiting to retry at the same exchange try soon. */
  readonly #peers = new ReconnectPeers();

  constructor(options: UwsAccountStreamOptions) {
    this.#options = options;
    this.#attempts = options.attempts ?? new ConnectionAttemptLimiter();
  }

  open(profileId: string, listener: AccountStreamListener): AccountStreamHandle {
    const options = this.#options;
    const clock = options.clock ?? systemClock;
    const state = new UwsAccountState();
    let complete = false;
    let connection: UwsConnection | null = null;
    let closed = false;
    let suspended = false;
    const connect = (target: UwsTarget): void => {
      if (closed) return;
      const spot = new SpotClient({ baseUrl: target.baseUrl, appVersion: options.appVersion, getCredentials: target.getCredentials, nonces: options.nonces, fetch: options.fetch });
      connection = new UwsConnection({
        url: target.streamUrl,
        appVersion: options.appVersion,
        getToken: (signal) => spot.webSocketToken(signal),
        clock,
        timings: options.timings,
        onListenerError: options.onError,
        attempts: this.#attempts,
        peers: this.#peers,
      });
      connection.on('data', ({ channel, type, frame }) => {
        options.onFrame?.(profileId, channel, type, frame);
        if (state.apply(frame) && complete) listener.changed();
      });
      connection.on('currentState', ({ allDelivered }) => {
        complete = allDelivered;
        if (complete) listener.changed();
      });
      connection.on('heartbeat', (at) => listener.alive(at));
      // A frame the connection skipped (not JSON, binary) is a frame not handled: logged like one the
      // decoders refused. Why a connection dropped reaches the monitor with its state instead.
      connection.on('problem', (problem) => {
        if (problem.kind === 'uwsMalformedFrame') options.onError(problem);
      });
      connection.on('state', (change) => {
        if (change.kind === 'live') {
          listener.connection({ kind: 'up' });
          return;
        }
        // Whatever else happened, this connection's figures no longer all stand: a new one must deliver them again.
        complete = false;
        if (change.kind === 'reconnecting') listener.connection({ kind: 'down', error: change.lastError });
        else if (change.kind === 'failed') listener.connection({ kind: 'failed', error: change.error });
      });
      connection.start();
      if (suspended) connection.suspend();
    };
    options.targetOf(profileId).then(connect, (error: unknown) => {
      if (!closed) listener.connection({ kind: 'failed', error });
    });
    return {
      current: () => (complete ? state.snapshot(profileId, clock.now()) : null),
      suspend: () => {
        suspended = true;
        connection?.suspend();
      },
      resume: () => {
        suspended = false;
        connection?.resume();
      },
      networkChanged: () => connection?.networkChanged(),
      close: () => {
        closed = true;
        connection?.stop();
      },
    };
  }
}
