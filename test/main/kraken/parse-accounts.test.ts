import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../../src-main/kraken/errors.ts';
import { parseAccounts } from '../../../src-main/kraken/parse-accounts.ts';
import { fixtureJson, fixtureText } from './fixtures.ts';

/** A body given as data, sent as Kraken would send it: JSON text. */
const parseBody = (body: unknown) => parseAccounts(JSON.stringify(body));

function schemaErrorOf(run: () => unknown): SchemaError {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  throw new Error('expected a SchemaError');
}

describe('parseAccounts on the seed /accounts example', () => {
  const accounts = parseAccounts(fixtureText('seed-accounts.json'));

  it('reads the cash account with lower-case keys normalised and raw codes kept', () => {
    expect(accounts.cash?.balances).toEqual([
      { currency: { code: 'BTC', raw: 'xbt' }, amount: '141.31756797' },
      { currency: { code: 'XRP', raw: 'xrp' }, amount: '52465.1254' },
    ]);
  });

  it('reads the single-collateral wallet fi_xbtusd with exact figures', () => {
    expect(accounts.marginWallets).toHaveLength(1);
    const wallet = accounts.marginWallets[0]!;
    expect(wallet.key).toBe('fi_xbtusd');
    expect(wallet.currency).toEqual({ code: 'BTC', raw: 'xbt' });
    expect(wallet.balances).toEqual([{ currency: { code: 'BTC', raw: 'xbt' }, amount: '141.31756797' }]);
    expect(wallet.contracts).toEqual([]);
    expect(wallet.portfolioValue).toBe('153.73891563');
    expect(wallet.pnl).toBe('12.42134766');
    expect(wallet.availableFunds).toBe('100.73891563');
    expect(wallet.funding).toBe('100.73891563');
    expect(wallet.usd).toBe('0');
    expect(wallet.margin).toEqual({ im: '52.8', mm: '23.76', lt: '39.6', tt: '15.84' });
    expect(wallet.triggers).toEqual({ im: '3110', mm: '3000', lt: '2890', tt: '2830' });
  });

  it('reads the flex account: currencies from the map, totals, implied haircuts', () => {
    const flex = accounts.flex!;
    expect(flex.currencies.map((c) => c.currency)).toEqual([
      { code: 'BTC', raw: 'XBT' },
      { code: 'USD', raw: 'USD' },
      { code: 'EUR', raw: 'EUR' },
    ]);
    const [xbt, usd, eur] = flex.currencies;
    expect(xbt).toEqual({
      currency: { code: 'BTC', raw: 'XBT' },
      quantity: '0.1185308247',
      value: '4998.721054420551',
      collateral: '4886.49976674881',
      available: '0.1185308247',
      haircut: '0.02245',
    });
    expect(usd?.haircut).toBe('0');
    expect(eur?.quantity).toBe('4540.5837374453');
    expect(eur?.value).toBe('4999.137289089901');
    expect(eur?.collateral).toBe('4886.906656949836');
    // 1 − 4886.906656949836 / 4999.137289089901 = 0.0224499999999993…: Kraken's EUR haircut is 2.245 %.
    expect(eur?.haircut).toBe('0.02245');
    expect(flex.balanceValue).toBe('34995.52');
    expect(flex.portfolioValue).toBe('34995.52');
    expect(flex.collateralValue).toBe('34122.66');
    expect(flex.marginEquity).toBe('34122.66');
    expect(flex.availableMargin).toBe('34122.66');
    expect(flex.initialMargin).toBe('0');
    expect(flex.maintenanceMargin).toBe('0');
    expect(flex.portfolioMarginBreakdown).toBeNull();
  });

  it('keeps serverTime and finds no unknown account', () => {
    expect(accounts.serverTime).toBe('2016-02-25T09:45:53.818Z');
    expect(accounts.unknown).toEqual([]);
  });
});

