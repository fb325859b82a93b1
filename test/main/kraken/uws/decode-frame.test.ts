import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../../../src-main/kraken/errors.ts';
import { parseAccounts } from '../../../../src-main/kraken/parse-accounts.ts';
import { computeAuthent } from '../../../../src-main/kraken/sign.ts';
import { SimulatedExchange } from '../../../../src-main/kraken/simulator/exchange.ts';
import { DOCS_STYLE, REAL_2026_STYLE, type ResponseStyle } from '../../../../src-main/kraken/simulator/render.ts';
import { renderMultiCollateral, renderSingleCollateral } from '../../../../src-main/kraken/simulator/uws-render.ts';
import { decodeUwsFrame, type UwsMessage } from '../../../../src-main/kraken/uws/decode-frame.ts';
import { ManualClock } from '../manual-clock.ts';

const frame = (channel: string, type: string | undefined, data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ channel, ...(type === undefined ? {} : { type }), data, ...extra });

function decoded<C extends UwsMessage['channel']>(channel: C, text: string): Extract<UwsMessage, { channel: C }> {
  const message = decodeUwsFrame(text);
  expect(message?.channel).toBe(channel);
  return message as Extract<UwsMessage, { channel: C }>;
}

const V1_FLEX = {
  balance_value: 34995.52,
  portfolio_value: '34995.52',
  collateral_value: 34122.66,
  initial_margin: '12.5',
  initial_margin_without_orders: '10',
  maintenance_margin: 5,
  pnl: 0,
  unrealized_funding: 0,
  total_unrealized: 0,
  total_unrealized_as_margin: 0,
  margin_equity: '34122.66',
  available_margin: 34110.16,
  currencies: {
    XBT: { quantity: 0.1185308247, value: '4998.721054420551', collateral_value: 4886.49976674881, available: 0.1185308247, haircut: 0.02, conversion_spread: 0 },
    USD: { quantity: '5000', value: '5000', collateral_value: '5000', available: '5000' },
  },
  isolated: {},
  cross: { effective_leverage: 0.1 },
};

