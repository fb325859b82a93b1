/**
 * Audit: what a Unified WebSocket peer (Kraken gone wrong, a proxy, a man in the middle on a
 * loopback test address) can send, through the app's own stream path (UwsAccountStream over a real
 * loopback WebSocket, with the app's default limits). Each bad frame is skipped with a typed error
 * (the log's trail), is ignored when it is well-formed but carries nothing the app shows, makes the
 * health it spoils unknown, or closes the connection with a typed reason, after which it
 * reconnects: no uncaught exception, no frame that is never handled, memory bounded, and skipped
 * frames leave the figures as they were.
 * The token goes only where the profile says: a redirected handshake is not followed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { systemClock } from '../../../src-shared/clock.ts';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { NonceSequences } from '../../../src-main/kraken/nonce.ts';
import type { ExchangeServer, SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import type { StreamConnectionEvent } from '../../../src-main/kraken/account-stream.ts';
import { WebSocketToken } from '../../../src-main/kraken/uws/spot-client.ts';
import { MAX_STREAMED_POSITIONS } from '../../../src-main/kraken/uws/uws-account-state.ts';
import { UwsAccountStream } from '../../../src-main/kraken/uws/uws-account-stream.ts';
import { DEFAULT_MAX_MESSAGES_PER_SECOND, DEFAULT_MAX_PAYLOAD_BYTES, UwsConnection } from '../../../src-main/kraken/uws/uws-connection.ts';
import { buildRiskReport } from '../../../src-main/risk/risk-report.ts';
import type { AccountSnapshot } from '../../../src-shared/account-model.ts';
import { startUwsLoopback, type UwsLoopback } from '../kraken/uws/uws-loopback.ts';
import { recordAuditFigures } from './audit-figures.ts';

/** Far above a frame's handling: a frame not handled by then never will be. */
const HANG_LIMIT_MS = 10_000;

const margin = (data: string, type = 'multi_collateral') => `{"channel":"margin","type":"${type}","data":${data}}`;

