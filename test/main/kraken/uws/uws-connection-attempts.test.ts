/**
 * UwsConnection with a limiter shared by several connections (./connection-attempt-limiter.ts): an
 * attempt waits for a slot before it asks for a token, the wait is not part of its timeout, and a
 * slot is given back however the attempt ends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionAttemptLimiter } from '../../../../src-main/kraken/uws/connection-attempt-limiter.ts';
import { DEFAULT_UWS_TIMINGS } from '../../../../src-main/kraken/uws/uws-connection.ts';
import { startUwsLoopback, stateKind, until, untilLive, type UwsLoopback } from './uws-loopback.ts';

let loopback: UwsLoopback;

beforeEach(async () => {
  loopback = await startUwsLoopback();
});

afterEach(async () => {
  await loopback.close();
});

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
