import { describe, expect, it } from 'vitest';
import { UwsAccountState, walletKeyOf } from '../../../src-main/kraken/uws/uws-account-state.ts';
import { evaluateHealth } from '../../../src-main/monitor/health.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';

const frame = (message: unknown) => JSON.stringify(message);

describe('UwsAccountState', () => {
  it('reads numbers exactly, as JSON numbers or strings, under v1 or REST names', () => {
    const state = new UwsAccountState();
    state.apply('margin', 'multi_collateral', '{"channel":"margin","type":"multi_collateral","data":{"marginEquity":"1000.123456789012345678","maintenance_margin":250.000000000000000001,"initial_margin":500,"initial_margin_without_orders":400,"currencies":[{"currency":"xbt","quantity":0.1,"value":"6400","collateral_value":"6080","haircut":"0.05","available":0.1}]}}');
    const flex = state.snapshot('p', 1).accounts.flex!;
    expect(flex.marginEquity).toBe('1000.123456789012345678');
    expect(flex.maintenanceMargin).toBe('250.000000000000000001');
    expect(flex).toMatchObject({ initialMargin: '400', initialMarginWithOrders: '500' });
    expect(flex.currencies).toEqual([{ currency: { code: 'BTC', raw: 'xbt' }, quantity: '0.1', value: '6400', collateral: '6080', available: '0.1', haircut: '0.05' }]);
  });

  it('names the health figures a message left out, so the account is unknown rather than judged on a 0', () => {
    const state = new UwsAccountState();
    state.apply('margin', 'multi_collateral', frame({ channel: 'margin', type: 'multi_collateral', data: { margin_equity: '1000', initial_margin: '0', initial_margin_without_orders: '0' } }));
    state.apply('margin', 'single_collateral', frame({ channel: 'margin', type: 'single_collateral', data: { 'F-XBT:USD': { name: 'F-XBT:USD', unit: 'XBT', portfolio_value: '0.5', initial_margin: '0.1', maintenance_margin: '0.05', available: '0.4', pnl: '0' } } }));
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
    state.apply('margin', 'single_collateral', frame({ data: { 'F-ETH:USD': { portfolio_value: '2', initial_margin: '1', maintenance_margin: '0.5' } } }));
    state.apply('margin', 'unified_wallet', frame({ data: { something: 1 } }));
    state.apply('margin', 'single_collateral', frame({ data: { 'F-XBT:USD': { portfolio_value: '1', initial_margin: '0.2', maintenance_margin: '0.1' } } }));
    const { accounts } = state.snapshot('p', 1);
    expect(accounts.marginWallets.map((wallet) => wallet.key)).toEqual(['fi_xbtusd']);
    expect(accounts.unknown).toEqual([{ key: 'unified_wallet', type: 'unified_wallet', raw: { something: '1' } }]);
    expect(walletKeyOf('F-XBT:USD')).toEqual({ key: 'fi_xbtusd', base: 'xbt' });
  });

  it('applies a positions snapshot, then updates; size 0 closes a position', () => {
    const state = new UwsAccountState();
    state.apply('positions', 'snapshot', frame({ data: { futures: [{ instrument: 'PF_XBTUSD', size: 8, entry_price: 63500, mark_price: 64000 }, { instrument: 'PF_ETHUSD', size: -60, entry_price: 3150 }], options: [], time: '2026-12-06T12:00:00Z' } }));
    state.apply('positions', 'update', frame({ data: { futures: [{ instrument: 'PF_ETHUSD', size: 0 }], options: [] } }));
    const snapshot = state.snapshot('p', 1);
    expect(snapshot.positions).toEqual([{ symbol: 'pf_xbtusd', side: 'long', size: '8', price: '63500', fillTime: null, unrealizedFunding: null }]);
    expect(snapshot.markPrices).toEqual({ pf_xbtusd: '64000' });
    expect(snapshot.serverTime).toBe('2026-12-06T12:00:00Z');
  });

  it('takes holding balances from the balances snapshot and the new balance of each ledger entry', () => {
    const state = new UwsAccountState();
    state.apply('balances', 'snapshot', frame({ data: [{ asset: 'USD', balance: '11200', wallets: [{ type: 'spot', id: 'main', balance: '1200' }, { type: 'futures', id: 'flex', balance: '10000' }] }] }));
    state.apply('balances', 'update', frame({ data: [{ asset: 'USD', wallet_type: 'spot', amount: '-200', balance: '1000' }, { asset: 'USD', wallet_type: 'futures', balance: '9000' }] }));
    expect(state.snapshot('p', 1).accounts.cash?.balances).toEqual([{ currency: { code: 'USD', raw: 'USD' }, amount: '1000' }]);
  });
});
