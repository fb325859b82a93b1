import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, Decimal, MarginWallet } from '../../src-shared/account-model.ts';
import { DEFAULT_ALERT_RULES } from '../../src-shared/alert-model.ts';
import { composeDesk } from '../../src-shared/desk-composition.ts';
import { evaluateHealth } from '../../src-main/monitor/health.ts';
import { syntheticFlex } from '../renderer/support/seed.ts';

const usd = { code: 'USD', raw: 'usd' };
const btc = { code: 'BTC', raw: 'xbt' };

function snapshot(profileId: string, more: Partial<AccountSnapshot['accounts']> = {}): AccountSnapshot {
  return {
    profileId,
    fetchedAt: 1_000,
    serverTime: `2026-06-01T12:00:0${profileId.length}Z`,
    accounts: { cash: { balances: [{ currency: usd, amount: '12.5' as Decimal }] }, marginWallets: [], flex: syntheticFlex('10000', '2.5'), unknown: [], serverTime: null, ...more },
    subaccounts: null,
    positions: [],
    markPrices: {},
  };
}

const wallet: MarginWallet = {
  key: 'fi_xbtusd',
  currency: btc,
  balances: [],
  contracts: [],
  portfolioValue: '1' as Decimal,
  pnl: '0' as Decimal,
  availableFunds: '0.75' as Decimal,
  funding: null,
  usd: null,
  margin: { im: '0' as Decimal, mm: '0' as Decimal, lt: null, tt: null },
  triggers: { im: '0' as Decimal, mm: '0' as Decimal, lt: null, tt: null },
};

describe('composeDesk', () => {
  it("makes each member a subaccount row with its own accounts, and its worst figure the row's, named after the member", () => {
    const a = snapshot('a');
    const b = snapshot('bb', { marginWallets: [wallet] });
    // b judged with its own thresholds: 250 % is a warning for the default 300 %, healthy under 200 %
    const bHealth = evaluateHealth(b, { ...DEFAULT_ALERT_RULES, warnBelowPct: 200 });
    const desk = composeDesk([
      { profileId: 'a', name: 'Trader A', view: { snapshot: a, health: evaluateHealth(a, DEFAULT_ALERT_RULES) } },
      { profileId: 'bb', name: 'Trader B', view: { snapshot: b, health: bHealth } },
      { profileId: 'c', name: 'Waiting', view: null },
    ]);
    expect(desk.subaccounts.subaccounts).toEqual([
      { uid: 'a', email: '', fullName: 'Trader A', holdings: a.accounts.cash?.balances, futuresWallets: [], flex: a.accounts.flex },
      {
        uid: 'bb',
        email: '',
        fullName: 'Trader B',
        holdings: b.accounts.cash?.balances,
        futuresWallets: [{ name: 'fi_xbtusd', base: btc, quote: btc, availableMargin: '0.75' }],
        flex: b.accounts.flex,
      },
      { uid: 'c', email: '', fullName: 'Waiting', holdings: [], futuresWallets: [], flex: null },
    ]);
    expect(desk.figures.map((figure) => [figure.accountKey, figure.label, figure.level, figure.account])).toEqual([
      ['sub:a', 'Trader A', 'warn', { kind: 'subaccountFlex', uid: 'a' }],
      ['sub:bb', 'Trader B', 'healthy', { kind: 'subaccountFlex', uid: 'bb' }],
    ]);
    expect(desk.figures[0]?.marginRatio).toBe(evaluateHealth(a, DEFAULT_ALERT_RULES).figures[0]?.marginRatio);
    expect(desk.subaccounts.serverTime).toBe('2026-06-01T12:00:02Z');
  });

  it("judges a member by its worst account: a wallet near liquidation is not hidden by a healthy flex account, and is named", () => {
    const atRisk: MarginWallet = { ...wallet, portfolioValue: '1.05' as Decimal, margin: { ...wallet.margin, im: '0.5' as Decimal, mm: '1' as Decimal } };
    const member = snapshot('a', { marginWallets: [atRisk] });
    const health = evaluateHealth(member, DEFAULT_ALERT_RULES);
    expect(health.figures.find((figure) => figure.accountKey === 'flex')?.level).toBe('warn');
    const desk = composeDesk([{ profileId: 'a', name: 'Trader A', view: { snapshot: member, health } }]);
    expect(desk.figures).toHaveLength(1);
    expect(desk.figures[0]).toMatchObject({ accountKey: 'sub:a', label: 'Trader A (fi_xbtusd)', level: 'liquidation', marginRatio: '1.05', bufferCurrency: 'BTC' });
  });

  it('keeps a member whose source left out figures unknown, never healthy', () => {
    const a: AccountSnapshot = { ...snapshot('a'), missingFigures: { flex: ['maintenance margin'] } };
    const desk = composeDesk([{ profileId: 'a', name: 'A', view: { snapshot: a, health: evaluateHealth(a, DEFAULT_ALERT_RULES) } }]);
    expect(desk.figures[0]).toMatchObject({ level: 'unknown', marginRatio: null, label: 'A' });
  });
});
