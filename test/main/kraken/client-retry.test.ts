/** Budget and retry behaviour, on the ManualClock (no real waiting), against the simulator over loopback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback;
beforeEach(async () => {
  loopback = await startLoopback();
});
afterEach(async () => {
  await loopback.close();
});

/** Backoffs and budget waits the client asked for (request timeouts left out). */
const waits = () => loopback.clock.sleeps.filter((ms) => ms !== 3_600_000);

async function tick(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('cost budget', () => {
  it('waits for room instead of overspending, and only then sends', async () => {
    loopback.budgets.for(loopback.credentials.apiKey).tryConsume(499);
    let done = false;
    const pending = loopback.client().accounts().then(() => (done = true));
    await tick();
    // Kraken's 10 s window plus the client's 1 s margin for network delay
    expect(loopback.clock.pending()).toContain(11_000);
    expect(loopback.exchange.requestCount('accounts')).toBe(0);
    loopback.clock.advance(11_000);
    await pending;
    expect(done).toBe(true);
    expect(loopback.exchange.requestCount('accounts')).toBe(1);
  });

  it('spends nothing on public tickers and the key check', async () => {
    const budget = loopback.budgets.for(loopback.credentials.apiKey);
    const client = loopback.client();
    await client.tickers();
    await client.checkKey();
    expect(budget.available()).toBe(500);
    await client.accounts();
    await client.subaccounts();
    await client.openPositions();
    expect(budget.available()).toBe(494);
  });

  it('251 account reads in a row never trigger apiLimitExceeded', async () => {
    const client = loopback.client({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const reads = Array.from({ length: 251 }, () => client.accounts());
    while (loopback.exchange.requestCount('accounts') < 250) await tick();
    await tick();
    expect(loopback.exchange.requestCount('accounts')).toBe(250);
    expect(waits()).toEqual([11_000]);
    loopback.clock.advance(11_000);
    await Promise.all(reads);
    expect(loopback.exchange.requestCount('accounts')).toBe(251);
  });
});

describe('retries', () => {
  it('apiLimitExceeded from Kraken: waits for a full budget refill, then retries', async () => {
    loopback.exchange.injectFault({ kind: 'errorCode', code: 'apiLimitExceeded' }, { endpoint: 'accounts' });
    await loopback.clock.run(loopback.client().accounts());
    expect(loopback.exchange.requestCount('accounts')).toBe(2);
    // the backoff, then the rest of the (10 + 1) s window the exhausted budget needs
    expect(waits()).toEqual([250, 10_750]);
  });

  it('HTTP 429 with Retry-After: waits at least that long', async () => {
    loopback.exchange.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 }, { endpoint: 'accounts' });
    await loopback.clock.run(loopback.client().accounts());
    expect(loopback.exchange.requestCount('accounts')).toBe(2);
    expect(waits()[0]).toBe(7_000);
  });

  it('5xx: jittered exponential backoff, then success', async () => {
    loopback.exchange.injectFault({ kind: 'status', status: 503 }, { endpoint: 'accounts', times: 2 });
    await loopback.clock.run(loopback.client({ random: () => 0.5 }).accounts());
    expect(loopback.exchange.requestCount('accounts')).toBe(3);
    // base 500 ms, doubling; full jitter with random 0.5 → half of 500, half of 1000
    expect(waits()).toEqual([250, 500]);
  });

  it('gives up after the configured attempts with the last error', async () => {
    loopback.exchange.injectFault({ kind: 'html' }, { endpoint: 'accounts', times: Infinity });
    const error = await loopback.clock.run(loopback.client().accounts()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KrakenError);
    expect((error as KrakenError).kind).toBe('htmlBody');
    expect(loopback.exchange.requestCount('accounts')).toBe(3);
  });

  it('retries a timeout', async () => {
    loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'accounts' });
    const pending = loopback.client({ timeoutMs: 5_000 }).accounts();
    while (loopback.exchange.requestCount('accounts') < 1) await tick();
    loopback.clock.advance(5_000);
    await loopback.clock.run(pending, 1_000);
    expect(loopback.exchange.requestCount('accounts')).toBe(2);
  });

  it.each([
    ['authenticationError', { kind: 'errorCode', code: 'authenticationError' }],
    ['403', { kind: 'status', status: 403 }],
    ['401', { kind: 'status', status: 401 }],
    ['invalidArgument', { kind: 'errorCode', code: 'invalidArgument' }],
    ['nonceBelowThreshold', { kind: 'errorCode', code: 'nonceBelowThreshold' }],
    ['nonceDuplicate', { kind: 'errorCode', code: 'nonceDuplicate' }],
    ['a 401 whose body is a Kraken server error', { kind: 'errorCode', code: 'Server Error', status: 401 }],
    ['a 403 whose body is a Kraken server error', { kind: 'errorCode', code: 'Server Error', status: 403 }],
    ['a schema mismatch', { kind: 'body', body: '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"usd":"x"}}}}' }],
  ] as const)('never retries %s', async (_name, fault) => {
    loopback.exchange.injectFault(fault, { endpoint: 'accounts', times: Infinity });
    await expect(loopback.clock.run(loopback.client().accounts())).rejects.toBeInstanceOf(KrakenError);
    expect(loopback.exchange.requestCount('accounts')).toBe(1);
    expect(waits()).toEqual([]);
  });

  it('an abort during the backoff stops at once', async () => {
    loopback.exchange.injectFault({ kind: 'status', status: 500 }, { endpoint: 'accounts', times: Infinity });
    const controller = new AbortController();
    const pending = loopback.client().accounts(controller.signal).catch((e: unknown) => e);
    while (loopback.clock.pending().length === 0 || !loopback.clock.pending().includes(250)) await tick();
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'aborted' });
    expect(loopback.exchange.requestCount('accounts')).toBe(1);
  });
});
