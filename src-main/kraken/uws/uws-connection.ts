/**
 * One Unified WebSocket connection per profile: it opens `wss://uws.kraken.com/v2/private` with a
 * fresh token for every connection, subscribes `margin`, `positions` (with margin figures) and
 * `balances` as Kraken documents them, and hands every data frame on as raw text (the decoders in
 * this folder read it exactly). It keeps itself alive: a watchdog on heartbeats and messages with an
 * application ping, reconnection with jittered exponential backoff and resubscription, and it
 * follows the machine (suspend/resume, network changes) as the REST refresh scheduler does.
 *
 * Built on the `ws` package rather than Node's built-in WebSocket: `maxPayload` bounds the size of
 * a frame before it is buffered (the built-in client has no limit), and the simulator needs a
 * WebSocket server, which only `ws` provides, so both sides share one well-kept implementation.
 *
 * What it protects against (a hostile or broken peer, a flapping network): frames above
 * `maxPayloadBytes` close the connection before they are buffered; more than
 * `maxMessagesPerSecond` frames in a second close it too; a frame that is not a JSON object is
 * reported and skipped; reconnects back off (the attempt count only resets once a connection has
 * stayed up for `stableAfterMs`) so a server that accepts and drops at once is not hammered; a key
 * or permission error stops the connection (`failed`) instead of retrying, and so does
 * `EGeneral:Temporary lockout`, which retries would extend. The token is never part of an event, an
 * error or a state; nor are the key, the secret or a signature, which never reach this file. It is
 * sent only to a server whose certificate checks out, whatever the environment says, and never
 * after a redirect.
 */
import WebSocket, { type RawData } from 'ws';
import { systemClock, type Clock } from '../../../src-shared/clock.ts';
import { knownSecrets } from '../../log/known-secrets.ts';
import { KrakenError } from '../errors.ts';
import { parseRetryAfter } from '../retry-policy.ts';
import { ConnectionAttemptLimiter, type ReleaseSlot } from './connection-attempt-limiter.ts';
import { ReconnectPeers } from './reconnect-peers.ts';
import { insecureAddressError, isSecureOrLoopback } from './secure-address.ts';
import type { WebSocketToken } from './spot-client.ts';
import {
  uwsConnectFailed,
  uwsConnectionClosed,
  uwsFrameTooLarge,
  uwsHeartbeatTimeout,
  uwsMalformedFrame,
  uwsMessageRateExceeded,
  uwsPositionsSnapshotMissing,
  uwsSessionExpired,
  uwsSnapshotTooLarge,
  uwsSubscribeForbidden,
  uwsSubscribeRejected,
} from './uws-errors.ts';

export const DEFAULT_UWS_PRIVATE_URL = 'wss://uws.kraken.com/v2/private';

/** The private channels Margin Desk subscribes. */
export type UwsChannel = 'margin' | 'positions' | 'balances';
export const UWS_CHANNELS: readonly UwsChannel[] = ['margin', 'positions', 'balances'];

/** One data frame, as received: `frame` is the whole raw text, for the decoders. */
export interface UwsDataFrame {
  readonly channel: string;
  readonly type: string | undefined;
  readonly frame: string;
}

export type UwsConnectionState =
  /** Fetching a token or opening the socket; `attempt` 1 for the first try after a (re)start. */
  | { readonly kind: 'connecting'; readonly attempt: number }
  /** The socket is open, subscriptions are sent and not all acknowledged yet. */
  | { readonly kind: 'subscribing' }
  /** Every channel's subscription is acknowledged. */
  | { readonly kind: 'live' }
  /** Waiting until `nextRetryAt` (ms since epoch) before connection attempt `attempt`. */
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly nextRetryAt: number; readonly lastError: KrakenError }
  /** Not connected on purpose: `stop()` or `suspend()`. */
  | { readonly kind: 'stopped'; readonly reason: 'stopped' | 'suspended' }
  /** Kraken refused the key or its permission: nothing is retried until `start()` (the user must act). */
  | { readonly kind: 'failed'; readonly error: KrakenError };

/** A channel has sent its current state on this connection. */
export interface UwsCurrentStateEvent {
  readonly channel: UwsChannel;
  /** Every subscribed channel has sent its current state on this connection. */
  readonly allDelivered: boolean;
}

