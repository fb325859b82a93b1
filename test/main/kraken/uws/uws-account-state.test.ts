import { describe, expect, it } from 'vitest';
import { walletKeyOf } from '../../../../src-main/kraken/uws/decode-margin.ts';
import { MAX_STREAMED_ASSETS, MAX_STREAMED_POSITIONS, MAX_UNKNOWN_MARGIN_TYPES, UwsAccountState } from '../../../../src-main/kraken/uws/uws-account-state.ts';
import { SchemaError } from '../../../../src-main/kraken/errors.ts';
import { evaluateHealth } from '../../../../src-main/monitor/health.ts';
import { DEFAULT_ALERT_RULES } from '../../../../src-shared/alert-model.ts';

const frame = (channel: string, type: string, data: unknown) => JSON.stringify({ channel, type, data });

describe('UwsAccountState', () => {
  it('reads numbers exactly, as JSON numbers or strings, under v1 or REST names', () => {
    const state = new UwsAccountState();
    state.apply('{"channel":"margin","type":"multi_collateral","data":{"marginEquity":"1000.123456789012345678","maintenance_margin":250.000000000000000001,"initial_margin":500,"initial_margin_without_orders":400,"currencies":[{"currency":"xbt","quantity":0.1,"value":"6400","collateral_value":"6080","haircut":"0.05","available":0.1}]}}');
    const flex = state.snapshot('p', 1).accounts.flex!;
    expect(flex.marginEquity).toBe('1000.123456789012345678');
    expect(flex.maintenanceMargin).toBe('250.000000000000000001');
    expect(flex).toMatchObject({ initialMargin: '400', initialMarginWithOrders: '500' });
    expect(flex.currencies).toEqual([{ currency: { code: 'BTC', raw: 'xbt' }, quantity: '0.1', value: '6400', collateral: '6080', available: '0.1', haircut: '0.05' }]);
  });

  it('names the health figures a message left out, so the account is unknown rather than judged on a 0', () => {
    const state = new UwsAccountState();
    state.apply(frame('margin', 'multi_collateral', { margin_equity: '1000', initial_margin: '0', initial_margin_without_orders: '0' }));
    state.apply(frame('margin', 'single_collateral', { 'F-XBT:USD': { name: 'F-XBT:USD', unit: 'XBT', portfolio_value: '0.5', initial_margin: '0.1', maintenance_margin: '0.05', available: '0.4', pnl: '0' } }));
    const snapshot = state.snapshot('p', 1);
    expect(snapshot.missingFigures).toEqual({ flex: ['maintenance margin (maintenance_margin or maintenanceMargin)'] });
    const health = evaluateHealth(snapshot, DEFAULT_ALERT_RULES);
    expect(health.figures.map((figure) => [figure.accountKey, figure.level])).toEqual([
      ['flex', 'unknown'],
      ['wallet:fi_xbtusd', 'healthy'],
    ]);
    expect(health.figures[0]?.unknownReason).toMatch(/maintenance margin/);
  });

  it('keeps one cache per margin type, shows unknown types raw, and replaces a section on each message', () => {
    const state = new UwsAccountState();
    state.apply(frame('margin', 'single_collateral', { 'F-ETH:USD': { portfolio_value: '2', initial_margin: '1', maintenance_margin: '0.5' } }));
    state.apply(frame('margin', 'unified_wallet', { something: 1 }));
    state.apply(frame('margin', 'single_collateral', { 'F-XBT:USD': { portfolio_value: '1', initial_margin: '0.2', maintenance_margin: '0.1' } }));
    const { accounts } = state.snapshot('p', 1);
    expect(accounts.marginWallets.map((wallet) => wallet.key)).toEqual(['fi_xbtusd']);
    expect(accounts.unknown).toEqual([{ key: 'unified_wallet', type: 'unified_wallet', raw: { something: '1' } }]);
    expect(walletKeyOf('F-XBT:USD')).toBe('fi_xbtusd');
    expect(walletKeyOf('F-BTC:USD')).toBe('fi_xbtusd');
    expect(walletKeyOf('fi_ethusd')).toBe('fi_ethusd');
  });

  it('applies a positions snapshot, then updates; size 0 closes a position', () => {
    const state = new UwsAccountState();
    state.apply(frame('positions', 'snapshot', { futures: [{ instrument: 'PF_XBTUSD', size: 8, entry_price: 63500, mark_price: 64000 }, { instrument: 'PF_ETHUSD', size: -60, entry_price: 3150 }], options: [], time: '2026-12-06T12:00:00Z' }));
    state.apply(frame('positions', 'update', { futures: [{ instrument: 'PF_ETHUSD', size: 0 }], options: [] }));
    const snapshot = state.snapshot('p', 1);
    expect(snapshot.positions).toEqual([{ symbol: 'pf_xbtusd', side: 'long', size: '8', price: '63500', fillTime: null, unrealizedFunding: null }]);
    expect(snapshot.markPrices).toEqual({ pf_xbtusd: '64000' });
    expect(snapshot.serverTime).toBe('2026-12-06T12:00:00Z');
  });

  it('takes holding balances from the balances snapshot and the new balance of each ledger entry', () => {
    const state = new UwsAccountState();
    state.apply(frame('balances', 'snapshot', [{ asset: 'USD', balance: '11200', wallets: [{ type: 'spot', id: 'main', balance: '1200' }, { type: 'futures', id: 'flex', balance: '10000' }] }]));
    state.apply(frame('balances', 'update', [{ asset: 'USD', wallet_type: 'spot', amount: '-200', balance: '1000' }, { asset: 'USD', wallet_type: 'futures', balance: '9000' }]));
    expect(state.snapshot('p', 1).accounts.cash?.balances).toEqual([{ currency: { code: 'USD', raw: 'USD' }, amount: '1000' }]);
  });

  const FLEX = { margin_equity: '1000', maintenance_margin: '100', initial_margin: '200', initial_margin_without_orders: '150' };
  const WALLET = { portfolio_value: '0.5', maintenance_margin: '0.05', initial_margin: '0.1' };

  it.each([
    ['flex', 'margin_equity', /margin equity/],
    ['flex', 'maintenance_margin', /maintenance margin/],
    ['wallet:fi_xbtusd', 'portfolio_value', /portfolio value/],
    ['wallet:fi_xbtusd', 'maintenance_margin', /maintenance margin/],
    ['wallet:fi_xbtusd', 'initial_margin', /initial margin/],
  ])('makes %s unknown, with the reason, when %s is not sent: every figure the REST path judges health by', (account, left, reason) => {
    const state = new UwsAccountState();
    const without = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([name]) => name !== left));
    state.apply(frame('margin', 'multi_collateral', account === 'flex' ? without(FLEX) : FLEX));
    state.apply(frame('margin', 'single_collateral', { 'F-XBT:USD': account === 'flex' ? WALLET : without(WALLET) }));
    const figures = evaluateHealth(state.snapshot('p', 1), DEFAULT_ALERT_RULES).figures;
    expect(figures.filter((figure) => figure.level === 'unknown').map((figure) => figure.accountKey)).toEqual([account]);
    expect(figures.find((figure) => figure.accountKey === account)?.unknownReason).toMatch(reason);
  });

  it('makes the flex account unknown when neither initial margin is sent, and judges it when one is', () => {
    const state = new UwsAccountState();
    const { initial_margin: _with, initial_margin_without_orders: _without, ...noInitial } = FLEX;
    state.apply(frame('margin', 'multi_collateral', noInitial));
    expect(evaluateHealth(state.snapshot('p', 1), DEFAULT_ALERT_RULES).figures[0]?.level).toBe('unknown');
    state.apply(frame('margin', 'multi_collateral', { ...noInitial, initial_margin: '200' }));
    expect(evaluateHealth(state.snapshot('p', 1), DEFAULT_ALERT_RULES).figures[0]?.level).not.toBe('unknown');
  });

  it('makes an account unknown when a health figure comes as something that is not a number, never healthy on a 0', () => {
    const state = new UwsAccountState();
    state.apply(frame('margin', 'multi_collateral', { ...FLEX, maintenance_margin: 'n/a' }));
    const [flex] = evaluateHealth(state.snapshot('p', 1), DEFAULT_ALERT_RULES).figures;
    expect(flex?.level).toBe('unknown');
    expect(flex?.unknownReason).toMatch(/maintenance margin/);
  });

  it('keeps its last good state when a frame cannot be read', () => {
    const state = new UwsAccountState();
    state.apply(frame('positions', 'snapshot', { futures: [{ instrument: 'PF_XBTUSD', size: 1, entry_price: 60000 }] }));
    expect(() => state.apply(frame('positions', 'update', { futures: [{ size: 2 }] }))).toThrow(SchemaError);
    expect(() => state.apply('{"channel":"margin",')).toThrow(SchemaError);
    expect(state.snapshot('p', 1).positions.map((position) => position.size)).toEqual(['1']);
  });

  it('refuses updates that would grow the state past its bounds (a peer sending ever-new names), and keeps what it had', () => {
    const state = new UwsAccountState();
    const positions = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ instrument: `PF_T${from + i}USD`, size: 1, entry_price: 1 }));
    state.apply(frame('positions', 'snapshot', { futures: positions(0, MAX_STREAMED_POSITIONS - 1) }));
    state.apply(frame('positions', 'update', { futures: positions(MAX_STREAMED_POSITIONS - 1, 1) }));
    // updating or closing known positions is always fine at the bound
    state.apply(frame('positions', 'update', { futures: [{ instrument: 'PF_T0USD', size: 2, entry_price: 1 }, { instrument: 'PF_T1USD', size: 0 }] }));
    state.apply(frame('positions', 'update', { futures: positions(1, 1) }));
    const error = (() => {
      try {
        state.apply(frame('positions', 'update', { futures: positions(MAX_STREAMED_POSITIONS, 1) }));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).message).toMatch(/within 10,000 open positions/);
    expect(state.snapshot('p', 1).positions).toHaveLength(MAX_STREAMED_POSITIONS);
    // a new snapshot replaces them all, so it is judged by its own size
    state.apply(frame('positions', 'snapshot', { futures: positions(0, 1) }));
    expect(state.snapshot('p', 1).positions).toHaveLength(1);

    const assets = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ asset: `A${from + i}`, balance: '1', wallet_type: 'spot' }));
    state.apply(frame('balances', 'update', assets(0, MAX_STREAMED_ASSETS)));
    expect(() => state.apply(frame('balances', 'update', assets(MAX_STREAMED_ASSETS, 1)))).toThrow(SchemaError);
    expect(state.snapshot('p', 1).accounts.cash?.balances).toHaveLength(MAX_STREAMED_ASSETS);

    for (let i = 0; i < MAX_UNKNOWN_MARGIN_TYPES; i++) state.apply(frame('margin', `new_type_${i}`, { x: 1 }));
    state.apply(frame('margin', 'new_type_0', { x: 2 }));
    expect(() => state.apply(frame('margin', 'one_too_many', { x: 1 }))).toThrow(SchemaError);
    expect(state.snapshot('p', 1).accounts.unknown).toHaveLength(MAX_UNKNOWN_MARGIN_TYPES);
  });

  it('answers false for frames that carry nothing the model shows', () => {
    const state = new UwsAccountState();
    expect(state.apply('{"channel":"heartbeat"}')).toBe(false);
    expect(state.apply(frame('ledgers', 'update', []))).toBe(false);
  });
});
