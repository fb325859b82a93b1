/**
 * UwsConnections sharing what they share in a desk: a limiter (./connection-attempt-limiter.ts): an
 * attempt waits for a slot before it asks for a token, the wait is not part of its timeout, and a
 * slot is given back however the attempt ends; and the news that one of them is back after a drop
 * (./reconnect-peers.ts), which moves the others' retries forward once, never before a Retry-After.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionAttemptLimiter } from '../../../../src-main/kraken/uws/connection-attempt-limiter.ts';
import { ReconnectPeers } from '../../../../src-main/kraken/uws/reconnect-peers.ts';
import { DEFAULT_UWS_TIMINGS } from '../../../../src-main/kraken/uws/uws-connection.ts';
import { reconnectNow, startUwsLoopback, stateKind, until, untilLive, type Recorded, type UwsLoopback } from './uws-loopback.ts';

let loopback: UwsLoopback;

beforeEach(async () => {
  loopback = await startUwsLoopback();
});

afterEach(async () => {
  await loopback.close();
});

/** Lets a reconnecting connection retry `times` times, each refused by the exchange: its backoff grows. */
async function retryRefused(recorded: Recorded, times: number): Promise<void> {
  for (let failures = 0; failures < times; failures++) {
    const state = recorded.connection.state;
    if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
    recorded.clock.advance(state.nextRetryAt - recorded.clock.now());
    await until(() => {
      const next = recorded.connection.state;
      return next.kind === 'reconnecting' && next.attempt === state.attempt + 1;
    }, 'the next refusal');
  }
}

describe('connection attempts through a shared limiter', () => {
  it('waits for a slot without timing out, then connects once the attempt holding it has failed', async () => {
    const limiter = new ConnectionAttemptLimiter(1);
    let tokenAsked = 0;
    // the first connection's token request never answers: it holds the only slot until its own timeout
    const stuck = loopback.connect({ attempts: limiter, getToken: () => new Promise(() => void tokenAsked++) });
    const waiting = loopback.connect({ attempts: limiter });
    stuck.connection.start();
    waiting.connection.start();
    await until(() => tokenAsked === 1, 'the first token request');
    expect(limiter.inFlight).toBe(1);
    expect(limiter.waiting).toBe(1);

    // far past a connect timeout on the waiting connection's clock: it has not started, so it is not late
    waiting.clock.advance(DEFAULT_UWS_TIMINGS.connectTimeoutMs * 3);
    expect(stateKind(waiting)).toBe('connecting');
    expect(waiting.problems).toEqual([]);
    expect(loopback.server.uws.connectionCount).toBe(0);

    // the stuck attempt times out and gives the slot back: the waiting one connects
    stuck.clock.advance(DEFAULT_UWS_TIMINGS.connectTimeoutMs);
    expect(stateKind(stuck)).toBe('reconnecting');
    await untilLive(waiting);
    expect(loopback.server.uws.connectionCount).toBe(1);
    expect(limiter.inFlight).toBe(0);
  });

  it('gives the slot back when a waiting or connecting connection is stopped', async () => {
    const limiter = new ConnectionAttemptLimiter(1);
    const first = loopback.connect({ attempts: limiter, getToken: () => new Promise(() => undefined) });
    const second = loopback.connect({ attempts: limiter });
    const third = loopback.connect({ attempts: limiter });
    first.connection.start();
    second.connection.start();
    third.connection.start();
    await until(() => limiter.inFlight === 1 && limiter.waiting === 2, 'one attempt running, two waiting');
    second.connection.stop();
    expect(limiter.waiting).toBe(1);
    first.connection.stop();
    await untilLive(third);
    expect(stateKind(second)).toBe('stopped');
    expect(limiter.inFlight).toBe(0);
  });
});

describe('connections that hear of each other coming back', () => {
  it('retries soon when another connection to the exchange is back', async () => {
    const peers = new ReconnectPeers();
    // both wait as long as the backoff allows: without the news neither would try again in this test
    const timings = { backoffBaseMs: 1_000, backoffMaxMs: 3_600_000 };
    const first = loopback.connect({ peers, timings, random: () => 0.999 });
    // a key of its own: two connections' token requests must not share a nonce sequence
    const second = loopback.connect({ peers, timings, random: () => 0.999, credentials: loopback.exchange.addKey() });
    first.connection.start();
    second.connection.start();
    await untilLive(first);
    await untilLive(second);
    loopback.server.uws.dropConnections();
    await until(() => stateKind(first) === 'reconnecting' && stateKind(second) === 'reconnecting', 'both reconnecting');

    // the second fails a few more times meanwhile (the exchange refuses upgrades): its backoff grows long
    loopback.server.uws.refuseUpgrades(503, 0, 4);
    await retryRefused(second, 4);
    // the first comes back at the end of its backoff; the second hears of it and tries a backoff base later
    await reconnectNow(first);
    const waiting = second.connection.state;
    expect(waiting.kind === 'reconnecting' && waiting.nextRetryAt - second.clock.now()).toBeGreaterThan(timings.backoffBaseMs);
    second.clock.advance(timings.backoffBaseMs);
    await untilLive(second);
  });

  it('does not hear of a recovery at another exchange', async () => {
    const elsewhere = await startUwsLoopback();
    try {
      const peers = new ReconnectPeers();
      const timings = { backoffBaseMs: 1_000, backoffMaxMs: 3_600_000 };
      const here = loopback.connect({ peers, timings, random: () => 0.999 });
      const there = elsewhere.connect({ peers, timings, random: () => 0.999 });
      here.connection.start();
      there.connection.start();
      await untilLive(here);
      await untilLive(there);
      loopback.server.uws.dropConnections();
      elsewhere.server.uws.dropConnections();
      await until(() => stateKind(here) === 'reconnecting' && stateKind(there) === 'reconnecting', 'both reconnecting');
      // the other exchange refuses a few attempts meanwhile: its connection's backoff grows long
      elsewhere.server.uws.refuseUpgrades(503, 0, 4);
      await retryRefused(there, 4);
      const waiting = there.connection.state;
      if (waiting.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${waiting.kind}`);

      await reconnectNow(here);
      // a backoff base later, and short of its own backoff, the other exchange's connection still waits
      there.clock.advance(timings.backoffBaseMs);
      expect(waiting.nextRetryAt - there.clock.now()).toBeGreaterThan(0);
      expect(stateKind(there)).toBe('reconnecting');
    } finally {
      await elsewhere.close();
    }
  });

  it('does not retry before a Retry-After the server asked for', async () => {
    const peers = new ReconnectPeers();
    const timings = { backoffBaseMs: 1_000, backoffMaxMs: 3_600_000 };
    const first = loopback.connect({ peers, timings, random: () => 0 });
    const refused = loopback.connect({ peers, timings, random: () => 0, credentials: loopback.exchange.addKey() });
    loopback.server.uws.refuseUpgrades(429, 120);
    refused.connection.start();
    await until(() => stateKind(refused) === 'reconnecting', 'the refused connection waiting');
    first.connection.start();
    await untilLive(first);
    first.connection.networkChanged();
    loopback.server.uws.dropConnections();
    await until(() => stateKind(first) === 'reconnecting', 'the first dropped');
    await reconnectNow(first);
    // the news came, but 120 s have not passed for the refused one
    refused.clock.advance(60_000);
    expect(stateKind(refused)).toBe('reconnecting');
    refused.clock.advance(60_000);
    await untilLive(refused);
  });
});
