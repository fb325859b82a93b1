import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrakenClient } from '../../../../src-main/kraken/client.ts';
import { createLogger } from '../../../../src-main/log/logger.ts';
import { reconnectNow, startUwsLoopback, stateKind, until, untilLive, type UwsLoopback } from './uws-loopback.ts';

let loopback: UwsLoopback;

beforeEach(async () => {
  loopback = await startUwsLoopback();
});

afterEach(async () => {
  await loopback.close();
});

function tokensSent(): string[] {
  return loopback.server.uws.requests.flatMap((request) => {
    const params = request['params'] as Record<string, unknown> | undefined;
    return typeof params?.['token'] === 'string' ? [params['token']] : [];
  });
}

function subscribeParams(): Record<string, unknown>[] {
  return loopback.server.uws.requests.filter((request) => request['method'] === 'subscribe').map((request) => request['params'] as Record<string, unknown>);
}

function parse(frame: string): Record<string, unknown> {
  return JSON.parse(frame) as Record<string, unknown>;
}

describe('UwsConnection over a real loopback WebSocket', () => {
  it('subscribes margin, positions (with margin) and balances exactly as documented, and goes live', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const params = subscribeParams().map(({ token, ...rest }) => {
      expect(typeof token).toBe('string');
      return rest;
    });
    expect(params).toEqual([
      { channel: 'margin', asset_class: 'derivatives' },
      { channel: 'positions', asset_class: 'derivatives', with_margin: true },
      { channel: 'balances', snapshot: true },
    ]);
    expect(loopback.server.uws.requests.every((request) => typeof request['req_id'] === 'number')).toBe(true);
    expect(recorded.states.map((s) => s.kind)).toEqual(['connecting', 'subscribing', 'live']);
    expect(recorded.delivered.map((event) => event.channel).sort()).toEqual(['balances', 'margin', 'positions']);
    expect(recorded.delivered.at(-1)?.allDelivered).toBe(true);
  });

  it('hands every data frame on as raw text with its channel and type', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const kinds = recorded.frames.map((frame) => `${frame.channel}/${frame.type}`);
    expect(kinds).toEqual(expect.arrayContaining(['margin/multi_collateral', 'margin/single_collateral', 'positions/snapshot', 'balances/snapshot']));
    for (const frame of recorded.frames) expect(parse(frame.frame)['channel']).toBe(frame.channel);
    expect(recorded.frames.some((frame) => frame.channel === 'heartbeat')).toBe(false);
  });

  it('shows the same figures as the REST answers of the same simulated account', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const rest = new KrakenClient({ baseUrl: loopback.server.url, appVersion: '1.2.3', getCredentials: async () => loopback.credentials });
    const accounts = await rest.accounts();
    const multi = recorded.frames.find((frame) => frame.type === 'multi_collateral');
    const data = (parse(multi?.frame ?? '{}')['data'] ?? {}) as Record<string, unknown>;
    expect(String(data['margin_equity'])).toBe(accounts.flex?.marginEquity);
    expect(String(data['available_margin'])).toBe(accounts.flex?.availableMargin);
    expect(String(data['maintenance_margin'])).toBe(accounts.flex?.maintenanceMargin);
  });

  it('pushes margin and positions updates when the mark price moves', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const before = recorded.frames.length;
    loopback.exchange.setMarkPrice('pf_xbtusd', '50000');
    await until(() => recorded.frames.slice(before).some((f) => f.channel === 'positions' && f.type === 'update'), 'a positions update');
    await until(() => recorded.frames.slice(before).some((f) => f.type === 'multi_collateral'), 'a margin section');
    const update = recorded.frames.slice(before).find((f) => f.channel === 'positions' && f.type === 'update');
    const futures = ((parse(update?.frame ?? '{}')['data'] as Record<string, unknown>)['futures'] ?? []) as Record<string, unknown>[];
    expect(futures.map((position) => position['instrument'])).toEqual(['PF_XBTUSD']);
  });

  it('takes a fresh token for every connection: reconnecting after a drop uses a new one', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.dropConnections();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsConnectionClosed');
    await reconnectNow(recorded);
    expect(loopback.exchange.uwsTokens.issuedCount).toBe(2);
    expect(new Set(tokensSent()).size).toBe(2);
    expect(recorded.delivered.filter((event) => event.allDelivered)).toHaveLength(2);
  });

  it('treats "Already subscribed" as success', async () => {
    loopback.server.uws.failNextSubscribe('margin', 'Already subscribed to margin channel');
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'live', 'live');
    expect(recorded.problems).toEqual([]);
  });

  it('asks again for a positions snapshot that was too large, a bounded number of times', async () => {
    loopback.server.uws.failSnapshots(2);
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const unsubscribes = loopback.server.uws.requests.filter((r) => r['method'] === 'unsubscribe');
    expect(unsubscribes).toHaveLength(2);

    const bounded = loopback.connect({ maxSnapshotRetries: 2 });
    loopback.server.uws.failSnapshots(3);
    bounded.connection.start();
    await until(() => stateKind(bounded) === 'reconnecting', 'reconnecting');
    const state = bounded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsSnapshotTooLarge');
  });

  it('reconnects with a fresh token when the session expires', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.expireSessions();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsSessionExpired');
    await reconnectNow(recorded);
    expect(loopback.exchange.uwsTokens.issuedCount).toBe(2);
  });

  it('an error envelope that is neither session nor permission reconnects with backoff', async () => {
    loopback.server.uws.failNextSubscribe('balances', 'Internal error');
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError).toMatchObject({ kind: 'uwsSubscribeRejected', retryable: true });
    await reconnectNow(recorded);
  });

  it('a permission refusal of a subscription fails and stops', async () => {
    loopback.server.uws.failNextSubscribe('margin', 'EGeneral:Permission denied');
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'failed', 'failed');
    expect(recorded.connection.state.kind === 'failed' && recorded.connection.state.error.category).toBe('credentials');
  });

  it('a key without the WebSocket permission fails without retrying', async () => {
    const keys = loopback.exchange.addKey({ spotPermissions: ['query-funds'] });
    const recorded = loopback.connect({ credentials: keys });
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'failed', 'failed');
    const state = recorded.connection.state;
    expect(state.kind === 'failed' && state.error.kind).toBe('spotPermissionDenied');
    recorded.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loopback.exchange.requestCount('wsToken')).toBe(1);
    expect(stateKind(recorded)).toBe('failed');
  });

  it('EGeneral:Temporary lockout is never retried by itself', async () => {
    loopback.exchange.injectFault({ kind: 'errorCode', code: 'EGeneral:Temporary lockout' }, { endpoint: 'wsToken' });
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'failed', 'failed');
    recorded.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loopback.exchange.requestCount('wsToken')).toBe(1);
    // the user acts: start() tries again
    recorded.connection.start();
    await untilLive(recorded);
  });

  it('a transient token error (EService:Unavailable) is retried with backoff', async () => {
    loopback.exchange.injectFault({ kind: 'errorCode', code: 'EService:Unavailable' }, { endpoint: 'wsToken' });
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    await reconnectNow(recorded);
  });

  it('a frozen connection is pinged, then reopened by the watchdog', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.freezeConnections();
    const pingsBefore = loopback.server.uws.requests.filter((r) => r['method'] === 'ping').length;
    recorded.clock.advance(5_000);
    recorded.clock.advance(5_000);
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsHeartbeatTimeout');
    // the frozen server swallowed the ping; the client sent it all the same
    expect(loopback.server.uws.requests.filter((r) => r['method'] === 'ping').length).toBe(pingsBefore);
    await reconnectNow(recorded);
  });

  it('without heartbeats the application ping keeps a working connection live', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.setHeartbeats(false);
    for (let i = 0; i < 4; i++) {
      const pings = loopback.server.uws.requests.filter((r) => r['method'] === 'ping').length;
      recorded.clock.advance(5_000);
      await until(() => loopback.server.uws.requests.filter((r) => r['method'] === 'ping').length > pings, 'a ping');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(stateKind(recorded)).toBe('live');
  });

  it('reports a malformed frame, skips it and stays live', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.sendMalformedFrame();
    await until(() => recorded.problems.length > 0, 'a problem');
    expect(recorded.problems[0]?.kind).toBe('uwsMalformedFrame');
    const before = recorded.frames.length;
    loopback.exchange.setMarkPrice('pf_ethusd', '2500');
    await until(() => recorded.frames.length > before, 'frames after the malformed one');
    expect(stateKind(recorded)).toBe('live');
  });

  it('reports binary frames, JSON arrays and bare values as malformed, and keeps going', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.sendRaw(Buffer.from([1, 2, 3]));
    loopback.server.uws.sendRaw('[1,2,3]');
    loopback.server.uws.sendRaw('42');
    loopback.server.uws.sendRaw('');
    await until(() => recorded.problems.length === 4, 'four problems');
    expect(recorded.problems.map((problem) => problem.kind)).toEqual(['uwsMalformedFrame', 'uwsMalformedFrame', 'uwsMalformedFrame', 'uwsMalformedFrame']);
    expect(recorded.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('is binary'),
      expect.stringContaining('not a JSON object'),
      expect.stringContaining('not a JSON object'),
      expect.stringContaining('not JSON'),
    ]);
    expect(stateKind(recorded)).toBe('live');
  });

  it('accepts a frame of exactly maxPayload bytes and closes on one byte more', async () => {
    const limit = 1024 * 1024;
    const frameOf = (size: number) => {
      const head = '{"channel":"status","data":"';
      const tail = '"}';
      return head + 'x'.repeat(size - head.length - tail.length) + tail;
    };
    const recorded = loopback.connect({ maxPayloadBytes: limit });
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.sendRaw(frameOf(limit));
    await until(() => recorded.frames.some((frame) => frame.channel === 'status'), 'the frame at the limit');
    expect(recorded.frames.find((frame) => frame.channel === 'status')?.frame.length).toBe(limit);
    expect(stateKind(recorded)).toBe('live');
    loopback.server.uws.sendRaw(frameOf(limit + 1));
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsFrameTooLarge');
    expect(recorded.frames.filter((frame) => frame.channel === 'status')).toHaveLength(1);
  });

  it('passes figures as strings and unknown fields through untouched', async () => {
    loopback.server.uws.setFiguresAsStrings(true);
    loopback.server.uws.setUnknownFields(true);
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    const multi = parse(recorded.frames.find((frame) => frame.type === 'multi_collateral')?.frame ?? '{}');
    expect(typeof (multi['data'] as Record<string, unknown>)['margin_equity']).toBe('string');
    expect(multi['future_field']).toBeDefined();
  });

  it('closes on a frame above maxPayload (1,000 positions) and reconnects later', async () => {
    loopback.exchange.openGeneratedPositions(1_000);
    const recorded = loopback.connect({ maxPayloadBytes: 64 * 1024 });
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsFrameTooLarge');

    const roomy = loopback.connect();
    roomy.connection.start();
    await untilLive(roomy);
    const snapshot = parse(roomy.frames.find((frame) => frame.channel === 'positions')?.frame ?? '{}');
    expect(((snapshot['data'] as Record<string, unknown>)['futures'] as unknown[]).length).toBe(1_003);
  });

  it('closes when a peer floods it with messages', async () => {
    const recorded = loopback.connect({ maxMessagesPerSecond: 20 });
    recorded.connection.start();
    await untilLive(recorded);
    for (let i = 0; i < 30; i++) {
      loopback.exchange.setMarkPrice('pf_xbtusd', String(60_000 + i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError.kind).toBe('uwsMessageRateExceeded');
  });

  it('accepts exactly maxMessagesPerSecond frames in a second and closes on one more', async () => {
    const recorded = loopback.connect({ maxMessagesPerSecond: 50 });
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.setHeartbeats(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // a new one-second window starts with the next frame
    recorded.clock.advance(1_000);
    for (let i = 0; i < 50; i++) loopback.server.uws.sendRaw(`{"channel":"status","data":${i}}`);
    await until(() => recorded.frames.filter((frame) => frame.channel === 'status').length === 50, 'fifty frames');
    expect(stateKind(recorded)).toBe('live');
    loopback.server.uws.sendRaw('{"channel":"status","data":50}');
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    expect(recorded.frames.filter((frame) => frame.channel === 'status')).toHaveLength(50);
  });

  it('suspend closes and stays quiet; resume reconnects with a fresh token', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    recorded.connection.suspend();
    expect(recorded.connection.state).toEqual({ kind: 'stopped', reason: 'suspended' });
    await until(() => loopback.server.uws.openConnections === 0, 'the server to see the close');
    recorded.clock.advance(3_600_000);
    expect(stateKind(recorded)).toBe('stopped');
    recorded.connection.resume();
    await untilLive(recorded);
    expect(loopback.exchange.uwsTokens.issuedCount).toBe(2);
  });

  it('a network change checks a live connection with a ping and reopens it when unanswered', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    recorded.connection.networkChanged();
    await new Promise((resolve) => setTimeout(resolve, 50));
    recorded.clock.advance(3_000);
    expect(stateKind(recorded)).toBe('live');

    loopback.server.uws.freezeConnections();
    recorded.connection.networkChanged();
    recorded.clock.advance(3_000);
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    await reconnectNow(recorded);
  });

  it('a network change while waiting to retry tries at once', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.dropConnections();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    recorded.clock.advance(500);
    recorded.connection.networkChanged();
    recorded.clock.advance(0);
    await untilLive(recorded);
  });

  it('backs off further on each failed attempt (a reconnect storm is not hammered)', async () => {
    const recorded = loopback.connect({ timings: { backoffBaseMs: 1_000, backoffMaxMs: 16_000 } });
    recorded.connection.start();
    await untilLive(recorded);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      loopback.server.uws.dropConnections();
      await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
      const state = recorded.connection.state;
      if (state.kind !== 'reconnecting') throw new Error('expected reconnecting');
      delays.push(state.nextRetryAt - recorded.clock.now());
      await reconnectNow(recorded);
    }
    // random() = 0.5: half of min(max, base × 2^attempt)
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    // a connection that stays up long enough resets the backoff (the clock moves in steps the
    // simulator's real-time heartbeats keep alive)
    for (let i = 0; i < 8; i++) {
      recorded.clock.advance(4_000);
      const frames = recorded.frames.length;
      loopback.exchange.setMarkPrice('pf_xbtusd', String(61_000 + i));
      await until(() => recorded.frames.length > frames, 'a frame');
    }
    expect(stateKind(recorded)).toBe('live');
    loopback.server.uws.dropConnections();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.nextRetryAt - recorded.clock.now()).toBe(500);
  });

  it('a refused handshake is a typed connectivity error and is retried', async () => {
    const recorded = loopback.connect({ url: loopback.server.uwsUrl.replace('/v2/private', '/nowhere') });
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    const state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError).toMatchObject({ kind: 'uwsConnectFailed', category: 'connectivity', retryable: true });
    expect(state.kind === 'reconnecting' && state.lastError.message).toContain('HTTP 404');
  });

  it("honours a refused upgrade's Retry-After, capped at the backoff maximum", async () => {
    loopback.server.uws.refuseUpgrades(429, 7);
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    let state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.lastError).toMatchObject({ kind: 'uwsConnectFailed', retryAfterMs: 7_000 });
    expect(state.kind === 'reconnecting' && state.nextRetryAt - recorded.clock.now()).toBe(7_000);
    await reconnectNow(recorded);

    loopback.server.uws.refuseUpgrades(503, 86_400);
    loopback.server.uws.dropConnections();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting after the drop');
    state = recorded.connection.state;
    if (state.kind !== 'reconnecting') throw new Error('expected reconnecting');
    recorded.clock.advance(state.nextRetryAt - recorded.clock.now());
    const refused = () => {
      const now = recorded.connection.state;
      return now.kind === 'reconnecting' && now.lastError.kind === 'uwsConnectFailed';
    };
    await until(refused, 'reconnecting after the refusal');
    state = recorded.connection.state;
    expect(state.kind === 'reconnecting' && state.nextRetryAt - recorded.clock.now()).toBe(60_000);
  });

  it('a token request that hangs is given up after the connect timeout and retried', async () => {
    loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'wsToken' });
    const recorded = loopback.connect();
    recorded.connection.start();
    await until(() => loopback.exchange.requestCount('wsToken') === 1, 'the token request');
    recorded.clock.advance(20_000);
    expect(recorded.connection.state).toMatchObject({ kind: 'reconnecting', lastError: { kind: 'uwsConnectFailed' } });
    await reconnectNow(recorded);
  });

  it('refuses to send a token to an unencrypted address off this machine', async () => {
    const recorded = loopback.connect({ url: 'ws://uws.kraken.com.example/v2/private' });
    recorded.connection.start();
    expect(recorded.connection.state).toMatchObject({ kind: 'failed', error: { kind: 'uwsInsecureAddress' } });
    expect(loopback.exchange.requestCount('wsToken')).toBe(0);
  });

  it('reports positions whose snapshot never comes (with_margin without snapshot) and keeps them undelivered', async () => {
    await loopback.close();
    loopback = await startUwsLoopback({ snapshotWithMargin: false });
    // shorter than the watchdog's ping, so that moving the clock past it keeps the connection
    const recorded = loopback.connect({ timings: { positionsSnapshotWaitMs: 3_000 } });
    recorded.connection.start();
    await until(() => stateKind(recorded) === 'live' && recorded.connection.delivered.size === 2, 'live with margin and balances');
    expect(recorded.problems).toEqual([]);
    recorded.clock.advance(3_000);
    expect(recorded.problems.map((problem) => problem.kind)).toContain('uwsPositionsSnapshotMissing');
    expect(recorded.connection.delivered.has('positions')).toBe(false);
    expect(recorded.delivered.some((event) => event.allDelivered)).toBe(false);
    // an update still arrives and is handed on
    loopback.exchange.setMarkPrice('pf_xbtusd', '59000');
    await until(() => recorded.frames.some((frame) => frame.channel === 'positions' && frame.type === 'update'), 'a positions update');
  });

  it('stop closes for good', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    recorded.connection.stop();
    expect(recorded.connection.state).toEqual({ kind: 'stopped', reason: 'stopped' });
    await until(() => loopback.server.uws.openConnections === 0, 'the server to see the close');
    recorded.connection.resume();
    expect(stateKind(recorded)).toBe('stopped');
  });

  it('never puts the token, the secret or an API-Sign into events, errors or states', async () => {
    const recorded = loopback.connect();
    recorded.connection.start();
    await untilLive(recorded);
    loopback.server.uws.expireSessions();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    await reconnectNow(recorded);
    loopback.server.uws.sendMalformedFrame();
    loopback.server.uws.failNextSubscribe('margin', `ESession:Invalid session ${tokensSent()[0]}`);
    loopback.server.uws.dropConnections();
    await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
    recorded.clock.advance((recorded.connection.state as { nextRetryAt: number }).nextRetryAt - recorded.clock.now());
    await until(() => recorded.problems.some((p) => p.kind === 'uwsSessionExpired') && stateKind(recorded) === 'reconnecting', 'session error');
    const secrets = [...tokensSent(), loopback.credentials.apiSecret, ...loopback.apiSigns];
    expect(tokensSent().length).toBeGreaterThanOrEqual(3);
    expect(loopback.apiSigns.length).toBeGreaterThanOrEqual(3);
    for (const line of recorded.printed) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('logging every event and error through the app logger writes no token, secret or API-Sign', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'margin-desk-uws-log-'));
    try {
      const logger = createLogger({ filePath: join(folder, 'app.log'), minLevel: 'debug' });
      const recorded = loopback.connect();
      recorded.connection.on('state', (state) => logger.info('uws state', state));
      recorded.connection.on('problem', (error) => logger.warn('uws problem', { error, message: error.message, action: error.action, stack: error.stack }));
      recorded.connection.on('data', (frame) => logger.debug('uws frame', frame));
      recorded.connection.start();
      await untilLive(recorded);
      loopback.server.uws.expireSessions();
      await until(() => stateKind(recorded) === 'reconnecting', 'reconnecting');
      await reconnectNow(recorded);
      const written = readFileSync(join(folder, 'app.log'), 'utf8');
      expect(written).toContain('uws state');
      for (const secret of [...tokensSent(), loopback.credentials.apiSecret, ...loopback.apiSigns]) expect(written).not.toContain(secret);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