export interface UwsConnectionEvents {
  data: (frame: UwsDataFrame) => void;
  state: (state: UwsConnectionState) => void;
  currentState: (event: UwsCurrentStateEvent) => void;
  /** Kraken's heartbeat arrived: the figures are current even when none changed (the monitor's freshness). */
  heartbeat: (at: number) => void;
  /** Something went wrong that was handled: a frame skipped, or why the connection is reconnecting. */
  problem: (error: KrakenError) => void;
}

export interface UwsTimings {
  /** Silence (no frame at all) after which an application ping is sent. */
  readonly pingAfterMs: number;
  /** Silence after which the connection is presumed dead and reopened. */
  readonly deadAfterMs: number;
  /** Time for the token and the WebSocket handshake together. */
  readonly connectTimeoutMs: number;
  /** Time for every subscription to be acknowledged. */
  readonly subscribeTimeoutMs: number;
  /**
   * After the positions subscription is acknowledged, how long its snapshot may take before the
   * connection reports `uwsPositionsSnapshotMissing` (Kraken does not say whether `with_margin`
   * subscriptions get one). The connection stays up; positions stay "not delivered".
   */
  readonly positionsSnapshotWaitMs: number;
  /** Upper bound of the first reconnect delay; doubles per attempt. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A connection live this long resets the backoff. */
  readonly stableAfterMs: number;
  /** After a network change, how long a ping has to be answered before the connection is reopened. */
  readonly networkCheckMs: number;
}

/** Kraken sends a heartbeat about once a second: a few missing are tolerated, ten seconds are not. */
export const DEFAULT_UWS_TIMINGS: UwsTimings = {
  pingAfterMs: 5_000,
  deadAfterMs: 10_000,
  connectTimeoutMs: 20_000,
  subscribeTimeoutMs: 15_000,
  positionsSnapshotWaitMs: 15_000,
  backoffBaseMs: 500,
  backoffMaxMs: 60_000,
  stableAfterMs: 30_000,
  networkCheckMs: 3_000,
};

export interface UwsConnectionOptions {
  /** `wss://uws.kraken.com/v2/private` by default. */
  readonly url?: string;
  /** A fresh token, asked for every connection and every reconnect (./spot-client.ts). */
  readonly getToken: (signal: AbortSignal) => Promise<WebSocketToken>;
  /** Sent as `User-Agent: MarginDesk/<appVersion>` with the handshake. */
  readonly appVersion: string;
  readonly channels?: readonly UwsChannel[];
  readonly clock?: Clock;
  /** Backoff jitter source in [0, 1). */
  readonly random?: () => number;
  readonly timings?: Partial<UwsTimings>;
  /** Largest frame accepted (bytes, after decompression); larger closes the connection. */
  readonly maxPayloadBytes?: number;
  /** More frames than this within one second close the connection (a peer gone wrong). */
  readonly maxMessagesPerSecond?: number;
  /** How often a `snapshot_too_large` positions snapshot is asked for again on one connection. */
  readonly maxSnapshotRetries?: number;
  /** Where an exception thrown by an event listener goes (default: rethrown asynchronously). */
  readonly onListenerError?: (error: unknown) => void;
  /**
   * Shared by every profile's connection so that only a bounded number of attempts (token plus
   * handshake) run at once (./connection-attempt-limiter.ts); by default this connection's own.
   */
  readonly attempts?: ConnectionAttemptLimiter;
  /** Shared with the other connections: one back after a drop makes the others to the same exchange (its address) retry soon (./reconnect-peers.ts). */
  readonly peers?: ReconnectPeers;
}

/** Kraken's largest documented positions snapshot is far below this; a frame above it is refused. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/** Heartbeats plus account updates stay in the tens per second; a thousand is a peer gone wrong. */
export const DEFAULT_MAX_MESSAGES_PER_SECOND = 1_000;
export const DEFAULT_MAX_SNAPSHOT_RETRIES = 3;

/** The subscribe parameters of each channel, exactly as the notes say (`token` added per connection). */
const SUBSCRIBE_PARAMS: Readonly<Record<UwsChannel, Readonly<Record<string, unknown>>>> = {
  margin: { channel: 'margin', asset_class: 'derivatives' },
  // `snapshot` and `with_margin` cannot be combined: the snapshot is Kraken's default
  positions: { channel: 'positions', asset_class: 'derivatives', with_margin: true },
  balances: { channel: 'balances', snapshot: true },
};

