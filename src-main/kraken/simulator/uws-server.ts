/**
 * The simulated exchange's Unified WebSocket (`/v2/private` on the simulator's loopback port),
 * serving the `margin`, `positions` and `balances` channels from the same account state as its REST
 * answers, with Kraken's documented rules:
 * - every subscription carries a token from `GetWebSocketsToken` (./uws-tokens.ts), bound to the
 *   key's account and to this one connection;
 * - `margin` needs `asset_class: derivatives`, refuses `snapshot`, one per connection; every message
 *   replaces one section (`multi_collateral`, `single_collateral`); the current state on subscribe;
 * - `positions` needs `asset_class: derivatives`, refuses `snapshot` together with `with_margin`;
 *   one snapshot, then updates carrying only the positions that changed (size 0 when closed);
 * - `balances` refuses `asset_class`; a snapshot, then ledger-style updates;
 * - acknowledgements and error envelopes with `req_id`, `time_in`, `time_out`; `ping` → `pong`;
 *   a heartbeat about once a second (configurable) when nothing else was sent.
 * A change of the account state (a mark price, a deposit) is pushed to subscribers at once.
 *
 * Faults on demand: dropped connections, frozen connections (nothing sent, pings unanswered),
 * heartbeats that stop, expired sessions, error envelopes, a malformed frame, figures as strings,
 * unknown fields, and `snapshot_too_large` (on demand, or when a snapshot exceeds a size).
 * Error texts Kraken documents are used as written; the others are the simulator's assumption.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../../../src-shared/clock.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { SimulatedExchange } from './exchange.ts';
import type { RenderContext } from './render.ts';
import {
  balanceWallets,
  closedPosition,
  renderBalancesSnapshot,
  renderBalanceUpdate,
  renderMultiCollateral,
  renderPositions,
  renderSingleCollateral,
  type BalanceWallet,
} from './uws-render.ts';

export const UWS_PRIVATE_PATH = '/v2/private';

export interface UwsServerOptions {
  /** Heartbeat interval (Kraken: about 1 s). */
  readonly heartbeatMs?: number;
  /** Clock of the heartbeats and message times (default: the exchange's). */
  readonly clock?: Clock;
  /** A positions snapshot longer than this (characters) is answered with `snapshot_too_large`. */
  readonly maxSnapshotChars?: number;
  /**
   * Whether a `with_margin` positions subscription gets a snapshot (default true). Kraken does not
   * say; false serves the other reading: updates only.
   */
  readonly snapshotWithMargin?: boolean;
}

/** The client's frames are short requests: anything larger is refused. */
const MAX_CLIENT_FRAME = 64 * 1024;
/** Stands for a field Kraken adds later: clients must keep working. */
const UNKNOWN_FIELD = { future_field: { nested: [1, 'two', { three: null }] } };
const MALFORMED_FRAME = '{"channel":"margin","type":"multi_collateral","data":{"margin_equity":';

type Channel = 'margin' | 'positions' | 'balances';

interface PositionsSubscription {
  readonly withMargin: boolean;
  readonly snapshot: boolean;
  sent: Map<string, string>;
}

class Session {
  readonly socket: WebSocket;
  accountUid: string | null = null;
  margin: Map<string, string> | null = null;
  positions: PositionsSubscription | null = null;
  balances: Map<string, BalanceWallet> | null = null;
  frozen = false;
  sentSinceHeartbeat = false;

  constructor(socket: WebSocket) {
    this.socket = socket;
  }

  get subscribed(): boolean {
    return this.margin !== null || this.positions !== null || this.balances !== null;
  }
}

export class UwsServer {
  readonly #exchange: SimulatedExchange;
  readonly #clock: Clock;
  readonly #heartbeatMs: number;
  readonly #maxSnapshotChars: number;
  readonly #snapshotWithMargin: boolean;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME });
  readonly #sessions = new Set<Session>();
  readonly #stopListening: () => void;
  readonly #onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  readonly #server: Server;
  #cancelHeartbeat: (() => void) | null = null;
  #heartbeats = true;
  #figuresAsStrings = false;
  #unknownFields = false;
  #snapshotTooLarge = 0;
  readonly #subscribeErrors = new Map<Channel, string[]>();
  readonly #upgradeRefusals: { readonly status: number; readonly retryAfterSeconds: number }[] = [];
  #ledgerId = 0;
  #connections = 0;
  /** Every request frame received, parsed (tests check what clients send; tokens included). */
  readonly requests: Record<string, unknown>[] = [];

