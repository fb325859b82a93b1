import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimals, sub, ZERO } from '../../../src-shared/decimal.ts';
import { computeAuthent } from '../../../src-main/kraken/sign.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { createSampleDataSource, createSampleExchange } from '../../../src-main/kraken/simulator/sample-exchange.ts';
import { DOCS_STYLE, REAL_2026_STYLE } from '../../../src-main/kraken/simulator/render.ts';
import { ManualClock } from './manual-clock.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback | null = null;
afterEach(async () => {
  await loopback?.close();
  loopback = null;
});

function signedRequest(exchange: SimulatedExchange, credentials: { apiKey: string; apiSecret: string }, path: string, extra: Record<string, string> = {}): Request {
  const authent = computeAuthent(credentials.apiSecret, path, '', extra['Nonce'] ?? '');
  return new Request(`http://sim${path}`, { headers: { 'User-Agent': 'test', APIKey: credentials.apiKey, Authent: authent, ...extra } });
}

describe('simulated exchange: authentication as Kraken does it', () => {
  it('accepts a signature over the path without /derivatives and refuses one over the full path', async () => {
    const exchange = new SimulatedExchange({ clock: new ManualClock() });
    const key = exchange.addKey();
    const good = await exchange.handle(signedRequest(exchange, key, '/derivatives/api/v3/accounts'));
    expect(await good.json()).toMatchObject({ result: 'success' });

    const wrongPath = computeAuthent(key.apiSecret, '/api/v3/subaccounts', '', '');
    const refused = await exchange.handle(
      new Request('http://sim/derivatives/api/v3/accounts', { headers: { 'User-Agent': 't', APIKey: key.apiKey, Authent: wrongPath } }),
    );
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ result: 'error', error: 'authenticationError' });
  });

  it('answers 401 on the key check for an unknown key, and the permissions for a known one', async () => {
    const exchange = new SimulatedExchange({ clock: new ManualClock() });
    const key = exchange.addKey({ permissions: { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS' } });
    const unknown = await exchange.handle(signedRequest(exchange, { apiKey: 'nobody', apiSecret: key.apiSecret }, '/api/auth/v1/api-keys/v3/check'));
    expect(unknown.status).toBe(401);
    const known = await exchange.handle(signedRequest(exchange, key, '/api/auth/v1/api-keys/v3/check'));
    expect(await known.json()).toMatchObject({ apiKey: key.apiKey, permissions: { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS' } });
  });

  it('refuses requests without a User-Agent with 403', async () => {
    const exchange = new SimulatedExchange({ clock: new ManualClock() });
    const response = await exchange.handle(new Request('http://sim/derivatives/api/v3/tickers'));
    expect(response.status).toBe(403);
  });

  it('checks nonces: duplicate and lower ones are refused', async () => {
    const exchange = new SimulatedExchange({ clock: new ManualClock() });
    const key = exchange.addKey();
    const send = async (nonce: string) =>
      ((await (await exchange.handle(signedRequest(exchange, key, '/derivatives/api/v3/accounts', { Nonce: nonce }))).json()) as { result: string; error?: string });
    expect((await send('100')).result).toBe('success');
    expect((await send('100')).error).toBe('nonceDuplicate');
    expect((await send('99')).error).toBe('nonceBelowThreshold');
    expect((await send('101')).result).toBe('success');
  });

  it('enforces 500 points per 10 s per key', async () => {
    const clock = new ManualClock();
    const exchange = new SimulatedExchange({ clock });
    const key = exchange.addKey();
    const send = async () => ((await (await exchange.handle(signedRequest(exchange, key, '/derivatives/api/v3/accounts'))).json()) as { result: string; error?: string });
    for (let i = 0; i < 250; i++) expect((await send()).result).toBe('success');
    expect((await send()).error).toBe('apiLimitExceeded');
    clock.advance(10_000);
    expect((await send()).result).toBe('success');
  });
});

describe('simulated exchange: coherent figures', () => {
  it('moves pnl, margin equity, available margin and the liquidation estimate with the mark price', async () => {
    loopback = await startLoopback();
    const { exchange } = loopback;
    exchange.deposit('USD', '10000');
    exchange.openPosition({ symbol: 'pf_xbtusd', size: '1', entryPrice: '60000' });
    exchange.setWalletBalance('xbt', '0.1');
    exchange.openPosition({ symbol: 'pi_xbtusd', size: '30000', entryPrice: '60000' });
    const client = loopback.client();

    const before = await client.accounts();
    expect(before.flex).toMatchObject({ pnl: '0', initialMargin: '1200', maintenanceMargin: '600', marginEquity: '10000', availableMargin: '8800' });
    const wallet = before.marginWallets[0]!;
    expect(wallet).toMatchObject({ key: 'fi_xbtusd', pnl: '0', portfolioValue: '0.1' });
    // liquidation price of 30000 $ long with 0.1 BTC: (30000 × 1.01) / (0.1 + 0.5) = 50500
    expect(wallet.triggers.mm).toBe('50500');

    exchange.setMarkPrice('pf_xbtusd', '57000');
    exchange.setMarkPrice('pi_xbtusd', '57000');
    const after = await client.accounts();
    expect(after.flex).toMatchObject({ pnl: '-3000', initialMargin: '1140', maintenanceMargin: '570', marginEquity: '7000', availableMargin: '5860' });
    expect(compareDecimals(after.marginWallets[0]!.pnl, ZERO)).toBe(-1);
    expect(sub(after.marginWallets[0]!.portfolioValue, after.marginWallets[0]!.pnl)).toBe('0.1');
    expect(after.marginWallets[0]!.triggers.mm).toBe('50500');
  });

  it('values collateral at its price with the haircut applied', async () => {
    loopback = await startLoopback();
    loopback.exchange.deposit('BTC', '0.5');
    loopback.exchange.setHaircut('BTC', '0.05');
    const flex = (await loopback.client().accounts()).flex!;
    expect(flex.currencies[0]).toMatchObject({ quantity: '0.5', value: '30000', collateral: '28500', haircut: '0.05' });
  });

  it('generates the same subaccounts for the same seed', () => {
    const uids = (seed: number) => {
      const exchange = new SimulatedExchange({ clock: new ManualClock(), seed });
      exchange.setMarkPrice('pf_xbtusd', '60000');
      exchange.setMarkPrice('pi_xbtusd', '60000');
      exchange.setUsdRate('EUR', '1.1');
      return exchange.addSubaccounts(5).map((s) => s.uid);
    };
    expect(uids(7)).toEqual(uids(7));
    expect(uids(7)).not.toEqual(uids(8));
  });

  it('renders the docs style (XBT, numbers) and the 2026 style (BTC, strings)', async () => {
    for (const [style, code, figureType] of [
      [DOCS_STYLE, 'XBT', 'number'],
      [REAL_2026_STYLE, 'BTC', 'string'],
    ] as const) {
      const exchange = new SimulatedExchange({ clock: new ManualClock(), style });
      exchange.setMarkPrice('pf_xbtusd', '60000');
      exchange.deposit('BTC', '1');
      const key = exchange.addKey();
      const body = (await (await exchange.handle(signedRequest(exchange, key, '/derivatives/api/v3/accounts'))).json()) as {
        accounts: { flex: { currencies: Record<string, { quantity: unknown }> } };
      };
      expect(Object.keys(body.accounts.flex.currencies)).toEqual([code]);
      expect(typeof body.accounts.flex.currencies[code]!.quantity).toBe(figureType);
    }
  });
});

describe('simulated exchange: /subaccounts as the spec writes it', () => {
  it('answers a flexAccount object for a subaccount that holds nothing in flex, never null', async () => {
    const exchange = new SimulatedExchange({ clock: new ManualClock() });
    exchange.addSubaccount({ email: 'empty@example.com', fullName: null });
    const key = exchange.addKey();
    const body = (await (await exchange.handle(signedRequest(exchange, key, '/derivatives/api/v3/subaccounts'))).json()) as {
      subaccounts: { flexAccount: Record<string, unknown> | null }[];
    };
    const flex = body.subaccounts[0]!.flexAccount;
    expect(flex?.['currencies']).toEqual([]);
    for (const total of ['balanceValue', 'collateralValue', 'marginEquity', 'maintenanceMargin', 'initialMargin', 'availableMargin']) {
      expect(Number(flex?.[total]), total).toBe(0);
    }
  });
});

describe('sample exchange', () => {
  it('serves a snapshot with flex margin in use, a wallet with a liquidation estimate and subaccounts', async () => {
    const clock = new ManualClock();
    const exchange = createSampleExchange({ clock });
    const source = createSampleDataSource({ appVersion: '0.1.0', exchange });
    const first = await source.fetchSnapshot('sample');
    expect(first.subaccounts?.subaccounts).toHaveLength(3);
    expect(compareDecimals(first.accounts.flex!.maintenanceMargin, ZERO)).toBe(1);
    expect(compareDecimals(first.accounts.marginWallets[0]!.triggers.mm, ZERO)).toBe(1);
    expect(first.positions.map((p) => p.symbol).sort()).toEqual(['pf_ethusd', 'pf_xbtusd', 'pi_xbtusd']);
    expect(first.markPrices['pf_xbtusd']).toBeDefined();

    clock.advance(60_000);
    const later = await source.fetchSnapshot('sample');
    expect(later.markPrices['pf_xbtusd']).not.toBe(first.markPrices['pf_xbtusd']);
    expect(later.accounts.flex!.marginEquity).not.toBe(first.accounts.flex!.marginEquity);
  });
});