/** Frames that must be skipped (typed error or ignored), the connection staying up and the figures as they were. */
const BAD_FRAMES: Readonly<Record<string, string | Buffer>> = {
  'not JSON': 'hello',
  'truncated JSON': '{"channel":"margin","type":"multi_collateral","data":{"margin_equity":',
  'an empty frame': '',
  'a binary frame': Buffer.from([0xde, 0xad, 0xbe, 0xef]),
  'a JSON array': '[1,2,3]',
  'null': 'null',
  'a JSON string': '"margin"',
  'a byte-order mark': `\uFEFF${margin('{}')}`,
  'a channel that is a number': '{"channel":5,"data":{}}',
  'an error without method or channel': '{"error":"something new"}',
  'an unknown channel': '{"channel":"ownTrades","type":"snapshot","data":[]}',
  'margin data as a string': margin('"all"'),
  'margin data as a list': margin('[]'),
  'a NaN': margin('{"margin_equity":NaN}'),
  'wallets of the wrong shape': margin('{"wallets":"none"}', 'single_collateral'),
  'JSON nested 100,000 deep in the data': margin(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  'an unterminated nesting of 1 MB': margin('['.repeat(1_000_000)),
  'a positions update without a symbol': '{"channel":"positions","type":"update","data":{"futures":[{"size":"1"}]}}',
  'positions as a string': '{"channel":"positions","type":"update","data":{"futures":"all"}}',
  'a balances update with an object balance': '{"channel":"balances","type":"update","data":[{"asset":"USD","balance":{}}]}',
  'balances data as an object': '{"channel":"balances","type":"update","data":{"asset":"USD"}}',
  'duplicate keys': '{"channel":"margin","channel":"ownTrades","data":{}}',
  'one position more than an account may stream': JSON.stringify({
    channel: 'positions',
    type: 'update',
    data: { futures: Array.from({ length: MAX_STREAMED_POSITIONS + 1 }, (_, i) => ({ symbol: `PF_N${i}USD`, size: '1', entry_price: '1' })) },
  }),
};

/**
 * Margin sections whose figures are there but are not numbers. A margin message replaces its whole
 * section (decode-margin.ts), so the old figures no longer stand either: the account's health must
 * become unknown, naming the figure, never a zero judged healthy.
 */
const UNREADABLE_FIGURES: Readonly<Record<string, string>> = {
  'a margin figure as an object': margin('{"margin_equity":{"value":1},"maintenance_margin":"10","initial_margin":"20"}'),
  'a margin figure too large for any float': margin('{"margin_equity":1e99999,"maintenance_margin":"10","initial_margin":"20"}'),
  'a decimal string that is not a number': margin('{"margin_equity":"12,5","maintenance_margin":"10","initial_margin":"20"}'),
};

/** Of BAD_FRAMES, those that are JSON objects carrying nothing the app shows: ignored without a word. */
const CARRYING_NOTHING: ReadonlySet<string> = new Set([
  'a channel that is a number',
  'an error without method or channel',
  'an unknown channel',
  'duplicate keys',
  'a balances update with an object balance',
]);

const statusFrame = (size: number): string => {
  const head = '{"channel":"status","data":"';
  const tail = '"}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
};

/** Frames past the app's limits: the connection must close with a typed reason and come back. */
const CLOSING_FRAMES: Readonly<Record<string, { frames: () => (string | Buffer)[]; reason: string }>> = {
  'a frame one byte past the 16 MiB limit': { frames: () => [statusFrame(DEFAULT_MAX_PAYLOAD_BYTES + 1)], reason: 'uwsFrameTooLarge' },
  // two windows' worth plus one: at least one one-second window sees more than the limit
  'twice the message limit and one more in a burst': {
    frames: () => Array.from({ length: 2 * DEFAULT_MAX_MESSAGES_PER_SECOND + 1 }, (_, i) => `{"channel":"status","data":${i}}`),
    reason: 'uwsMessageRateExceeded',
  },
};

/** Well-formed updates with hostile names: data, never a prototype. */
const HOSTILE_NAMES: readonly string[] = [
  '{"channel":"positions","type":"update","data":{"futures":[{"symbol":"__proto__","size":"1","entry_price":"10"},{"symbol":"constructor","size":"2","entry_price":"10"},{"symbol":"toString","size":"3","entry_price":"10"}]}}',
  '{"channel":"balances","type":"update","data":[{"asset":"__proto__","balance":"5"},{"asset":"constructor","balance":"6"}]}',
  margin('{"x":"1"}', '__proto__'),
];

/** The figures without their receive and server times, to compare two moments. */
function figures(snapshot: AccountSnapshot | null): unknown {
  if (snapshot === null) return null;
  const { fetchedAt: _fetchedAt, serverTime: _serverTime, accounts, ...rest } = snapshot;
  const { serverTime: _accountsTime, ...figuresOfAccounts } = accounts;
  return { ...rest, accounts: figuresOfAccounts };
}

async function until(condition: () => boolean, what: string, timeoutMs = HANG_LIMIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

function typed(error: unknown): boolean {
  return error instanceof KrakenError && error.message.length > 0 && error.action.length > 0;
}

describe('audit: a hostile Unified WebSocket peer, through the app stream', () => {
  let exchange: SimulatedExchange;
  let server: ExchangeServer;
  let loopback: UwsLoopback;

  beforeAll(async () => {
    loopback = await startUwsLoopback({ heartbeatMs: 60_000 });
    ({ exchange, server } = loopback);
  });
  afterAll(() => loopback.close());

  function openStream() {
    const credentials = exchange.addKey({ spotPermissions: ['websocket'] });
    const errors: unknown[] = [];
    const connections: StreamConnectionEvent[] = [];
    let alive = 0;
    const stream = new UwsAccountStream({
      appVersion: 'audit',
      targetOf: async () => ({ baseUrl: server.url, streamUrl: server.uwsUrl, getCredentials: async () => credentials }),
      nonces: new NonceSequences(systemClock),
      onError: (error) => errors.push(error),
      timings: { backoffBaseMs: 20, backoffMaxMs: 100 },
    });
    const handle = stream.open('audit', {
      changed: () => undefined,
      alive: () => void (alive += 1),
      connection: (event) => void connections.push(event),
    });
    return { handle, errors, connections, alive: () => alive };
  }

  it('skips bad frames keeping the figures, makes health unknown for unreadable figures, closes on frames past its limits and comes back', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const { handle, errors, connections, alive } = openStream();
    const outcomes: Record<string, string> = {};
    let hangs = 0;
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      expect(await until(() => handle.current() !== null, 'the first figures')).toBe(true);
      const good = figures(handle.current());

      for (const [name, frame] of Object.entries(BAD_FRAMES)) {
        const [errorsBefore, aliveBefore, eventsBefore] = [errors.length, alive(), connections.length];
        server.uws.sendRaw(frame);
        // Frames are handled in order: once this heartbeat is, the bad frame before it was too.
        server.uws.sendRaw('{"channel":"heartbeat"}');
        if (!(await until(() => alive() > aliveBefore || connections.length > eventsBefore, name))) {
          hangs += 1;
          outcomes[name] = 'hang';
          continue;
        }
        const raised = errors.slice(errorsBefore);
        outcomes[name] =
          connections.length > eventsBefore
            ? `connection ${connections.at(-1)?.kind}`
            : raised.length === 0
              ? 'ignored'
              : raised.every(typed)
                ? `typed ${raised.map((error) => (error as KrakenError).kind).join(', ')}`
                : `untyped ${raised.map(String).join(', ')}`;
      }
      expect(figures(handle.current())).toEqual(good);

      for (const [name, frame] of Object.entries(UNREADABLE_FIGURES)) {
        const aliveBefore = alive();
        server.uws.sendRaw(frame);
        server.uws.sendRaw('{"channel":"heartbeat"}');
        if (!(await until(() => alive() > aliveBefore, name))) {
          hangs += 1;
          outcomes[name] = 'hang';
          continue;
        }
        const missing = handle.current()?.missingFigures?.['flex'] ?? [];
        outcomes[name] = missing.some((figure) => figure.startsWith('margin equity')) ? 'health unknown, margin equity named' : `health judged: ${JSON.stringify(missing)}`;
      }

      for (const [name, closing] of Object.entries(CLOSING_FRAMES)) {
        const eventsBefore = connections.length;
        for (const frame of closing.frames()) server.uws.sendRaw(frame);
        const down = await until(() => connections.slice(eventsBefore).some((event) => event.kind === 'down'), name);
        const back = down && (await until(() => connections.at(-1)?.kind === 'up' && handle.current() !== null, `${name}: back up`));
        if (!back) hangs += 1;
        const event = connections.slice(eventsBefore).find((e) => e.kind === 'down');
        const error = event?.kind === 'down' ? event.error : null;
        outcomes[name] = !back ? 'hang' : typed(error) && (error as KrakenError).kind === closing.reason ? `closed ${closing.reason}, back up` : `closed by ${String(error)}`;
      }
      expect(figures(handle.current())).toEqual(good);
    } finally {
      clearInterval(sampler);
      handle.close();
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
    const wrong = Object.entries(outcomes).filter(([name, outcome]) =>
      name in CLOSING_FRAMES
        ? !outcome.startsWith('closed uws')
        : name in UNREADABLE_FIGURES
          ? !outcome.startsWith('health unknown')
          : CARRYING_NOTHING.has(name)
            ? outcome !== 'ignored'
            : !outcome.startsWith('typed '),
    );
    expect(wrong).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(hangs).toBe(0);
    const peakGrowthMb = Math.round((peak - baseline) / 1_048_576);
    expect(peakGrowthMb).toBeLessThan(512);
    recordAuditFigures('badFrames', {
      tried: Object.keys(BAD_FRAMES).length + Object.keys(UNREADABLE_FIGURES).length + Object.keys(CLOSING_FRAMES).length,
      skippedWithTypedError: Object.values(outcomes).filter((outcome) => outcome.startsWith('typed ')).length,
      ignoredCarryingNothing: Object.values(outcomes).filter((outcome) => outcome === 'ignored').length,
      healthMadeUnknown: Object.values(outcomes).filter((outcome) => outcome.startsWith('health unknown')).length,
      closedAndBackUp: Object.values(outcomes).filter((outcome) => outcome.endsWith('back up')).length,
      crashes: uncaught.length,
      hangs,
      untyped: wrong.length,
      peakMemoryGrowthMb: peakGrowthMb,
    });
  }, 120_000);

  it('reads hostile names as data: nothing reaches a prototype, and no mark price is found on one', async () => {
    const { handle, alive } = openStream();
    try {
      expect(await until(() => handle.current() !== null, 'the first figures')).toBe(true);
      for (const frame of HOSTILE_NAMES) {
        const before = alive();
        server.uws.sendRaw(frame);
        server.uws.sendRaw('{"channel":"heartbeat"}');
        expect(await until(() => alive() > before, 'the frame handled')).toBe(true);
      }
      const snapshot = handle.current()!;
      expect(snapshot.positions.map((position) => position.symbol)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'tostring']));
      for (const key of ['size', 'balance', 'x']) expect(({} as Record<string, unknown>)[key]).toBeUndefined();
      const report = buildRiskReport(snapshot);
      for (const position of report?.positions ?? []) expect(position.markPrice === null || typeof position.markPrice === 'string', position.symbol).toBe(true);
    } finally {
      handle.close();
    }
  });
});

