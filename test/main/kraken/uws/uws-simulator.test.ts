import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NonceSequences } from '../../../../src-main/kraken/nonce.ts';
import { createSampleExchange, SAMPLE_CREDENTIALS } from '../../../../src-main/kraken/simulator/sample-exchange.ts';
import { SpotClient } from '../../../../src-main/kraken/uws/spot-client.ts';
import { ManualClock } from '../manual-clock.ts';
import { rawClient, startUwsLoopback, type RawClient, type UwsLoopback } from './uws-loopback.ts';

let loopback: UwsLoopback;
let spot: SpotClient;
const open: RawClient[] = [];

beforeEach(async () => {
  loopback = await startUwsLoopback();
  const clock = new ManualClock(Date.now());
  spot = new SpotClient({
    baseUrl: loopback.server.url,
    appVersion: '1.2.3',
    getCredentials: async () => loopback.credentials,
    nonces: new NonceSequences(clock),
    clock,
  });
});

afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await loopback.close();
});

async function client(): Promise<RawClient> {
  const raw = await rawClient(loopback.server.uwsUrl);
  open.push(raw);
  return raw;
}

async function token(): Promise<string> {
  return (await spot.webSocketToken()).value;
}

/** Sends a request and returns the envelope answering its req_id. */
async function request(raw: RawClient, method: string, params: Record<string, unknown>, reqId: number): Promise<Record<string, unknown>> {
  raw.send({ method, params, req_id: reqId });
  return raw.next((message) => message['req_id'] === reqId);
}