  constructor(exchange: SimulatedExchange, server: Server, options: UwsServerOptions = {}) {
    this.#exchange = exchange;
    this.#server = server;
    this.#clock = options.clock ?? exchange.clock;
    this.#heartbeatMs = options.heartbeatMs ?? 1_000;
    this.#maxSnapshotChars = options.maxSnapshotChars ?? Number.POSITIVE_INFINITY;
    this.#snapshotWithMargin = options.snapshotWithMargin ?? true;
    this.#onUpgrade = (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== UWS_PRIVATE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      const refusal = this.#upgradeRefusals.shift();
      if (refusal !== undefined) {
        socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nRetry-After: ${refusal.retryAfterSeconds}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    };
    server.on('upgrade', this.#onUpgrade);
    this.#stopListening = exchange.onChange(() => this.#pushChanges());
  }

  /** Connections accepted so far. */
  get connectionCount(): number {
    return this.#connections;
  }

  /** Connections open now. */
  get openConnections(): number {
    return this.#sessions.size;
  }

  // --- faults -------------------------------------------------------------------------------------

  /** Drops every open connection without a closing handshake, as a network failure would. */
  dropConnections(): void {
    for (const session of this.#sessions) session.socket.terminate();
  }

  /** Open connections go silent (nothing sent, pings unanswered) while staying open: a half-open link. */
  freezeConnections(): void {
    for (const session of this.#sessions) session.frozen = true;
  }

  /** Heartbeats stop (or resume); everything else, pongs included, still flows. */
  setHeartbeats(on: boolean): void {
    this.#heartbeats = on;
  }

  /** Every open session expires: its tokens are revoked, its subscriptions end, and it is told so. */
  expireSessions(): void {
    for (const session of this.#sessions) {
      this.#exchange.uwsTokens.revokeFor(session);
      session.margin = null;
      session.positions = null;
      session.balances = null;
      this.#send(session, { error: 'ESession:Invalid session', success: false, ...this.#times() });
    }
  }

  /** The next subscription to `channel` is answered with this error envelope. */
  failNextSubscribe(channel: Channel, error: string): void {
    this.#subscribeErrors.set(channel, [...(this.#subscribeErrors.get(channel) ?? []), error]);
  }

  /** The next `times` WebSocket upgrades are answered with this HTTP status and Retry-After. */
  refuseUpgrades(status: number, retryAfterSeconds: number, times = 1): void {
    for (let i = 0; i < times; i++) this.#upgradeRefusals.push({ status, retryAfterSeconds });
  }

  /** Sends a frame that is not JSON to every open connection. */
  sendMalformedFrame(): void {
    for (const session of this.#sessions) this.#sendText(session, MALFORMED_FRAME);
  }

  /** Sends this frame as it is (text, or binary for a Buffer) to every open connection. */
  sendRaw(frame: string | Buffer): void {
    for (const session of this.#sessions) {
      if (session.frozen) continue;
      session.sentSinceHeartbeat = true;
      session.socket.send(frame, { binary: typeof frame !== 'string' });
    }
  }

  /** Figures as decimal strings instead of JSON numbers (Kraken asks for a decimal-aware parser). */
  setFiguresAsStrings(on: boolean): void {
    this.#figuresAsStrings = on;
  }

  /** Adds fields no client knows to every data message. */
  setUnknownFields(on: boolean): void {
    this.#unknownFields = on;
  }

  /** The next `times` positions snapshots are `snapshot_too_large`. */
  failSnapshots(times: number): void {
    this.#snapshotTooLarge = times;
  }

  close(): Promise<void> {
    this.#stopListening();
    this.#cancelHeartbeat?.();
    this.#server.off('upgrade', this.#onUpgrade);
    for (const session of this.#sessions) session.socket.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }

  // --- connections --------------------------------------------------------------------------------

  #accept(socket: WebSocket): void {
    const session = new Session(socket);
    this.#sessions.add(session);
    this.#connections++;
    // the heartbeat timer runs only while a connection is open: an idle simulator leaves the clock alone
    if (this.#cancelHeartbeat === null) this.#scheduleHeartbeat();
    socket.on('message', (data, isBinary) => {
      if (!session.frozen) this.#request(session, isBinary ? '' : data.toString());
    });
    socket.on('close', () => {
      this.#sessions.delete(session);
      if (this.#sessions.size === 0) {
        this.#cancelHeartbeat?.();
        this.#cancelHeartbeat = null;
      }
      this.#exchange.uwsTokens.revokeFor(session);
    });
    socket.on('error', () => socket.terminate());
  }

  #context(): RenderContext {
    const context = this.#exchange.renderContext();
    return this.#figuresAsStrings ? { ...context, style: { ...context.style, figures: 'strings' } } : context;
  }

  #times(): { time_in: string; time_out: string } {
    const now = new Date(this.#clock.now()).toISOString();
    return { time_in: now, time_out: now };
  }

  #sendText(session: Session, text: string): void {
    if (session.frozen) return;
    session.sentSinceHeartbeat = true;
    session.socket.send(text);
  }

  #send(session: Session, message: Record<string, unknown>): void {
    this.#sendText(session, JSON.stringify(message));
  }

  #sendData(session: Session, channel: Channel, type: string, data: unknown): void {
    const withUnknown = this.#unknownFields && data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...data, ...UNKNOWN_FIELD } : data;
    this.#send(session, { channel, type, data: withUnknown, ...(this.#unknownFields ? UNKNOWN_FIELD : {}) });
  }

  #request(session: Session, text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      this.#send(session, { error: 'Invalid JSON', success: false, ...this.#times() });
      return;
    }
    const fields = request !== null && typeof request === 'object' ? (request as Record<string, unknown>) : {};
    this.requests.push(fields);
    const reqId = typeof fields['req_id'] === 'number' ? { req_id: fields['req_id'] } : {};
    const method = fields['method'];
    if (method === 'ping') {
      this.#send(session, { method: 'pong', ...reqId, ...this.#times() });
      return;
    }
    const params = fields['params'] !== null && typeof fields['params'] === 'object' ? (fields['params'] as Record<string, unknown>) : {};
    const reply = (error: string | null, result: Record<string, unknown> = {}) =>
      this.#send(
        session,
        error === null
          ? { method, result, success: true, ...this.#times(), ...reqId }
          : { method, success: false, error, ...this.#times(), ...reqId },
      );
    if (method === 'subscribe') this.#subscribe(session, params, reply);
    else if (method === 'unsubscribe') this.#unsubscribe(session, params, reply);
    else reply(`Method not supported: ${String(method).slice(0, 40)}`);
  }

  #subscribe(session: Session, params: Record<string, unknown>, reply: (error: string | null, result?: Record<string, unknown>) => void): void {
    const channel = params['channel'];
    if (channel !== 'margin' && channel !== 'positions' && channel !== 'balances') {
      reply('Channel not supported');
      return;
    }
    const injected = this.#subscribeErrors.get(channel)?.shift();
    if (injected !== undefined) {
      reply(injected);
      return;
    }
    if (typeof params['token'] !== 'string') {
      reply("'params.token' is required");
      return;
    }
    const account = this.#exchange.uwsTokens.claim(params['token'], session);
    if (account === null || (session.accountUid !== null && account !== session.accountUid)) {
      reply('ESession:Invalid session');
      return;
    }
    session.accountUid = account;
    const refusal = this.#refusal(session, channel, params);
    if (refusal !== null) {
      reply(refusal);
      return;
    }
    const { token: _token, ...shown } = params;
    reply(null, shown);
    const context = this.#context();
    const state = this.#exchange.account(account);
    if (state === undefined) return;
    if (channel === 'margin') {
      session.margin = new Map();
      this.#pushMargin(session, context);
    } else if (channel === 'positions') {
      const withMargin = params['with_margin'] === true;
      const snapshot = params['snapshot'] !== false && (this.#snapshotWithMargin || !withMargin);
      session.positions = { withMargin, snapshot, sent: new Map() };
      this.#positionsSnapshot(session, context);
    } else {
      const wallets = balanceWallets(state, context);
      session.balances = new Map(wallets.map((wallet) => [walletKey(wallet), wallet]));
      if (params['snapshot'] !== false) this.#sendData(session, 'balances', 'snapshot', renderBalancesSnapshot(wallets, context));
    }
  }

  /** The documented refusals of each channel's parameters, or null. */
  #refusal(session: Session, channel: Channel, params: Record<string, unknown>): string | null {
    if (channel === 'balances') {
      if ('asset_class' in params) return "'params.asset_class' is not valid for the balances channel";
      return session.balances === null ? null : 'Already subscribed to balances channel';
    }
    if (params['asset_class'] !== 'derivatives') return `'params.asset_class' must be derivatives for the ${channel} channel`;
    if (channel === 'margin') {
      if ('snapshot' in params) return "'params.snapshot' is not valid for the margin channel";
      return session.margin === null ? null : 'Already subscribed to margin channel';
    }
    if (params['with_margin'] === true && params['snapshot'] === true) return "'params.snapshot' cannot be combined with 'params.with_margin'";
    return session.positions === null ? null : 'Already subscribed to positions channel';
  }

