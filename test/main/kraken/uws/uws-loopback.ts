/**
 * A simulated exchange serving REST, Spot REST and the Unified WebSocket on one real loopback port,
 * and UwsConnections pointed at it. The exchange runs on real time (token lifetimes, heartbeats
 * every `heartbeatMs`); each connection's timers (watchdog, backoff, timeouts) run on a ManualClock
 * the test moves, so reconnects and timeouts happen exactly when a test says, never by waiting.
 */
import { inspect } from 'node:util';
import WebSocket from 'ws';
import { NonceSequences } from '../../../../src-main/kraken/nonce.ts';
import { SimulatedExchange, type ExchangeServer } from '../../../../src-main/kraken/simulator/exchange.ts';
import type { SpotPermission } from '../../../../src-main/kraken/simulator/keys.ts';
import { SpotClient } from '../../../../src-main/kraken/uws/spot-client.ts';
import type { KrakenError } from '../../../../src-main/kraken/errors.ts';
import {
  UwsConnection,
  type UwsConnectionOptions,
  type UwsConnectionState,
  type UwsCurrentStateEvent,
  type UwsDataFrame,
} from '../../../../src-main/kraken/uws/uws-connection.ts';
import { ManualClock } from '../manual-clock.ts';

export interface Recorded {
  readonly connection: UwsConnection;
  readonly clock: ManualClock;
  readonly spot: SpotClient;
  readonly states: UwsConnectionState[];
  readonly frames: UwsDataFrame[];
  readonly delivered: UwsCurrentStateEvent[];
  readonly problems: KrakenError[];
  /** Every event as a log line would print it, for the redaction checks. */
  readonly printed: string[];
}

export interface UwsLoopback {
  readonly exchange: SimulatedExchange;
  readonly server: ExchangeServer;
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
  /** Every API-Sign value the simulator received. */
  readonly apiSigns: string[];
  connect(options?: Partial<UwsConnectionOptions> & { readonly credentials?: { apiKey: string; apiSecret: string } }): Recorded;
  close(): Promise<void>;
}

export async function startUwsLoopback(
  setup: { readonly heartbeatMs?: number; readonly spotPermissions?: SpotPermission[]; readonly maxSnapshotChars?: number; readonly snapshotWithMargin?: boolean } = {},
): Promise<UwsLoopback> {
  const exchange = new SimulatedExchange();
  exchange.setMarkPrice('pf_xbtusd', '60000');
  exchange.setMarkPrice('pi_xbtusd', '60000');
  exchange.setMarkPrice('pf_ethusd', '3000');
  exchange.setUsdRate('EUR', '1.1');
  exchange.setCash('xbt', '0.5');
  exchange.deposit('USD', '10000');
  exchange.deposit('BTC', '0.25');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '0.5', entryPrice: '58000' });
  exchange.openPosition({ symbol: 'pf_ethusd', size: '-4', entryPrice: '3100' });
  exchange.setWalletBalance('xbt', '0.05');
  exchange.openPosition({ symbol: 'pi_xbtusd', size: '2000', entryPrice: '61000' });
  const credentials = exchange.addKey({ spotPermissions: setup.spotPermissions ?? ['websocket'] });
  const apiSigns: string[] = [];
  const handle = exchange.handle.bind(exchange);
  exchange.handle = (request) => {
    const sign = request.headers.get('api-sign');
    if (sign !== null) apiSigns.push(sign);
    return handle(request);
  };
  const server = await exchange.listen({
    uws: { heartbeatMs: setup.heartbeatMs ?? 50, maxSnapshotChars: setup.maxSnapshotChars, snapshotWithMargin: setup.snapshotWithMargin },
  });
  const connections: UwsConnection[] = [];
  return {
    exchange,
    server,
    credentials,
    apiSigns,
    connect(options = {}) {
      const clock = new ManualClock(Date.now());
      const keys = options.credentials ?? credentials;
      const spot = new SpotClient({ baseUrl: server.url, appVersion: '1.2.3', getCredentials: async () => keys, nonces: new NonceSequences(clock), clock, timeoutMs: 3_600_000 });
      const connection = new UwsConnection({
        url: server.uwsUrl,
        appVersion: '1.2.3',
        getToken: (signal) => spot.webSocketToken(signal),
        clock,
        random: () => 0.5,
        ...options,
      });
      const recorded: Recorded = { connection, clock, spot, states: [], frames: [], delivered: [], problems: [], printed: [] };
      const print = (value: unknown) => recorded.printed.push(JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: true }));
      connection.on('state', (state) => {
        recorded.states.push(state);
        print(state);
      });
      connection.on('data', (frame) => {
        recorded.frames.push(frame);
        print(frame);
      });
      connection.on('currentState', (event) => {
        recorded.delivered.push(event);
        print(event);
      });
      connection.on('problem', (error) => {
        recorded.problems.push(error);
        print(error);
        recorded.printed.push(String(error), error.stack ?? '', error.action);
      });
      connections.push(connection);
      return recorded;
    },
    async close() {
      for (const connection of connections) connection.stop();
      await server.close();
    },
  };
}

/** Waits (real time, for loopback I/O) until `condition` holds; fails after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function stateKind(recorded: Recorded): UwsConnectionState['kind'] {
  return recorded.connection.state.kind;
}

/** Waits for the connection to be live with every channel's current state delivered. */
export async function untilLive(recorded: Recorded): Promise<void> {
  await until(() => stateKind(recorded) === 'live' && recorded.connection.delivered.size === 3, 'live with every channel delivered');
}

/** Moves the connection's clock to its next retry and waits for it to be live again. */
export async function reconnectNow(recorded: Recorded): Promise<void> {
  const state = recorded.connection.state;
  if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
  recorded.clock.advance(state.nextRetryAt - recorded.clock.now());
  await untilLive(recorded);
}

/** A bare WebSocket client for the simulator's rules, outside UwsConnection. */
export interface RawClient {
  send(message: Record<string, unknown>): void;
  /** The next received message (parsed) that satisfies `match`. */
  next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  readonly received: Record<string, unknown>[];
  close(): void;
}

export async function rawClient(url: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  const received: Record<string, unknown>[] = [];
  socket.on('message', (data) => {
    try {
      received.push(JSON.parse(String(data)) as Record<string, unknown>);
    } catch {
      received.push({ unparsable: String(data) });
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let seen = 0;
  return {
    received,
    send: (message) => socket.send(JSON.stringify(message)),
    async next(match) {
      for (;;) {
        await until(() => received.length > seen, 'a message');
        const message = received[seen++] as Record<string, unknown>;
        if (match(message)) return message;
      }
    },
    close: () => socket.terminate(),
  };
}