describe('the simulated Unified WebSocket', () => {
  it('acknowledges a subscription with the v2 envelope (method, result without token, success, times, req_id)', async () => {
    const raw = await client();
    const ack = await request(raw, 'subscribe', { channel: 'margin', asset_class: 'derivatives', token: await token() }, 7);
    expect(ack).toMatchObject({ method: 'subscribe', success: true, req_id: 7, result: { channel: 'margin', asset_class: 'derivatives' } });
    expect(ack['result']).not.toHaveProperty('token');
    expect(Date.parse(String(ack['time_in']))).not.toBeNaN();
    expect(Date.parse(String(ack['time_out']))).not.toBeNaN();
  });

  it('margin: refuses snapshot, needs derivatives, one per connection', async () => {
    const raw = await client();
    const value = await token();
    expect(await request(raw, 'subscribe', { channel: 'margin', asset_class: 'derivatives', snapshot: true, token: value }, 1)).toMatchObject({
      success: false,
      error: "'params.snapshot' is not valid for the margin channel",
    });
    expect((await request(raw, 'subscribe', { channel: 'margin', token: value }, 2))['success']).toBe(false);
    expect((await request(raw, 'subscribe', { channel: 'margin', asset_class: 'derivatives', token: value }, 3))['success']).toBe(true);
    expect(await request(raw, 'subscribe', { channel: 'margin', asset_class: 'derivatives', token: value }, 4)).toMatchObject({
      success: false,
      error: 'Already subscribed to margin channel',
    });
  });

  it('margin: sends each section as a full replacement on subscribe', async () => {
    const raw = await client();
    raw.send({ method: 'subscribe', params: { channel: 'margin', asset_class: 'derivatives', token: await token() } });
    const multi = await raw.next((m) => m['type'] === 'multi_collateral');
    const single = await raw.next((m) => m['type'] === 'single_collateral');
    expect(multi['data']).toHaveProperty('margin_equity');
    expect(multi['data']).toHaveProperty('currencies.XBT.haircut');
    expect(single['data']).toHaveProperty(['F-XBT:USD', 'maintenance_margin']);
  });

  it('positions: refuses snapshot with with_margin; snapshot then updates of the changed positions only, size 0 when closed', async () => {
    const raw = await client();
    const value = await token();
    expect(
      await request(raw, 'subscribe', { channel: 'positions', asset_class: 'derivatives', snapshot: true, with_margin: true, token: value }, 1),
    ).toMatchObject({ success: false });
    expect((await request(raw, 'subscribe', { channel: 'positions', asset_class: 'derivatives', with_margin: true, token: value }, 2))['success']).toBe(true);
    const snapshot = await raw.next((m) => m['channel'] === 'positions');
    expect(snapshot['type']).toBe('snapshot');
    const futures = (snapshot['data'] as { futures: Record<string, unknown>[] }).futures;
    expect(futures.map((p) => p['instrument']).sort()).toEqual(['PF_ETHUSD', 'PF_XBTUSD', 'PI_XBTUSD']);
    expect(futures[0]).toHaveProperty('maintenance_margin');
    expect(await request(raw, 'subscribe', { channel: 'positions', asset_class: 'derivatives', with_margin: true, token: value }, 3)).toMatchObject({
      error: 'Already subscribed to positions channel',
    });

    loopback.exchange.setMarkPrice('pf_ethusd', '2900');
    const update = await raw.next((m) => m['channel'] === 'positions');
    expect(update['type']).toBe('update');
    expect((update['data'] as { futures: Record<string, unknown>[] }).futures.map((p) => p['instrument'])).toEqual(['PF_ETHUSD']);

    loopback.exchange.closePosition({ symbol: 'pf_xbtusd' });
    const closed = await raw.next((m) => m['channel'] === 'positions');
    expect((closed['data'] as { futures: unknown[] }).futures).toEqual([{ instrument: 'PF_XBTUSD', size: 0 }]);
  });

  it('balances: refuses asset_class; a snapshot of every wallet, then ledger-style updates', async () => {
    const raw = await client();
    const value = await token();
    expect(await request(raw, 'subscribe', { channel: 'balances', asset_class: 'derivatives', snapshot: true, token: value }, 1)).toMatchObject({
      success: false,
      error: "'params.asset_class' is not valid for the balances channel",
    });
    expect((await request(raw, 'subscribe', { channel: 'balances', snapshot: true, token: value }, 2))['success']).toBe(true);
    const snapshot = await raw.next((m) => m['channel'] === 'balances');
    const assets = (snapshot['data'] as { asset: string; wallets: unknown[] }[]).map((entry) => entry.asset).sort();
    expect(assets).toEqual(['USD', 'XBT']);
    loopback.exchange.deposit('USD', '5');
    const update = await raw.next((m) => m['channel'] === 'balances');
    expect(update).toMatchObject({ type: 'update', data: [{ asset: 'USD', wallet_id: 'flex', amount: 5, balance: 10005 }] });
  });

  it('answers ping with pong and the same req_id; sends heartbeats once subscribed', async () => {
    const raw = await client();
    raw.send({ method: 'ping', req_id: 42 });
    expect(await raw.next((m) => m['method'] === 'pong')).toMatchObject({ method: 'pong', req_id: 42 });
    raw.send({ method: 'subscribe', params: { channel: 'balances', snapshot: true, token: await token() } });
    expect(await raw.next((m) => m['channel'] === 'heartbeat')).toEqual({ channel: 'heartbeat' });
  });

  it('a token is bound to one connection and refused on another, and unknown tokens are refused', async () => {
    const value = await token();
    const first = await client();
    expect((await request(first, 'subscribe', { channel: 'balances', snapshot: true, token: value }, 1))['success']).toBe(true);
    const second = await client();
    expect(await request(second, 'subscribe', { channel: 'balances', snapshot: true, token: value }, 1)).toMatchObject({
      success: false,
      error: 'ESession:Invalid session',
    });
    expect((await request(second, 'subscribe', { channel: 'balances', snapshot: true, token: 'made-up' }, 2))['success']).toBe(false);
    expect((await request(second, 'subscribe', { channel: 'balances', snapshot: true }, 3))['error']).toBe("'params.token' is required");
  });

  it('an expired session is told so and its token no longer subscribes', async () => {
    const raw = await client();
    const value = await token();
    await request(raw, 'subscribe', { channel: 'balances', snapshot: true, token: value }, 1);
    loopback.server.uws.expireSessions();
    expect(await raw.next((m) => typeof m['error'] === 'string')).toMatchObject({ error: 'ESession:Invalid session', success: false });
    expect((await request(raw, 'subscribe', { channel: 'margin', asset_class: 'derivatives', token: value }, 2))['success']).toBe(false);
  });

  it('a snapshot above the size limit is snapshot_too_large with empty lists and no time', async () => {
    await loopback.close();
    loopback = await startUwsLoopback({ maxSnapshotChars: 2_000 });
    loopback.exchange.openGeneratedPositions(1_000);
    const clock = new ManualClock(Date.now());
    spot = new SpotClient({ baseUrl: loopback.server.url, appVersion: '1', getCredentials: async () => loopback.credentials, nonces: new NonceSequences(clock), clock });
    const raw = await client();
    raw.send({ method: 'subscribe', params: { channel: 'positions', asset_class: 'derivatives', with_margin: true, token: await token() } });
    expect(await raw.next((m) => m['channel'] === 'positions')).toEqual({
      channel: 'positions',
      type: 'snapshot',
      data: { futures: [], options: [], error: 'snapshot_too_large' },
    });
  });

  it("the Sample exchange's drifting prices reach subscribers without any REST request", async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6, 9));
    const sample = createSampleExchange({ clock });
    const server = await sample.listen({ uws: { heartbeatMs: 3_600_000 } });
    const stop = sample.drivePrices(1_000);
    try {
      const sampleSpot = new SpotClient({ baseUrl: server.url, appVersion: '1', getCredentials: async () => SAMPLE_CREDENTIALS, nonces: new NonceSequences(clock), clock });
      const raw = await rawClient(server.uwsUrl);
      open.push(raw);
      raw.send({ method: 'subscribe', params: { channel: 'margin', asset_class: 'derivatives', token: (await sampleSpot.webSocketToken()).value } });
      const first = await raw.next((m) => m['type'] === 'multi_collateral');
      clock.advance(60_000);
      const next = await raw.next((m) => m['type'] === 'multi_collateral');
      expect((next['data'] as Record<string, unknown>)['margin_equity']).not.toBe((first['data'] as Record<string, unknown>)['margin_equity']);
    } finally {
      stop();
      await server.close();
    }
  });

  it('serves the WebSocket only at /v2/private', async () => {
    const socket = new WebSocket(loopback.server.uwsUrl.replace('/v2/private', '/v2/public'));
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', (error) => resolve(error.message));
    });
    expect(outcome).toMatch(/404/);
  });
});
