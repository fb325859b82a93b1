import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { RestDataSource } from '../../../src-main/kraken/rest-data-source.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback;
beforeEach(async () => {
  loopback = await startLoopback();
  loopback.exchange.deposit('USD', '5000');
  loopback.exchange.openPosition({ symbol: 'pf_xbtusd', size: '0.5' });
  loopback.exchange.addSubaccounts(4);
});
afterEach(async () => {
  await loopback.close();
});

const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

function source(overrides: Parameters<Loopback['client']>[0] = {}): RestDataSource {
  const client = loopback.client(overrides);
  return new RestDataSource({ clientFor: () => client, clock: loopback.clock });
}

describe('RestDataSource', () => {
  it('assembles accounts, subaccounts, positions and mark prices into one snapshot', async () => {
    const snapshot = await source().fetchSnapshot('p1');
    expect(snapshot.profileId).toBe('p1');
    expect(snapshot.fetchedAt).toBe(loopback.clock.now());
    expect(snapshot.serverTime).toBe(new Date(loopback.clock.now()).toISOString());
    expect(snapshot.accounts.flex?.initialMargin).toBe('600');
    expect(snapshot.subaccounts?.masterUid).toBe(loopback.exchange.masterUid);
    expect(snapshot.subaccounts?.subaccounts).toHaveLength(4);
    expect(snapshot.positions).toEqual([expect.objectContaining({ symbol: 'pf_xbtusd', side: 'long', size: '0.5' })]);
    expect(snapshot.markPrices).toEqual({ pf_xbtusd: '60000', pi_xbtusd: '60000', pf_ethusd: '3000' });
    // the snapshot is plain data: it survives JSON unchanged
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('a key that is not a master account: subaccounts null, the rest as usual', async () => {
    const sub = loopback.exchange.subaccounts()[0]!;
    const subKey = loopback.exchange.addKey({ account: sub.uid });
    const snapshot = await source({ getCredentials: async () => subKey }).fetchSnapshot('p2');
    expect(snapshot.subaccounts).toBeNull();
    expect(snapshot.accounts).toBeDefined();
  });

  it('a transient subaccounts failure fails the refresh (no subaccounts would be a wrong figure)', async () => {
    loopback.exchange.injectFault({ kind: 'status', status: 503 }, { endpoint: 'subaccounts' });
    await expect(source({ retry: NO_RETRY }).fetchSnapshot('p')).rejects.toMatchObject({ kind: 'httpServerError' });
  });

  it('tickers failing leave the mark prices empty instead of failing', async () => {
    loopback.exchange.injectFault({ kind: 'html' }, { endpoint: 'tickers' });
    const snapshot = await source({ retry: NO_RETRY }).fetchSnapshot('p');
    expect(snapshot.markPrices).toEqual({});
    expect(snapshot.positions).toHaveLength(1);
  });

  it('reports the first failure (not the cancellations it causes) and cancels the siblings', async () => {
    loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'subaccounts' });
    loopback.exchange.injectFault({ kind: 'errorCode', code: 'authenticationError' }, { endpoint: 'accounts' });
    const error = await source().fetchSnapshot('p').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KrakenError);
    expect((error as KrakenError).kind).toBe('authenticationError');
  });

  it('an abort by the caller is reported as aborted', async () => {
    loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'accounts' });
    const controller = new AbortController();
    const pending = source().fetchSnapshot('p', controller.signal).catch((e: unknown) => e);
    while (loopback.exchange.requestCount('accounts') === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'aborted' });
  });
});