const MARGIN_SECTIONS = ['multi_collateral', 'single_collateral'];

/** What an envelope's `error` text means for the connection. */
function classifyRejection(error: string): 'alreadySubscribed' | 'session' | 'permission' | 'other' {
  if (/already subscribed/i.test(error)) return 'alreadySubscribed';
  if (/permission|not allowed|forbidden|lockout/i.test(error)) return 'permission';
  if (/session|token/i.test(error)) return 'session';
  return 'other';
}

/** `snapshot_too_large` on a positions frame, wherever Kraken puts it (top level or in `data`). */
function isSnapshotTooLarge(message: Record<string, unknown>): boolean {
  const data = message['data'];
  return message['error'] === 'snapshot_too_large' || (data !== null && typeof data === 'object' && (data as Record<string, unknown>)['error'] === 'snapshot_too_large');
}

type Pending = { readonly kind: 'subscribe' | 'unsubscribe'; readonly channel: UwsChannel } | { readonly kind: 'ping' };

/** Everything about one socket; a new connection gets a new session, so late events of an old one are ignored. */
class Session {
  socket: WebSocket | null = null;
  token: WebSocketToken | null = null;
  readonly tokenAbort = new AbortController();
  /** The attempt's slot in the shared limiter, held until the socket is open or the attempt ends. */
  releaseSlot: ReleaseSlot | null = null;
  readonly pending = new Map<number, Pending>();
  readonly acknowledged = new Set<UwsChannel>();
  readonly delivered = new Set<UwsChannel>();
  readonly marginSections = new Set<string>();
  marginSeen = false;
  snapshotRetries = 0;
  liveSince: number | null = null;
  /** The socket is being closed by this side: its close event is not taken for a drop. */
  closedDeliberately = false;
  /** The failure that closed the socket (frame too large), known before the close event. */
  failure: KrakenError | null = null;
  windowStart = 0;
  windowCount = 0;
  cancelTimers: (() => void)[] = [];
}

