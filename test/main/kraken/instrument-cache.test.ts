/** The REST source asks for Kraken's instrument list once an hour, and keeps the last good one. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTRUMENTS_MAX_AGE_MS, INSTRUMENTS_RETRY_MS } from '../../../src-main/kraken/instrument-cache.ts';
import { RestDataSource } from '../../../src-main/kraken/rest-data-source.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback;
let source: RestDataSource;

beforeEach(async () => {
  loopback = await startLoopback();
  const client = loopback.client({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  source = new RestDataSource({ clientFor: () => client, clock: loopback.clock });
  loopback.exchange.deposit('USD', '10000');
  loopback.exchange.openPosition({ symbol: 'pf_xbtusd', size: '1' });
});

afterEach(async () => {
  await loopback.close();
});

describe('instruments in the snapshot', () => {
  it('only the held contracts, fetched once and again after an hour', async () => {
    const first = await source.fetchSnapshot('p');
    expect(Object.keys(first.instruments ?? {})).toEqual(['pf_xbtusd']);
    await source.fetchSnapshot('p');
    expect(loopback.exchange.requestCount('instruments')).toBe(1);
    loopback.clock.advance(INSTRUMENTS_MAX_AGE_MS);
    await source.fetchSnapshot('p');
    expect(loopback.exchange.requestCount('instruments')).toBe(2);
  });

  it('a failed list leaves the snapshot without instruments, retried after a minute; then the last good list stays', async () => {
    loopback.exchange.injectFault({ kind: 'status', status: 503 }, { endpoint: 'instruments' });
    const failed = await source.fetchSnapshot('p');
    expect(failed.instruments).toBeUndefined();
    expect(failed.accounts.flex).not.toBeNull();
    await source.fetchSnapshot('p');
    expect(loopback.exchange.requestCount('instruments')).toBe(1);
    loopback.clock.advance(INSTRUMENTS_RETRY_MS);
    expect(Object.keys((await source.fetchSnapshot('p')).instruments ?? {})).toEqual(['pf_xbtusd']);

    loopback.clock.advance(INSTRUMENTS_MAX_AGE_MS);
    loopback.exchange.injectFault({ kind: 'status', status: 503 }, { endpoint: 'instruments' });
    expect(Object.keys((await source.fetchSnapshot('p')).instruments ?? {})).toEqual(['pf_xbtusd']);
  });
});
