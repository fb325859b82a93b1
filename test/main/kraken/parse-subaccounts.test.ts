import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../../src-main/kraken/errors.ts';
import { parseSubaccounts } from '../../../src-main/kraken/parse-subaccounts.ts';
import { fixtureText } from './fixtures.ts';

/** A body given as data, sent as Kraken would send it: JSON text. */
const parseBody = (body: unknown) => parseSubaccounts(JSON.stringify(body));

describe('parseSubaccounts on the seed SubaccountsWithFlexExample', () => {
  const result = parseSubaccounts(fixtureText('seed-subaccounts.json'));
  const sub = result.subaccounts[0]!;

  it('reads the master and subaccount UIDs and labels', () => {
    expect(result.masterUid).toBe('ba598ca1-65c1-4f48-927d-0e2b647d627a');
    expect(result.serverTime).toBe('2022-03-31T20:38:53.677Z');
    expect(result.subaccounts).toHaveLength(1);
    expect(sub.uid).toBe('7f5c528e-2285-45f0-95f5-83d53d4bfcd2');
    expect(sub.email).toBe('email redacted');
    expect(sub.fullName).toBe('fullname redacted');
  });

  it('reads holdings exactly, exponent form included', () => {
    expect(sub.holdings.map((h) => [h.currency.code, h.currency.raw, h.amount])).toEqual([
      ['GBP', 'gbp', '0'],
      ['BCH', 'bch', '0.00004'],
      ['XRP', 'xrp', '13662.85078'],
      ['USD', 'usd', '0'],
      ['ETH', 'eth', '3.0000485057'],
      ['USDT', 'usdt', '0'],
      ['LTC', 'ltc', '0.00002'],
      ['USDC', 'usdc', '0'],
      ['BTC', 'xbt', '0.00000000346'],
    ]);
  });

  it('reads futures wallets with base and quote currency, negative and tiny margins exactly', () => {
    expect(sub.futuresWallets.map((w) => [w.name, w.base.code, w.quote.code, w.availableMargin])).toEqual([
      ['f-xrp:usd', 'XRP', 'USD', '16187.33210488726'],
      ['f-eth:usd', 'ETH', 'USD', '67.59768318324302'],
      ['f-xbt:usd', 'BTC', 'USD', '-0.0009056832839642471'],
      ['f-ltc:usd', 'LTC', 'USD', '67.51126059691163'],
      ['f-xrp:xbt', 'XRP', 'BTC', '0.00000000234'],
      ['f-bch:usd', 'BCH', 'USD', '47.151615710695495'],
    ]);
  });

  it('reads the flex account in the same shape as the master flex', () => {
    const flex = sub.flex!;
    expect(flex.currencies).toHaveLength(6);
    expect(flex.currencies[0]).toEqual({
      currency: { code: 'ETH', raw: 'eth' },
      quantity: '0.5',
      value: '1646.575',
      collateral: '1543.91104875',
      available: '0.49999966035931903',
      haircut: '0.06235',
    });
    expect(flex.currencies[3]).toEqual({
      currency: { code: 'BTC', raw: 'xbt' },
      quantity: '0',
      value: '0',
      collateral: '0',
      available: '0',
      haircut: null,
    });
    expect(flex.balanceValue).toBe('1646.58');
    expect(flex.collateralValue).toBe('1543.91');
    expect(flex.marginEquity).toBe('1543.91');
    expect(flex.availableMargin).toBe('1543.91');
    expect(flex.portfolioMarginBreakdown).toBeNull();
  });
});

describe('parseSubaccounts shape quirks', () => {
  const base = (sub: Record<string, unknown>) => ({
    masterAccountUid: 'm',
    subaccounts: [{ accountUid: 'u', email: 'e', fullName: null, holdingAccounts: [], futuresAccounts: [], ...sub }],
  });

  it('accepts a null fullName and a missing flexAccount', () => {
    const sub = parseBody(base({})).subaccounts[0]!;
    expect(sub.fullName).toBeNull();
    expect(sub.flex).toBeNull();
  });

  it('accepts BTC and upper-case codes in the flex list and decimal strings', () => {
    const flex = {
      currencies: [{ currency: 'BTC', quantity: '0.5', value: '50000', collateral: '49000', available: '0.5' }],
      initialMargin: '0', initialMarginWithOrders: '0', maintenanceMargin: '0', balanceValue: '50000',
      portfolioValue: '50000', collateralValue: '49000', pnl: '0', unrealizedFunding: '0', totalUnrealized: '0',
      totalUnrealizedAsMargin: '0', availableMargin: '49000', marginEquity: '49000',
    };
    const sub = parseBody(base({ flexAccount: flex })).subaccounts[0]!;
    expect(sub.flex?.currencies[0]?.currency).toEqual({ code: 'BTC', raw: 'BTC' });
    expect(sub.flex?.currencies[0]?.haircut).toBe('0.02');
  });

  it('names the path of a bad figure inside the array shape', () => {
    const json = base({ holdingAccounts: [{ currency: 'usd', amount: 1 }, { currency: 'eth', amount: 'lots' }] });
    try {
      parseBody(json);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaError);
      expect((error as SchemaError).path).toBe('subaccounts[0].holdingAccounts[1].amount');
    }
  });

  it('refuses a futures wallet whose name does not say the margin currency', () => {
    expect(() => parseBody(base({ futuresAccounts: [{ name: 'mystery', availableMargin: 1 }] }))).toThrow(
      /subaccounts\[0\]\.futuresAccounts\[0\]\.name/,
    );
  });

  it('refuses a response without the master UID', () => {
    expect(() => parseBody({ subaccounts: [] })).toThrow(/masterAccountUid/);
  });
});