  #unsubscribe(session: Session, params: Record<string, unknown>, reply: (error: string | null, result?: Record<string, unknown>) => void): void {
    const channel = params['channel'];
    const subscribed = channel === 'margin' ? session.margin : channel === 'positions' ? session.positions : channel === 'balances' ? session.balances : null;
    if (subscribed === null) {
      reply('Subscription not found');
      return;
    }
    if (channel === 'margin') session.margin = null;
    else if (channel === 'positions') session.positions = null;
    else session.balances = null;
    reply(null, { channel });
  }

  // --- pushing ------------------------------------------------------------------------------------

  #pushMargin(session: Session, context: RenderContext): void {
    const account = session.accountUid === null ? undefined : this.#exchange.account(session.accountUid);
    if (session.margin === null || account === undefined) return;
    const sections: [string, unknown][] = [
      ['multi_collateral', renderMultiCollateral(account, context)],
      ['single_collateral', renderSingleCollateral(account, context)],
    ];
    for (const [type, data] of sections) {
      if (data === null) continue;
      const text = JSON.stringify(data);
      if (session.margin.get(type) === text) continue;
      session.margin.set(type, text);
      this.#sendData(session, 'margin', type, data);
    }
  }

  #positionsSnapshot(session: Session, context: RenderContext): void {
    const subscription = session.positions;
    const account = session.accountUid === null ? undefined : this.#exchange.account(session.accountUid);
    if (subscription === null || account === undefined) return;
    const positions = renderPositions(account, context, subscription.withMargin);
    subscription.sent = new Map([...positions].map(([instrument, position]) => [instrument, JSON.stringify(position)]));
    if (!subscription.snapshot) return;
    const data = { futures: [...positions.values()], options: [], time: new Date(this.#clock.now()).toISOString() };
    if (this.#snapshotTooLarge > 0 || JSON.stringify(data).length > this.#maxSnapshotChars) {
      this.#snapshotTooLarge = Math.max(0, this.#snapshotTooLarge - 1);
      // Kraken: the lists come empty, without a time; the subscription does not hold
      session.positions = null;
      this.#send(session, { channel: 'positions', type: 'snapshot', data: { futures: [], options: [], error: 'snapshot_too_large' } });
      return;
    }
    this.#sendData(session, 'positions', 'snapshot', data);
  }

  #pushPositions(session: Session, context: RenderContext): void {
    const subscription = session.positions;
    const account = session.accountUid === null ? undefined : this.#exchange.account(session.accountUid);
    if (subscription === null || account === undefined) return;
    const positions = renderPositions(account, context, subscription.withMargin);
    const changed: unknown[] = [];
    const sent = new Map<string, string>();
    for (const [instrument, position] of positions) {
      const text = JSON.stringify(position);
      sent.set(instrument, text);
      if (subscription.sent.get(instrument) !== text) changed.push(position);
    }
    for (const instrument of subscription.sent.keys()) if (!positions.has(instrument)) changed.push(closedPosition(instrument, context));
    subscription.sent = sent;
    if (changed.length > 0) this.#sendData(session, 'positions', 'update', { futures: changed, options: [], time: new Date(this.#clock.now()).toISOString() });
  }

  #pushBalances(session: Session, context: RenderContext): void {
    const previous = session.balances;
    const account = session.accountUid === null ? undefined : this.#exchange.account(session.accountUid);
    if (previous === null || account === undefined) return;
    const time = new Date(this.#clock.now()).toISOString();
    const entries: unknown[] = [];
    const now = new Map<string, BalanceWallet>();
    for (const wallet of balanceWallets(account, context)) {
      const key = walletKey(wallet);
      now.set(key, wallet);
      const before: Decimal | undefined = previous.get(key)?.balance;
      if (before !== wallet.balance) entries.push(renderBalanceUpdate(wallet, before ?? ('0' as Decimal), `L${++this.#ledgerId}`, time, context));
    }
    session.balances = now;
    if (entries.length > 0) this.#sendData(session, 'balances', 'update', entries);
  }

  #pushChanges(): void {
    const context = this.#context();
    for (const session of this.#sessions) {
      if (session.accountUid === null || session.frozen) continue;
      this.#pushMargin(session, context);
      this.#pushPositions(session, context);
      this.#pushBalances(session, context);
    }
  }

  #scheduleHeartbeat(): void {
    this.#cancelHeartbeat = this.#clock.timer(this.#heartbeatMs, () => {
      for (const session of this.#sessions) {
        if (this.#heartbeats && session.subscribed && !session.sentSinceHeartbeat) this.#send(session, { channel: 'heartbeat' });
        session.sentSinceHeartbeat = false;
      }
      this.#cancelHeartbeat = null;
      if (this.#sessions.size > 0) this.#scheduleHeartbeat();
    });
  }
}

function walletKey(wallet: BalanceWallet): string {
  return `${wallet.asset}:${wallet.type}:${wallet.id}`;
}