describe('margin, multi_collateral', () => {
  it('reads the v1 snake_case names exactly into the flex account, orders included and excluded as REST has them', () => {
    const message = decoded('margin', frame('margin', 'multi_collateral', V1_FLEX));
    expect(message.type).toBe('multi_collateral');
    if (message.type !== 'multi_collateral') return;
    expect(message.missing).toEqual([]);
    expect(message.missingForHealth).toEqual({});
    expect(message.flex).toMatchObject({
      balanceValue: '34995.52',
      portfolioValue: '34995.52',
      collateralValue: '34122.66',
      initialMargin: '10',
      initialMarginWithOrders: '12.5',
      maintenanceMargin: '5',
      marginEquity: '34122.66',
      availableMargin: '34110.16',
    });
    expect(message.flex.currencies[0]).toEqual({
      currency: { code: 'BTC', raw: 'XBT' },
      quantity: '0.1185308247',
      value: '4998.721054420551',
      collateral: '4886.49976674881',
      available: '0.1185308247',
      haircut: '0.02245',
    });
    expect(message.unknown).toEqual({ '': { isolated: {}, cross: { effective_leverage: '0.1' } }, 'currencies.XBT': { conversion_spread: '0' } });
  });

  it('reads the REST camelCase names, a currency list and a data list of one element alike', () => {
    const rest = {
      balanceValue: '100', portfolioValue: '100', collateralValue: '90', initialMargin: '10', initialMarginWithOrders: '12',
      maintenanceMargin: '5', pnl: '0', unrealizedFunding: '0', totalUnrealized: '0', totalUnrealizedAsMargin: '0',
      marginEquity: '90', availableMargin: '80',
      currencies: [{ currency: 'xbt', quantity: '1', value: '100', collateral: '90', available: '1' }],
    };
    const message = decoded('margin', frame('margin', 'multi_collateral', [rest]));
    if (message.type !== 'multi_collateral') throw new Error('expected flex');
    expect(message.missing).toEqual([]);
    expect(message.flex.marginEquity).toBe('90');
    expect(message.flex.currencies).toEqual([
      { currency: { code: 'BTC', raw: 'xbt' }, quantity: '1', value: '100', collateral: '90', available: '1', haircut: '0.1' },
    ]);
  });

  it('names every figure not sent, and those health needs apart: never a silent healthy zero', () => {
    const { margin_equity: _equity, maintenance_margin: _maintenance, total_unrealized: _total, ...partial } = V1_FLEX;
    const withoutQuantity = { ...partial, currencies: { XBT: { value: 100, collateral_value: 90, available: 1 } } };
    const message = decoded('margin', frame('margin', 'multi_collateral', withoutQuantity));
    if (message.type !== 'multi_collateral') throw new Error('expected flex');
    expect(message.missing).toEqual(['maintenanceMargin', 'totalUnrealized', 'marginEquity', 'currencies.XBT.quantity']);
    expect(message.missingForHealth).toEqual({
      flex: ['margin equity (margin_equity or marginEquity)', 'maintenance margin (maintenance_margin or maintenanceMargin)'],
    });
  });

  it('reads either initial margin for the other when only one is sent, and names both when neither is', () => {
    const { initial_margin_without_orders: _without, ...onlyWithOrders } = V1_FLEX;
    const one = decoded('margin', frame('margin', 'multi_collateral', onlyWithOrders));
    if (one.type !== 'multi_collateral') throw new Error('expected flex');
    expect(one.flex).toMatchObject({ initialMargin: '12.5', initialMarginWithOrders: '12.5' });
    expect(one.missingForHealth).toEqual({});
    const { initial_margin: _with, ...neither } = onlyWithOrders;
    const none = decoded('margin', frame('margin', 'multi_collateral', neither));
    if (none.type !== 'multi_collateral') throw new Error('expected flex');
    expect(none.missingForHealth['flex']).toHaveLength(2);
    expect(none.missingForHealth['flex']?.[0]).toMatch(/^initial margin \(/);
  });

  it('reads the model (REST) name first, then the candidates in order', () => {
    const both = decoded('margin', frame('margin', 'multi_collateral', { ...V1_FLEX, marginEquity: '7', margin_equity: '6' }));
    if (both.type !== 'multi_collateral') throw new Error('expected flex');
    expect(both.flex.marginEquity).toBe('7');
  });

  it('counts a figure sent as something that is not a number as not sent, and keeps what was sent among the unknown fields', () => {
    const message = decoded('margin', frame('margin', 'multi_collateral', { ...V1_FLEX, margin_equity: 'n/a', currencies: { XBT: { quantity: {}, value: 1, collateral_value: 1, available: 1 } } }));
    if (message.type !== 'multi_collateral') throw new Error('expected flex');
    expect(message.missingForHealth).toEqual({ flex: ['margin equity (margin_equity or marginEquity)'] });
    expect(message.missing).toEqual(['marginEquity', 'currencies.XBT.quantity']);
    expect(message.unknown['']).toMatchObject({ margin_equity: 'n/a' });
    expect(message.unknown['currencies.XBT']).toEqual({ quantity: {} });
  });

  it('refuses a section that is not an object, naming where', () => {
    expect(() => decodeUwsFrame(frame('margin', 'multi_collateral', 'n/a'))).toThrow(expect.objectContaining({ kind: 'schemaMismatch', path: 'data' }));
    expect(() => decodeUwsFrame(frame('margin', 'multi_collateral', { ...V1_FLEX, currencies: { XBT: 'n/a' } }))).toThrow(
      expect.objectContaining({ path: 'data.currencies.XBT' }),
    );
  });
});

describe('margin, single_collateral', () => {
  const wallet = {
    name: 'F-XBT:USD', pair: 'XBT/USD', unit: 'XBT', portfolio_value: '1.5', balance: 1.4, maintenance_margin: '0.2',
    initial_margin: '0.4', available: '1.1', unrealized_funding: 0, pnl: '0.1', isolated_leverage: 3,
  };

  it('reads wallets keyed by name into margin wallets keyed as REST keys them, in their collateral currency, or listed with their name', () => {
    for (const data of [{ 'F-XBT:USD': wallet }, [wallet]]) {
      const message = decoded('margin', frame('margin', 'single_collateral', data));
      if (message.type !== 'single_collateral') throw new Error('expected wallets');
      expect(message.missing).toEqual([]);
      expect(message.wallets).toEqual([
        {
          key: 'fi_xbtusd',
          currency: { code: 'BTC', raw: 'XBT' },
          balances: [{ currency: { code: 'BTC', raw: 'XBT' }, amount: '1.4' }],
          contracts: [],
          portfolioValue: '1.5',
          pnl: '0.1',
          availableFunds: '1.1',
          funding: '0',
          usd: null,
          margin: { im: '0.4', mm: '0.2', lt: null, tt: null },
          triggers: { im: '0', mm: '0', lt: null, tt: null },
        },
      ]);
      expect(message.unknown).toEqual({ fi_xbtusd: { isolated_leverage: '3' } });
    }
  });

  it('takes the currency from the name when no unit is sent, and names missing health figures by wallet', () => {
    const { unit: _unit, portfolio_value: _pv, ...partial } = wallet;
    const message = decoded('margin', frame('margin', 'single_collateral', { 'F-ETH:USD': partial }));
    if (message.type !== 'single_collateral') throw new Error('expected wallets');
    expect(message.wallets[0]?.currency).toEqual({ code: 'ETH', raw: 'ETH' });
    expect(message.missing).toEqual(['fi_ethusd.portfolioValue']);
    expect(message.missingForHealth).toEqual({ 'wallet:fi_ethusd': ['portfolio value (portfolio_value or pv or portfolioValue)'] });
  });
});

/** The REST /accounts body and the UWS margin frames of one simulated account. */
async function bothWays(style: ResponseStyle) {
  const exchange = new SimulatedExchange({ clock: new ManualClock(), style });
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.setMarkPrice('pi_xbtusd', '64000');
  exchange.setUsdRate('EUR', '1.08');
  exchange.deposit('USD', '10000');
  exchange.deposit('BTC', '0.25');
  exchange.deposit('EUR', '3384.05');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '0.1', entryPrice: '60000' });
  exchange.setWalletBalance('xbt', '0.5');
  exchange.openPosition({ symbol: 'pi_xbtusd', size: '1000', entryPrice: '62000' });
  const key = exchange.addKey();
  const path = '/derivatives/api/v3/accounts';
  const request = new Request(`http://sim${path}`, { headers: { 'User-Agent': 't', APIKey: key.apiKey, Authent: computeAuthent(key.apiSecret, path, '', '') } });
  const rest = parseAccounts(await (await exchange.handle(request)).text());
  const master = exchange.account(exchange.masterUid)!;
  const context = exchange.renderContext();
  return {
    rest,
    flexFrame: frame('margin', 'multi_collateral', renderMultiCollateral(master, context)),
    walletFrame: frame('margin', 'single_collateral', renderSingleCollateral(master, context)),
  };
}