export class UwsConnection {
  readonly #url: string;
  readonly #getToken: UwsConnectionOptions['getToken'];
  readonly #userAgent: string;
  readonly #channels: readonly UwsChannel[];
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #timings: UwsTimings;
  readonly #maxPayload: number;
  readonly #maxPerSecond: number;
  readonly #maxSnapshotRetries: number;
  readonly #onListenerError: (error: unknown) => void;
  readonly #attempts: ConnectionAttemptLimiter;
  readonly #peers: ReconnectPeers;
  /** Takes this connection off the peers' list of those waiting to retry. */
  #leavePeers: (() => void) | null = null;
  /** Dropped since it was last live: going live again is a recovery the peers hear of. */
  #recovering = false;
  /** A peer's recovery already moved this outage's retry forward: the backoff alone decides from now on. */
  #hinted = false;
  /** A server's Retry-After: no retry before this time, whatever else asks for one. */
  #retryNotBefore = Number.NEGATIVE_INFINITY;
  readonly #listeners: { [E in keyof UwsConnectionEvents]: Set<UwsConnectionEvents[E]> } = {
    data: new Set(),
    state: new Set(),
    currentState: new Set(),
    heartbeat: new Set(),
    problem: new Set(),
  };
  #state: UwsConnectionState = { kind: 'stopped', reason: 'stopped' };
  #session: Session | null = null;
  #attempt = 0;
  #lastConnectAt = Number.NEGATIVE_INFINITY;
  #cancelRetry: (() => void) | null = null;
  #cancelWatchdog: (() => void) | null = null;
  #cancelNetworkCheck: (() => void) | null = null;
  #nextReqId = 1;

  constructor(options: UwsConnectionOptions) {
    this.#url = options.url ?? DEFAULT_UWS_PRIVATE_URL;
    this.#getToken = options.getToken;
    this.#userAgent = `MarginDesk/${options.appVersion}`;
    this.#channels = options.channels ?? UWS_CHANNELS;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#timings = { ...DEFAULT_UWS_TIMINGS, ...options.timings };
    this.#maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.#maxPerSecond = options.maxMessagesPerSecond ?? DEFAULT_MAX_MESSAGES_PER_SECOND;
    this.#maxSnapshotRetries = options.maxSnapshotRetries ?? DEFAULT_MAX_SNAPSHOT_RETRIES;
    this.#attempts = options.attempts ?? new ConnectionAttemptLimiter(1);
    this.#peers = options.peers ?? new ReconnectPeers();
    this.#onListenerError =
      options.onListenerError ??
      ((error) =>
        queueMicrotask(() => {
          throw error;
        }));
  }

  get state(): UwsConnectionState {
    return this.#state;
  }

  /** The channels that have sent their current state on the present connection. */
  get delivered(): ReadonlySet<UwsChannel> {
    return this.#session?.delivered ?? new Set();
  }

  on<E extends keyof UwsConnectionEvents>(event: E, listener: UwsConnectionEvents[E]): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  /** Connects (again after `stop()` or `failed`); does nothing while connected or connecting. */
  start(): void {
    if (this.#state.kind !== 'stopped' && this.#state.kind !== 'failed') return;
    if (!isSecureOrLoopback(this.#url)) {
      this.#fail(insecureAddressError());
      return;
    }
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes for good (profile removed, app quitting, credentials being replaced). */
  stop(): void {
    this.#halt({ kind: 'stopped', reason: 'stopped' });
  }

  /** The machine goes to sleep: close and keep quiet until `resume()`. */
  suspend(): void {
    if (this.#state.kind === 'failed' || (this.#state.kind === 'stopped' && this.#state.reason === 'stopped')) return;
    this.#halt({ kind: 'stopped', reason: 'suspended' });
  }

  /** Back from sleep or the screen unlocked: reconnect at once (a failed connection stays failed). */
  resume(): void {
    if (this.#state.kind !== 'stopped' || this.#state.reason !== 'suspended') return;
    this.#attempt = 0;
    this.#connect();
  }

  /**
   * The network changed (an interface came up or went away): a connection waiting to retry tries
   * now; a live one must answer a ping within `networkCheckMs` or is reopened, since its socket may
   * be bound to an interface that is gone and would otherwise only be noticed by the watchdog.
   */
  networkChanged(): void {
    const { kind } = this.#state;
    if (kind === 'reconnecting') {
      this.retrySoon();
      return;
    }
    if ((kind === 'live' || kind === 'subscribing') && this.#session !== null && this.#cancelNetworkCheck === null) {
      const session = this.#session;
      this.#ping(session);
      this.#cancelNetworkCheck = this.#clock.timer(this.#timings.networkCheckMs, () => {
        this.#cancelNetworkCheck = null;
        if (this.#session === session) this.#drop(session, uwsHeartbeatTimeout(this.#timings.networkCheckMs));
      });
    }
  }

  /**
   * A connection waiting to retry tries soon: a backoff base after its last attempt (a storm of
   * network events or recoveries still waits that long between attempts), never before a server's
   * Retry-After. Nothing happens in any other state.
   */
  retrySoon(): void {
    if (this.#state.kind !== 'reconnecting') return;
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    const now = this.#clock.now();
    const wait = Math.max(0, this.#lastConnectAt + this.#timings.backoffBaseMs - now, this.#retryNotBefore - now);
    this.#cancelRetry = this.#clock.timer(wait, () => {
      this.#cancelRetry = null;
      this.#connect();
    });
  }

  // --- connecting --------------------------------------------------------------------------------

  #connect(): void {
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.#leavePeers?.();
    this.#leavePeers = null;
    this.#attempt++;
    this.#lastConnectAt = this.#clock.now();
    const session = new Session();
    this.#session = session;
    this.#setState({ kind: 'connecting', attempt: this.#attempt });
    // Waiting for a slot is not part of the attempt: its timeout starts with the token request.
    void this.#attempts.acquire(session.tokenAbort.signal).then((release) => {
      if (this.#session !== session) {
        release();
        return;
      }
      session.releaseSlot = release;
      this.#tryConnect(session);
    });
  }

  /** The token request, then the socket: one connection attempt, holding a slot of the limiter. */
  #tryConnect(session: Session): void {
    const cancelConnectTimer = this.#clock.timer(this.#timings.connectTimeoutMs, () => {
      if (this.#session === session && this.#state.kind === 'connecting') this.#drop(session, uwsConnectFailed('timed out'));
    });
    session.cancelTimers.push(cancelConnectTimer);
    this.#getToken(session.tokenAbort.signal).then(
      (token) => {
        if (this.#session !== session) return;
        session.token = token;
        // Valid while its subscriptions hold: the log keeps masking it until the session closes.
        knownSecrets.holdToken(token.value);
        this.#open(session);
      },
      (error: unknown) => {
        if (this.#session !== session) return;
        this.#drop(session, error instanceof KrakenError ? error : uwsConnectFailed('the token request failed', error));
      },
    );
  }

  #open(session: Session): void {
    // rejectUnauthorized set, not left to Node's default, which NODE_TLS_REJECT_UNAUTHORIZED=0 turns off: the token goes only to a verified server.
    const socket = new WebSocket(this.#url, {
      maxPayload: this.#maxPayload,
      headers: { 'User-Agent': this.#userAgent },
      followRedirects: false,
      rejectUnauthorized: true,
    });
    session.socket = socket;
    socket.on('open', () => {
      if (this.#session !== session) return;
      session.releaseSlot?.();
      this.#armWatchdog(session);
      this.#setState({ kind: 'subscribing' });
      session.cancelTimers.push(
        this.#clock.timer(this.#timings.subscribeTimeoutMs, () => {
          if (this.#session === session && this.#state.kind === 'subscribing') this.#drop(session, uwsConnectFailed('no answer to the subscriptions'));
        }),
      );
      for (const channel of this.#channels) this.#subscribe(session, channel);
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (this.#session === session) this.#receive(session, data, isBinary);
    });
    // An HTTP answer instead of the upgrade (429 from a server shedding a reconnect storm, 503…):
    // its Retry-After is honoured, within the backoff's cap.
    socket.on('unexpected-response', (_request, response) => {
      if (this.#session !== session) return;
      const header = response.headers['retry-after'];
      const retryAfterMs = parseRetryAfter(Array.isArray(header) ? (header[0] ?? null) : (header ?? null), this.#clock.now());
      session.failure = uwsConnectFailed(`HTTP ${response.statusCode ?? 0}`, undefined, retryAfterMs);
      response.resume();
      socket.terminate();
    });
    socket.on('error', (error: Error & { code?: string }) => {
      if (this.#session !== session) return;
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') session.failure = uwsFrameTooLarge(this.#maxPayload);
      else session.failure ??= uwsConnectFailed(describeSocketError(error), error);
    });
    socket.on('close', (code: number) => {
      if (this.#session !== session) return;
      if (session.closedDeliberately) return;
      this.#drop(session, session.failure ?? uwsConnectionClosed(code));
    });
  }

  #send(session: Session, message: Record<string, unknown>): number {
    const reqId = this.#nextReqId++;
    session.socket?.send(JSON.stringify({ ...message, req_id: reqId }));
    return reqId;
  }

  #subscribe(session: Session, channel: UwsChannel): void {
    const token = session.token;
    if (token === null) return;
    const reqId = this.#send(session, { method: 'subscribe', params: { ...SUBSCRIBE_PARAMS[channel], token: token.value } });
    session.pending.set(reqId, { kind: 'subscribe', channel });
  }

  #ping(session: Session): void {
    session.pending.set(this.#send(session, { method: 'ping' }), { kind: 'ping' });
  }

  // --- receiving ---------------------------------------------------------------------------------

  #receive(session: Session, data: RawData, isBinary: boolean): void {
    this.#armWatchdog(session);
    this.#cancelNetworkCheck?.();
    this.#cancelNetworkCheck = null;
    if (this.#overRate(session)) return;
    if (isBinary) {
      this.#emit('problem', uwsMalformedFrame('binary'));
      return;
    }
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#emit('problem', uwsMalformedFrame('notJson'));
      return;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.#emit('problem', uwsMalformedFrame('notObject'));
      return;
    }
    const fields = message as Record<string, unknown>;
    if (typeof fields['method'] === 'string') this.#answer(session, fields);
    else if (typeof fields['channel'] === 'string') this.#data(session, fields['channel'], fields, text);
    // anything else (a bare error without method or channel) says nothing about the subscriptions
    else if (typeof fields['error'] === 'string' && classifyRejection(fields['error']) === 'session') this.#drop(session, uwsSessionExpired());
  }

  /** True (and the connection closed) when this frame exceeds the per-second limit. */
  #overRate(session: Session): boolean {
    const now = this.#clock.now();
    if (now - session.windowStart >= 1_000) {
      session.windowStart = now;
      session.windowCount = 0;
    }
    session.windowCount++;
    if (session.windowCount <= this.#maxPerSecond) return false;
    this.#drop(session, uwsMessageRateExceeded(this.#maxPerSecond));
    return true;
  }

  /** An acknowledgement, an error envelope or a pong. */
  #answer(session: Session, fields: Record<string, unknown>): void {
    const reqId = typeof fields['req_id'] === 'number' ? fields['req_id'] : null;
    const pending = reqId === null ? undefined : session.pending.get(reqId);
    if (reqId !== null) session.pending.delete(reqId);
    if (fields['method'] === 'pong' || pending?.kind === 'ping') return;
    const channel = pending?.channel ?? channelOf(fields);
    if (pending?.kind === 'unsubscribe') {
      if (channel !== null) this.#subscribe(session, channel);
      return;
    }
    if (fields['success'] === true) {
      if (fields['method'] === 'subscribe' && channel !== null) this.#acknowledged(session, channel);
      return;
    }
    const error = typeof fields['error'] === 'string' ? fields['error'] : '';
    switch (classifyRejection(error)) {
      case 'alreadySubscribed':
        if (channel !== null) this.#acknowledged(session, channel);
        return;
      case 'session':
        this.#drop(session, uwsSessionExpired());
        return;
      case 'permission':
        this.#fail(uwsSubscribeForbidden(channel ?? 'requested', error));
        return;
      default:
        this.#drop(session, uwsSubscribeRejected(channel ?? 'requested', error));
    }
  }

  #acknowledged(session: Session, channel: UwsChannel): void {
    if (channel === 'positions' && !session.acknowledged.has(channel)) {
      session.cancelTimers.push(
        this.#clock.timer(this.#timings.positionsSnapshotWaitMs, () => {
          if (this.#session === session && !session.delivered.has('positions')) this.#emit('problem', uwsPositionsSnapshotMissing(this.#timings.positionsSnapshotWaitMs));
        }),
      );
    }
    session.acknowledged.add(channel);
    if (this.#state.kind === 'subscribing' && this.#channels.every((c) => session.acknowledged.has(c))) {
      session.liveSince = this.#clock.now();
      const recovered = this.#recovering;
      this.#recovering = false;
      this.#hinted = false;
      this.#setState({ kind: 'live' });
      if (recovered) this.#peers.recovered(this.#url);
    }
  }

  #data(session: Session, channel: string, fields: Record<string, unknown>, text: string): void {
    if (channel === 'heartbeat') {
      this.#marginSettled(session);
      this.#emit('heartbeat', this.#clock.now());
      return;
    }
    const type = typeof fields['type'] === 'string' ? fields['type'] : undefined;
    if (channel === 'positions' && isSnapshotTooLarge(fields)) {
      this.#snapshotTooLarge(session);
      return;
    }
    if (channel !== 'margin') this.#marginSettled(session);
    this.#emit('data', { channel, type, frame: text });
    if (this.#session !== session) return;
    if (channel === 'margin') {
      session.marginSeen = true;
      if (type !== undefined) session.marginSections.add(type);
      if (MARGIN_SECTIONS.every((section) => session.marginSections.has(section))) this.#deliver(session, 'margin');
    } else if ((channel === 'positions' || channel === 'balances') && type === 'snapshot') this.#deliver(session, channel);
  }

  /**
   * Margin has no snapshot/update split: the current state is the burst of sections sent on
   * subscribe. It is complete once both sections came, or once anything else follows a margin frame.
   */
  #marginSettled(session: Session): void {
    if (session.marginSeen) this.#deliver(session, 'margin');
  }

  #deliver(session: Session, channel: UwsChannel): void {
    if (!this.#channels.includes(channel) || session.delivered.has(channel)) return;
    session.delivered.add(channel);
    this.#emit('currentState', { channel, allDelivered: this.#channels.every((c) => session.delivered.has(c)) });
  }

  /** Asks for the positions snapshot again (unsubscribe, then subscribe), a bounded number of times. */
  #snapshotTooLarge(session: Session): void {
    session.snapshotRetries++;
    if (session.snapshotRetries > this.#maxSnapshotRetries) {
      this.#drop(session, uwsSnapshotTooLarge(session.snapshotRetries));
      return;
    }
    const token = session.token;
    if (token === null) return;
    const reqId = this.#send(session, {
      method: 'unsubscribe',
      params: { channel: 'positions', asset_class: 'derivatives', token: token.value },
    });
    session.pending.set(reqId, { kind: 'unsubscribe', channel: 'positions' });
  }

  // --- keeping alive -----------------------------------------------------------------------------

  #armWatchdog(session: Session): void {
    this.#cancelWatchdog?.();
    this.#cancelWatchdog = this.#clock.timer(this.#timings.pingAfterMs, () => {
      if (this.#session !== session) return;
      this.#ping(session);
      this.#cancelWatchdog = this.#clock.timer(this.#timings.deadAfterMs - this.#timings.pingAfterMs, () => {
        this.#cancelWatchdog = null;
        if (this.#session === session) this.#drop(session, uwsHeartbeatTimeout(this.#timings.deadAfterMs));
      });
    });
  }

  /** Closes the session's socket and stops its timers; the close event of a deliberate close is ignored. */
  #closeSession(session: Session): void {
    session.closedDeliberately = true;
    session.tokenAbort.abort();
    if (session.token !== null) knownSecrets.releaseToken(session.token.value);
    session.releaseSlot?.();
    for (const cancel of session.cancelTimers) cancel();
    session.cancelTimers = [];
    const socket = session.socket;
    if (socket !== null && socket.readyState !== WebSocket.CLOSED) {
      // terminate, not close: a dead peer would never complete the closing handshake
      socket.terminate();
    }
    this.#cancelWatchdog?.();
    this.#cancelWatchdog = null;
    this.#cancelNetworkCheck?.();
    this.#cancelNetworkCheck = null;
  }

  /** The connection is lost or unusable: reconnect later, or fail for good on a credentials error. */
  #drop(session: Session, error: KrakenError): void {
    if (this.#session !== session) return;
    if (error.category === 'credentials' || !error.retryable) {
      this.#fail(error);
      return;
    }
    const stable = session.liveSince !== null && this.#clock.now() - session.liveSince >= this.#timings.stableAfterMs;
    this.#closeSession(session);
    this.#session = null;
    if (stable) this.#attempt = 0;
    this.#emit('problem', error);
    const ceiling = Math.min(this.#timings.backoffMaxMs, this.#timings.backoffBaseMs * 2 ** Math.max(0, this.#attempt - 1));
    // a server's Retry-After is honoured but capped: a day-long value must not silence a margin monitor
    const retryAfter = Math.min(error.retryAfterMs ?? 0, this.#timings.backoffMaxMs);
    const delay = Math.max(Math.round(this.#random() * ceiling), retryAfter);
    this.#retryNotBefore = this.#clock.now() + retryAfter;
    this.#recovering = true;
    this.#setState({ kind: 'reconnecting', attempt: this.#attempt + 1, nextRetryAt: this.#clock.now() + delay, lastError: error });
    this.#cancelRetry = this.#clock.timer(delay, () => {
      this.#cancelRetry = null;
      this.#connect();
    });
    if (!this.#hinted) {
      this.#leavePeers = this.#peers.waiting(this.#url, () => {
        this.#leavePeers = null;
        this.#hinted = true;
        this.retrySoon();
      });
    }
  }

  #fail(error: KrakenError): void {
    this.#halt({ kind: 'failed', error });
  }

  #halt(state: UwsConnectionState): void {
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.#leavePeers?.();
    this.#leavePeers = null;
    this.#recovering = false;
    this.#hinted = false;
    if (this.#session !== null) this.#closeSession(this.#session);
    this.#session = null;
    this.#setState(state);
  }

  #setState(state: UwsConnectionState): void {
    this.#state = state;
    this.#emit('state', state);
  }

  #emit<E extends keyof UwsConnectionEvents>(event: E, value: Parameters<UwsConnectionEvents[E]>[0]): void {
    for (const listener of this.#listeners[event]) {
      try {
        (listener as (argument: typeof value) => void)(value);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

/** The channel an envelope names in its `result` (an acknowledgement without a known req_id). */
function channelOf(fields: Record<string, unknown>): UwsChannel | null {
  const result = fields['result'];
  const channel = result !== null && typeof result === 'object' ? (result as Record<string, unknown>)['channel'] : undefined;
  return channel === 'margin' || channel === 'positions' || channel === 'balances' ? channel : null;
}

/** A socket error in words: the system code or the HTTP status of a refused upgrade, nothing else. */
function describeSocketError(error: Error & { code?: string }): string {
  const status = /Unexpected server response: (\d{3})/.exec(error.message);
  if (status !== null) return `HTTP ${status[1]}`;
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'address not found';
  return error.code ?? 'network error';
}