describe('parseAccounts shape quirks', () => {
  const wallet = (overrides: Record<string, unknown>) => ({
    type: 'marginAccount',
    currency: 'BTC',
    balances: { xbt: '1', pi_xbtusd: '-500', PF_XBTUSD: 2 },
    auxiliary: { af: '1', pnl: '0', pv: '1' },
    marginRequirements: { im: '0', mm: '0' },
    triggerEstimates: { im: '0', mm: '0' },
    ...overrides,
  });

  it('separates contract sizes (keys with "_") from currency balances', () => {
    const { marginWallets } = parseBody({ result: 'success', accounts: { fi_xbtusd: wallet({}) } });
    expect(marginWallets[0]!.balances.map((b) => b.currency.code)).toEqual(['BTC']);
    expect(marginWallets[0]!.contracts).toEqual([
      { symbol: 'pi_xbtusd', size: '-500' },
      { symbol: 'pf_xbtusd', size: '2' },
    ]);
    expect(marginWallets[0]!.funding).toBeNull();
    expect(marginWallets[0]!.margin.lt).toBeNull();
  });

  it('accepts BTC as the wallet currency (real 2026 responses) and strings for every figure', () => {
    const { marginWallets } = parseBody({ accounts: { fi_xbtusd: wallet({ auxiliary: { af: '1e-3', pnl: '-0.5', pv: '2.50' } }) } });
    expect(marginWallets[0]!.currency).toEqual({ code: 'BTC', raw: 'BTC' });
    expect(marginWallets[0]!.availableFunds).toBe('0.001');
    expect(marginWallets[0]!.portfolioValue).toBe('2.5');
  });

  it('keeps an unknown account type raw instead of failing', () => {
    const raw = { type: 'someNewAccount', figure: 'x' };
    const accounts = parseBody({ accounts: { novel: raw, untyped: { a: 1 } } });
    expect(accounts.unknown).toEqual([
      { key: 'novel', type: 'someNewAccount', raw },
      { key: 'untyped', type: '', raw: { a: '1' } },
    ]);
    expect(accounts.cash).toBeNull();
    expect(accounts.flex).toBeNull();
    expect(accounts.serverTime).toBeNull();
  });

  it('ignores unknown fields such as excludedCollateral', () => {
    const text = JSON.stringify({
      accounts: {
        flex: {
          type: 'multiCollateralMarginAccount',
          currencies: { BTC: { quantity: 1, value: 100, collateral: 90, available: 1, excludedCollateral: 0 } },
          excludedCollateralValue: 5,
          balanceValue: 100, portfolioValue: 100, collateralValue: 90, initialMargin: 10, initialMarginWithOrders: 12,
          maintenanceMargin: 5, pnl: 0, unrealizedFunding: 0, totalUnrealized: 0, totalUnrealizedAsMargin: 0,
          marginEquity: 90, availableMargin: 80,
          portfolioMarginBreakdown: { totalMarketRisk: 1.5, totalScenarioPnls: [1, 2], isBuyOnly: false, futuresMaintenanceMargin: '5' },
        },
      },
    });
    const flex = parseAccounts(text).flex!;
    expect(flex.currencies[0]!.haircut).toBe('0.1');
    expect(flex.portfolioMarginBreakdown).toEqual({ totalMarketRisk: '1.5', futuresMaintenanceMargin: '5' });
  });

  it('names the JSON path of a figure that is not a decimal', () => {
    const json = fixtureJson('seed-accounts.json') as { accounts: { flex: { currencies: { XBT: Record<string, unknown> } } } };
    json.accounts.flex.currencies.XBT['quantity'] = 'abc';
    const error = schemaErrorOf(() => parseBody(json));
    expect(error.path).toBe('accounts.flex.currencies.XBT.quantity');
    expect(error.kind).toBe('schemaMismatch');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('accounts.flex.currencies.XBT.quantity');
  });

  it('names the path of a missing required figure and of odd keys', () => {
    expect(schemaErrorOf(() => parseBody({ accounts: { fi_xbtusd: wallet({ auxiliary: { af: 1, pnl: 0 } }) } })).path).toBe(
      'accounts.fi_xbtusd.auxiliary.pv',
    );
    expect(schemaErrorOf(() => parseBody({ accounts: { cash: { type: 'cashAccount', balances: { 'usd credit': null } } } })).path).toBe(
      'accounts.cash.balances["usd credit"]',
    );
    expect(schemaErrorOf(() => parseBody({ result: 'success' })).path).toBe('accounts');
    expect(schemaErrorOf(() => parseBody([])).path).toBe('the response');
  });

  it('reads an account by its type wherever the type stands in the object', () => {
    const text = `{"accounts":{"fi_xbtusd":{"balances":{"xbt":"1"},"auxiliary":{"af":"1","pnl":"0","pv":"1"},"marginRequirements":{"im":"0","mm":"0"},"triggerEstimates":{"im":"0","mm":"0"},"currency":"xbt","type":"marginAccount"},"cash":{"balances":{"xbt":2},"type":"cashAccount"}}}`;
    const accounts = parseAccounts(text);
    expect(accounts.marginWallets.map((wallet) => wallet.key)).toEqual(['fi_xbtusd']);
    expect(accounts.cash?.balances[0]?.amount).toBe('2');
    expect(accounts.unknown).toEqual([]);
  });

  it('reads a "usd credit" cash key', () => {
    const accounts = parseBody({ accounts: { cash: { type: 'cashAccount', balances: { 'usd credit': '12.5' } } } });
    expect(accounts.cash?.balances).toEqual([{ currency: { code: 'USD CREDIT', raw: 'usd credit' }, amount: '12.5' }]);
  });
});