describe('the same simulated account both ways', () => {
  it.each([
    ['numbers', DOCS_STYLE],
    ['decimal strings', REAL_2026_STYLE],
  ])('gives the figures of REST from the UWS margin frames (%s)', async (_name, style) => {
    const { rest, flexFrame, walletFrame } = await bothWays(style);
    const flex = decodeUwsFrame(flexFrame);
    if (flex?.channel !== 'margin' || flex.type !== 'multi_collateral') throw new Error('expected flex');
    expect(flex.missing).toEqual([]);
    const { portfolioMarginBreakdown: _breakdown, ...restFlex } = rest.flex!;
    expect(flex.flex).toMatchObject(restFlex);
    const wallets = decodeUwsFrame(walletFrame);
    if (wallets?.channel !== 'margin' || wallets.type !== 'single_collateral') throw new Error('expected wallets');
    const restWallet = rest.marginWallets[0]!;
    expect(wallets.wallets[0]).toMatchObject({ key: restWallet.key, portfolioValue: restWallet.portfolioValue, margin: { im: restWallet.margin.im, mm: restWallet.margin.mm } });
  });
});

describe('positions', () => {
  it('reads a snapshot in UWS names, signed sizes as sides, and keeps margin figures apart', () => {
    const data = {
      futures: [
        { instrument: 'PF_XBTUSD', size: '0.5', entry_price: 60000, mark_price: '64000', pnl: 2000, maintenance_margin: '640' },
        { instrument: 'PI_ETHUSD', size: -1000, entry_price: '3000.5' },
      ],
      options: [{ instrument: 'OPT', size: 1 }],
      time: '2027-03-01T00:00:00Z',
    };
    const message = decoded('positions', frame('positions', 'snapshot', data));
    expect(message.type).toBe('snapshot');
    expect(message.positions).toEqual([
      { symbol: 'pf_xbtusd', side: 'long', size: '0.5', price: '60000', fillTime: null, unrealizedFunding: null },
      { symbol: 'pi_ethusd', side: 'short', size: '1000', price: '3000.5', fillTime: null, unrealizedFunding: null },
    ]);
    expect(message.markPrices).toEqual({ pf_xbtusd: '64000' });
    expect(message.unknown).toEqual({ pf_xbtusd: { pnl: '2000', maintenance_margin: '640' } });
    expect(message.closed).toEqual([]);
    expect(message.time).toBe('2027-03-01T00:00:00Z');
  });

  it('reads REST names and sides, names a closed position (size 0) and a missing entry price', () => {
    const data = {
      futures: [
        { symbol: 'PF_ETHUSD', side: 'short', size: 2, price: '3000', fillTime: '2027-01-01T00:00:00Z', unrealizedFunding: '-0.1' },
        { symbol: 'PF_XBTUSD', size: '0' },
        { symbol: 'PF_SOLUSD', size: '3' },
      ],
    };
    const message = decoded('positions', frame('positions', 'update', data));
    expect(message.positions[0]).toEqual({ symbol: 'pf_ethusd', side: 'short', size: '2', price: '3000', fillTime: '2027-01-01T00:00:00Z', unrealizedFunding: '-0.1' });
    expect(message.closed).toEqual(['pf_xbtusd']);
    expect(message.missing).toEqual(['pf_solusd.price']);
  });

  it('refuses a position without a symbol or a size', () => {
    expect(() => decodeUwsFrame(frame('positions', 'update', { futures: [{ size: 1 }] }))).toThrow(expect.objectContaining({ path: 'data[0].instrument' }));
    expect(() => decodeUwsFrame(frame('positions', 'update', { futures: [{ instrument: 'x' }] }))).toThrow(expect.objectContaining({ path: 'data[0].size' }));
    // a size that is not a number is refused with the frame, never read as 0 (which would close the position)
    expect(() => decodeUwsFrame(frame('positions', 'update', { futures: [{ instrument: 'x', size: 'n/a' }] }))).toThrow(expect.objectContaining({ path: 'data[0].size' }));
  });

  it('reads a snapshot of 1,000 positions exactly', () => {
    const futures = Array.from({ length: 1_000 }, (_, i) => ({ instrument: `PF_C${i}USD`, size: `${i % 2 === 0 ? '' : '-'}${i + 1}.123456789012345678`, entry_price: 0.1 + i }));
    const message = decoded('positions', frame('positions', 'snapshot', { futures }));
    expect(message.positions).toHaveLength(1_000);
    expect(message.positions[999]).toMatchObject({ symbol: 'pf_c999usd', side: 'short', size: '1000.123456789012345678', price: '999.1' });
  });
});

