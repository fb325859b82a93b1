/** The client against the simulated exchange over loopback HTTP: requests as Kraken wants them, every shape quirk. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Accounts, Currency } from '../../../src-shared/account-model.ts';
import { redactText } from '../../../src-main/log/redact.ts';
import { DOCS_STYLE, REAL_2026_STYLE } from '../../../src-main/kraken/simulator/render.ts';
import { fixtureText } from './fixtures.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback;
beforeEach(async () => {
  loopback = await startLoopback();
});
afterEach(async () => {
  await loopback.close();
});

describe('requests', () => {
  it('sends an explicit User-Agent, the key, a signature and a nonce', async () => {
    await loopback.client().accounts();
    const [headers] = loopback.sent;
    expect(headers?.get('user-agent')).toBe('MarginDesk/1.2.3');
    expect(headers?.get('apikey')).toBe(loopback.credentials.apiKey);
    expect(headers?.get('authent')).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(headers?.get('nonce')).toMatch(/^\d+$/);
  });

  it('signs without /derivatives (the simulator verifies as Kraken does) and the key check with its full path', async () => {
    const client = loopback.client();
    await expect(client.accounts()).resolves.toBeDefined();
    await expect(client.checkKey()).resolves.toEqual({ general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} });
  });

  it('sends strictly increasing nonces on /derivatives, one request of the key at a time, and none to the key check', async () => {
    const client = loopback.client();
    await Promise.all([client.accounts(), client.openPositions(), client.checkKey(), client.accounts()]);
    const nonces = loopback.sent.filter((headers) => headers.has('nonce')).map((headers) => Number(headers.get('nonce')));
    expect(nonces).toHaveLength(3);
    for (let i = 1; i < nonces.length; i++) expect(nonces[i]).toBeGreaterThan(nonces[i - 1]!);
  });

  it('hands out no reusable credential: captured headers replayed to the exchange are refused', async () => {
    const client = loopback.client();
    await client.accounts();
    const captured = loopback.sent.at(-1)!;
    const replay = await fetch(`${loopback.server.url}/derivatives/api/v3/accounts`, { headers: captured });
    expect(await replay.json()).toMatchObject({ result: 'error', error: 'nonceDuplicate' });
    // A later request of the app's own still goes through: its nonce is newer.
    await expect(client.accounts()).resolves.toBeDefined();
  });

  it('registers each Authent with the log redactor, so even a piece of one is masked in a log line', async () => {
    const client = loopback.client();
    await client.accounts();
    await client.checkKey();
    const signatures = loopback.sent.map((headers) => headers.get('authent') ?? '');
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) expect(redactText(`half of it: ${signature.slice(0, 30)}`)).not.toContain(signature.slice(0, 30));
  });

  it('accepts a base URL with a trailing slash', async () => {
    await expect(loopback.client({ baseUrl: `${loopback.server.url}/` }).accounts()).resolves.toBeDefined();
  });

  it('reads public tickers without signing', async () => {
    const tickers = await loopback.client().tickers();
    expect(tickers.find((t) => t.symbol === 'pf_xbtusd')?.markPrice).toBe('60000');
    expect(loopback.sent[0]?.has('authent')).toBe(false);
  });
});

describe('the seed documents served verbatim', () => {
  it('/accounts: exact figures through the model', async () => {
    loopback.exchange.injectFault({ kind: 'body', body: fixtureText('seed-accounts.json') }, { endpoint: 'accounts' });
    const accounts = await loopback.client().accounts();
    expect(accounts.flex?.currencies[0]).toMatchObject({ currency: { code: 'BTC', raw: 'XBT' }, quantity: '0.1185308247' });
    expect(accounts.flex?.marginEquity).toBe('34122.66');
    expect(accounts.flex?.currencies[2]?.haircut).toBe('0.02245');
    expect(accounts.marginWallets[0]?.triggers.mm).toBe('3000');
  });

  it('/subaccounts: exact figures through the model', async () => {
    loopback.exchange.injectFault({ kind: 'body', body: fixtureText('seed-subaccounts.json') }, { endpoint: 'subaccounts' });
    const result = await loopback.client().subaccounts();
    expect(result.masterUid).toBe('ba598ca1-65c1-4f48-927d-0e2b647d627a');
    expect(result.subaccounts[0]?.uid).toBe('7f5c528e-2285-45f0-95f5-83d53d4bfcd2');
    expect(result.subaccounts[0]?.holdings.at(-1)?.amount).toBe('0.00000000346');
    expect(result.subaccounts[0]?.futuresWallets[2]?.availableMargin).toBe('-0.0009056832839642471');
  });
});

describe('shape quirks of real responses', () => {
  function fillMaster(loopbackToFill: Loopback): void {
    const { exchange } = loopbackToFill;
    exchange.setCash('xbt', '0.5');
    exchange.setCash('usd credit', '25');
    exchange.deposit('BTC', '0.1185308247');
    exchange.deposit('EUR', '4540.5837374453');
    exchange.setWalletBalance('xbt', '0.2');
    exchange.openPosition({ symbol: 'pi_xbtusd', size: '5000', entryPrice: '58000' });
    exchange.openPosition({ symbol: 'pf_xbtusd', size: '-0.3', entryPrice: '61000' });
  }

  /** Accounts with only the normalised currency codes, to compare responses of different styles. */
  function withoutRawCodes(accounts: Accounts): unknown {
    return JSON.parse(JSON.stringify({ ...accounts, serverTime: null }), (key, value: unknown) =>
      key === 'currency' || key === 'base' || key === 'quote' ? (value as Currency).code : value,
    );
  }

  it('numbers or decimal strings, XBT or BTC: the same normalised figures', async () => {
    fillMaster(loopback);
    loopback.exchange.setStyle(DOCS_STYLE);
    const docs = await loopback.client().accounts();
    loopback.exchange.setStyle(REAL_2026_STYLE);
    const real = await loopback.client().accounts();
    expect(docs.flex?.currencies[0]?.currency).toEqual({ code: 'BTC', raw: 'XBT' });
    expect(real.flex?.currencies[0]?.currency).toEqual({ code: 'BTC', raw: 'BTC' });
    expect(real.marginWallets[0]?.currency).toEqual({ code: 'BTC', raw: 'btc' });
    expect(withoutRawCodes(real)).toEqual(withoutRawCodes(docs));
  });

  it('lower-case cash keys, `usd credit` included', async () => {
    fillMaster(loopback);
    const cash = (await loopback.client().accounts()).cash?.balances;
    expect(cash).toEqual([
      { currency: { code: 'BTC', raw: 'xbt' }, amount: '0.5' },
      { currency: { code: 'USD CREDIT', raw: 'usd credit' }, amount: '25' },
    ]);
  });

  it('contract sizes kept apart from currency balances in a wallet', async () => {
    fillMaster(loopback);
    const wallet = (await loopback.client().accounts()).marginWallets[0];
    expect(wallet?.balances.map((b) => b.currency.code)).toEqual(['BTC']);
    expect(wallet?.contracts).toEqual([{ symbol: 'pi_xbtusd', size: '5000' }]);
  });

  it('exponent-form figures (3.46e-9) parse exactly', async () => {
    const sub = loopback.exchange.addSubaccount({ email: 'tiny@example.com', fullName: null });
    loopback.exchange.setCash('xbt', '0.00000000346', { account: sub.uid });
    loopback.exchange.setStyle(DOCS_STYLE);
    const subaccounts = await loopback.client().subaccounts();
    expect(subaccounts.subaccounts[0]?.holdings[0]?.amount).toBe('0.00000000346');
  });

  it('a null fullName and the array-shaped flex of a subaccount', async () => {
    const sub = loopback.exchange.addSubaccount({ email: 'anon@example.com', fullName: null });
    loopback.exchange.deposit('BTC', '1', { account: sub.uid });
    const { subaccounts, masterUid } = await loopback.client().subaccounts();
    expect(masterUid).toBe(loopback.exchange.masterUid);
    expect(subaccounts[0]).toMatchObject({ uid: sub.uid, email: 'anon@example.com', fullName: null });
    expect(subaccounts[0]?.flex?.currencies[0]).toMatchObject({ currency: { code: 'BTC', raw: 'xbt' }, quantity: '1', value: '60000', haircut: '0.02' });
  });

  it('a body that is not all ASCII (a subaccount named in UTF-8) reads exactly, every figure included', async () => {
    const named = loopback.exchange.addSubaccount({ email: 'jose@example.com', fullName: 'José Müller ✓ 🚀 Ģ' });
    const plain = loopback.exchange.addSubaccount({ email: 'plain@example.com', fullName: 'Plain' });
    loopback.exchange.deposit('BTC', '0.1185308247', { account: named.uid });
    loopback.exchange.deposit('BTC', '0.1185308247', { account: plain.uid });
    const { subaccounts } = await loopback.client().subaccounts();
    expect(subaccounts.map((sub) => sub.fullName)).toEqual(['José Müller ✓ 🚀 Ģ', 'Plain']);
    expect(subaccounts[0]?.flex).toEqual(subaccounts[1]?.flex);
    expect(subaccounts[0]?.flex?.currencies[0]?.quantity).toBe('0.1185308247');
  });

  it('unknown account types, unknown fields and portfolioMarginBreakdown', async () => {
    const body = JSON.stringify({
      result: 'success',
      serverTime: '2026-07-01T00:00:00.000Z',
      accounts: {
        flex: {
          type: 'multiCollateralMarginAccount',
          currencies: { BTC: { quantity: 1, value: 60000, collateral: 58800, available: 1, excludedCollateral: 0 } },
          excludedCollateralValue: 0,
          balanceValue: 60000, portfolioValue: 60000, collateralValue: 58800, initialMargin: 0, initialMarginWithOrders: 0,
          maintenanceMargin: 0, pnl: 0, unrealizedFunding: 0, totalUnrealized: 0, totalUnrealizedAsMargin: 0,
          marginEquity: 58800, availableMargin: 58800,
          portfolioMarginBreakdown: { totalMarketRisk: 12.5, isBuyOnly: false, totalScenarioPnls: [1, -2] },
        },
        earn: { type: 'stakingAccount', balances: { eth: '2' } },
      },
    });
    loopback.exchange.injectFault({ kind: 'body', body }, { endpoint: 'accounts' });
    const accounts = await loopback.client().accounts();
    expect(accounts.unknown).toEqual([{ key: 'earn', type: 'stakingAccount', raw: { type: 'stakingAccount', balances: { eth: '2' } } }]);
    expect(accounts.flex?.portfolioMarginBreakdown).toEqual({ totalMarketRisk: '12.5' });
  });

  it('unknown permission levels from the key check', async () => {
    loopback.exchange.injectFault({ kind: 'body', body: '{"apiKey":"k","permissions":{"general":"READ_ONLY","transfer":"unknown"}}' }, { endpoint: 'keyCheck' });
    expect(await loopback.client().checkKey()).toEqual({ general: 'READ_ONLY', transfer: 'unknown', other: {} });
  });

  it('open positions: side and unsigned size, upper-case symbols normalised', async () => {
    fillMaster(loopback);
    const positions = await loopback.client().openPositions();
    expect(positions.map((p) => [p.symbol, p.side, p.size, p.price])).toEqual([
      ['pf_xbtusd', 'short', '0.3', '61000'],
      ['pi_xbtusd', 'long', '5000', '58000'],
    ]);
  });
});
