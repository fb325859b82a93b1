/**
 * A desk of many Kraken API keys, one per subaccount, streamed at once: the real StreamMonitor and
 * UwsAccountStream against the simulated exchange over real loopback HTTP and WebSockets. What is
 * asserted is the most connection attempts ever in flight together and that every member ends up
 * live (never how long it took: the machine is shared).
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src-shared/clock.ts';
import { NonceSequences } from '../../../src-main/kraken/nonce.ts';
import { createDeskExchange } from '../../../src-main/kraken/simulator/desk-exchange.ts';
import type { ExchangeServer, SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { ConnectionAttemptLimiter, type ReleaseSlot } from '../../../src-main/kraken/uws/connection-attempt-limiter.ts';
import { UwsAccountStream } from '../../../src-main/kraken/uws/uws-account-stream.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { StreamMonitor } from '../../../src-main/monitor/stream-monitor.ts';
import type { ProfileStatus } from '../../../src-shared/profile-status.ts';

const MAX_ATTEMPTS = 8;

/** The limiter as the app uses it, watched from outside: slots granted and not yet given back. */
class WatchedLimiter extends ConnectionAttemptLimiter {
  holding = 0;
  maxHolding = 0;
  granted = 0;

  override async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    const release = await super.acquire(signal);
    this.granted++;
    this.holding++;
    this.maxHolding = Math.max(this.maxHolding, this.holding);
    let given = false;
    return () => {
      if (!given) this.holding--;
      given = true;
      release();
    };
  }
}

interface Desk {
  readonly exchange: SimulatedExchange;
  server: ExchangeServer;
  readonly limiter: WatchedLimiter;
  readonly monitor: StreamMonitor;
  readonly statuses: Map<string, ProfileStatus>;
  readonly ids: readonly string[];
}

let desk: Desk | null = null;

afterEach(async () => {
  desk?.monitor.dispose();
  await desk?.server.close();
  desk = null;
});

/** `members` subaccounts with a key each (`refused`: keys without the WebSocket permission), streamed by one monitor. */
async function openDesk(members: number, refused: ReadonlySet<number> = new Set()): Promise<Desk> {
  const { exchange, keys } = createDeskExchange({ members, refused });
  const server = await exchange.listen({ uws: { heartbeatMs: 1_000 } });
  const limiter = new WatchedLimiter(MAX_ATTEMPTS);
  const ids = keys.map((_, i) => `member-${i}`);
  const statuses = new Map<string, ProfileStatus>();
  const opened: Desk = { exchange, server, limiter, monitor: null as unknown as StreamMonitor, statuses, ids };
  const stream = new UwsAccountStream({
    appVersion: '1.2.3',
    // read at each attempt: after a restart the exchange listens again at the same address
    targetOf: async (profileId) => ({
      baseUrl: opened.server.url,
      streamUrl: opened.server.uwsUrl,
      getCredentials: async () => keys[ids.indexOf(profileId)]!,
    }),
    nonces: new NonceSequences(systemClock),
    onError: (error) => {
      throw error;
    },
    attempts: limiter,
    timings: { backoffBaseMs: 100, backoffMaxMs: 2_000 },
  });
  const monitor = new StreamMonitor({
    stream,
    onSnapshot: () => undefined,
    onConfirmed: () => undefined,
    onStatus: (status) => statuses.set(status.profileId, status),
    logger: createLogger({ filePath: null, console: false }),
  });
  Object.assign(opened, { monitor });
  monitor.setProfiles(ids.map((id) => ({ id, address: server.uwsUrl, lastSuccessAt: null })));
  desk = opened;
  return opened;
}

function stateCounts(opened: Desk): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of opened.ids) {
    const status = opened.monitor.status(id);
    // live with a problem still on it: the drop was noticed, the figures are not back yet
    const state = status === null ? 'none' : status.state === 'live' && status.lastError !== null ? 'live, reconnecting' : status.state;
    counts[state] = (counts[state] ?? 0) + 1;
  }
  return counts;
}

function untilAll(opened: Desk, state: string, count = opened.ids.length): Promise<void> {
  return vi.waitFor(
    () => {
      const counts = stateCounts(opened);
      if ((counts[state] ?? 0) !== count) throw new Error(`waiting for ${count} ${state}: ${JSON.stringify(counts)}`);
    },
    { timeout: 120_000, interval: 50 },
  );
}

describe('a desk of 200 streamed keys', () => {
  it('opens every member with a bounded number of attempts at a time, and reopens them the same way after every connection dropped', async () => {
    const opened = await openDesk(200);
    await untilAll(opened, 'live');
    expect(opened.limiter.maxHolding).toBe(MAX_ATTEMPTS);
    expect(opened.server.uws.openConnections).toBe(200);
    expect(opened.limiter.holding).toBe(0);

    const grantedBefore = opened.limiter.granted;
    opened.limiter.maxHolding = 0;
    opened.server.uws.dropConnections();
    await vi.waitFor(() => expect(opened.limiter.granted).toBeGreaterThanOrEqual(grantedBefore + 200), { timeout: 120_000, interval: 50 });
    await untilAll(opened, 'live');
    expect(opened.limiter.maxHolding).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(opened.server.uws.openConnections).toBe(200);
  }, 300_000);

  it('comes back whole after the exchange restarts at the same address, never more than the bound at once', async () => {
    const opened = await openDesk(200);
    await untilAll(opened, 'live');
    const { port } = opened.server.server.address() as AddressInfo;
    opened.limiter.maxHolding = 0;
    await opened.server.close();
    // every member notices and retries against a closed port, backing off each on its own jitter
    await untilAll(opened, 'live, reconnecting');
    opened.server = await opened.exchange.listen({ port, uws: { heartbeatMs: 1_000 } });
    await untilAll(opened, 'live');
    expect(opened.limiter.maxHolding).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(opened.server.uws.openConnections).toBe(200);
  }, 300_000);

  it("shows a member's refused key on that member only", async () => {
    const opened = await openDesk(20, new Set([7]));
    await untilAll(opened, 'live', 19);
    await vi.waitFor(() => expect(opened.monitor.status('member-7')?.state).toBe('authFailed'), { timeout: 60_000, interval: 50 });
    expect(opened.monitor.status('member-7')?.lastError?.message).toMatch(/permission/i);
    for (const id of opened.ids.filter((id) => id !== 'member-7')) {
      expect(opened.monitor.status(id)).toMatchObject({ state: 'live', lastError: null });
    }
  }, 120_000);
});