describe('balances', () => {
  it('reads a Spot v2 snapshot: assets with totals and wallets, codes normalised', () => {
    const data = [
      { asset: 'XBT', asset_class: 'currency', balance: '0.75', wallets: [{ type: 'spot', id: 'main', balance: '0.5' }, { type: 'futures', id: 'flex', balance: 0.25 }] },
      { asset: 'USD', asset_class: 'currency', balance: 10000, wallets: [] , extra: 'kept' },
    ];
    const message = decoded('balances', frame('balances', 'snapshot', data));
    expect(message.balances).toEqual([
      {
        currency: { code: 'BTC', raw: 'XBT' },
        total: '0.75',
        wallets: [
          { type: 'spot', id: 'main', balance: '0.5' },
          { type: 'futures', id: 'flex', balance: '0.25' },
        ],
        unknown: {},
      },
      { currency: { code: 'USD', raw: 'USD' }, total: '10000', wallets: [], unknown: { extra: 'kept' } },
    ]);
    expect(message.missing).toEqual([]);
  });

  it('reads ledger updates as the balance of one wallet after each, and names an entry without a balance', () => {
    const data = [
      { ledger_id: 'L1', asset: 'USD', asset_class: 'currency', wallet_type: 'futures', wallet_id: 'flex', amount: '-5', fee: '0', balance: '9995' },
      { ledger_id: 'L2', asset: 'ETH', amount: '1' },
    ];
    const message = decoded('balances', frame('balances', 'update', data));
    expect(message.balances[0]).toMatchObject({ currency: { code: 'USD' }, total: null, wallets: [{ type: 'futures', id: 'flex', balance: '9995' }] });
    expect(message.missing).toEqual(['ETH.balance']);
  });
});

describe('frames', () => {
  it('answers null for heartbeats and other channels, and keeps a margin section of an unknown type raw', () => {
    expect(decodeUwsFrame('{"channel":"heartbeat"}')).toBeNull();
    expect(decodeUwsFrame(frame('ledgers', 'update', []))).toBeNull();
    expect(decodeUwsFrame(frame('margin', 'unified_wallet', { total: 1.5 }))).toEqual({ channel: 'margin', type: 'unknown', sentType: 'unified_wallet', raw: { total: '1.5' } });
  });

  it('refuses text that is not JSON or a frame without a channel with a SchemaError', () => {
    for (const text of ['{"channel":"margin","type":"multi_collateral","data":{"margin_equity":', '<html>', '[]']) {
      expect(() => decodeUwsFrame(text), text).toThrow(SchemaError);
    }
  });
});