describe('audit: the Unified WebSocket handshake and compression', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  function wsServer(options: ConstructorParameters<typeof WebSocketServer>[0]): Promise<{ wss: WebSocketServer; url: string }> {
    return new Promise((resolve) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options }, () => {
        resolve({ wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v2/private` });
      });
      closers.push(
        () =>
          new Promise((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      );
    });
  }

  function connection(url: string, token: string): UwsConnection {
    const created = new UwsConnection({ url, appVersion: 'audit', getToken: async () => new WebSocketToken(token, 900), timings: { backoffBaseMs: 60_000 } });
    closers.push(async () => created.stop());
    return created;
  }

  it('closes on a compressed frame that inflates past the limit (a deflate bomb), without inflating it whole', async () => {
    const { wss, url } = await wsServer({ perMessageDeflate: true });
    let negotiated = '';
    let wireBytes = 0;
    wss.on('connection', (socket, request) => {
      negotiated = request.headers['sec-websocket-extensions'] ?? '';
      socket.send(statusFrame(DEFAULT_MAX_PAYLOAD_BYTES + 1), { compress: true }, () => {
        wireBytes = request.socket.bytesWritten;
      });
    });
    const client = connection(url, 'token-deflate');
    client.start();
    expect(await until(() => client.state.kind === 'reconnecting', 'the connection closed')).toBe(true);
    const state = client.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsFrameTooLarge');
    expect(negotiated).toContain('permessage-deflate');
    // the whole 16 MiB frame crossed the wire in a few kilobytes
    expect(wireBytes).toBeGreaterThan(0);
    expect(wireBytes).toBeLessThan(DEFAULT_MAX_PAYLOAD_BYTES / 100);
  });

  it('checks the certificate even with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment: no token to a server it cannot verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-wss-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const https = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    const impostor = new WebSocketServer({ server: https });
    const received: string[] = [];
    impostor.on('connection', (socket) => socket.on('message', (data) => received.push(String(data))));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((done) => {
          for (const client of impostor.clients) client.terminate();
          impostor.close();
          https.close(() => done());
        }),
    );
    const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const client = connection(`wss://127.0.0.1:${(https.address() as AddressInfo).port}/v2/private`, 'token-impostor');
      client.start();
      expect(await until(() => client.state.kind === 'reconnecting', 'the handshake refused')).toBe(true);
      const state = client.state;
      expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsConnectFailed');
      expect(received).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
    }
  });

  it('does not follow a redirected handshake: the token never reaches the other server', async () => {
    const elsewhere = await wsServer({});
    const received: string[] = [];
    elsewhere.wss.on('connection', (socket) => socket.on('message', (data) => received.push(String(data))));
    const redirecting: Server = createServer((_request, response) => response.writeHead(302, { location: elsewhere.url }).end());
    redirecting.on('upgrade', (_request, socket) => {
      socket.end(`HTTP/1.1 302 Found\r\nLocation: ${elsewhere.url}\r\nContent-Length: 0\r\n\r\n`);
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((done) => redirecting.close(() => done())));
    const client = connection(`ws://127.0.0.1:${(redirecting.address() as AddressInfo).port}/v2/private`, 'token-redirect');
    client.start();
    expect(await until(() => client.state.kind === 'reconnecting', 'the handshake refused')).toBe(true);
    const state = client.state;
    expect(state.kind === 'reconnecting' && state.lastError).toMatchObject({ kind: 'uwsConnectFailed', message: expect.stringContaining('HTTP 302') });
    expect(elsewhere.wss.clients.size).toBe(0);
    expect(received).toEqual([]);
  });
});

describe('audit: reconnect storms', () => {
  let loopback: UwsLoopback;
  afterEach(() => loopback.close());

  it('a storm of network-change events while the exchange refuses the upgrade: one attempt per backoff base at most', async () => {
    loopback = await startUwsLoopback();
    const events = 200;
    const stepMs = 10;
    const backoffBaseMs = 500;
    loopback.server.uws.refuseUpgrades(503, 0, events);
    const recorded = loopback.connect({ timings: { backoffBaseMs, backoffMaxMs: 60_000 } });
    recorded.connection.start();
    expect(await until(() => recorded.connection.state.kind === 'reconnecting', 'the first refusal')).toBe(true);
    const before = loopback.exchange.requestCount('wsToken');
    for (let i = 0; i < events; i++) {
      recorded.connection.networkChanged();
      recorded.clock.advance(stepMs);
      // real time for the loopback token request and handshake an event may have started
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const attempts = loopback.exchange.requestCount('wsToken') - before;
    // a network change does try again (sooner than the backoff), but never more often than the base allows
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual((events * stepMs) / backoffBaseMs + 1);
    recordAuditFigures('reconnectStorm', { networkChangeEvents: events, simulatedSeconds: (events * stepMs) / 1000, connectionAttempts: attempts });
  });
});
