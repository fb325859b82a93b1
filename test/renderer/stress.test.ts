/**
 * The stress view's arithmetic on the two-underlyings example of docs/LIQUIDATION.md ($20,000; long
 * 1 BTC and short 10 ETH, maintenance 900): with every crypto price × k, equity = 30,000 k − 10,000
 * and maintenance = 900 k. At −20 % (k = 0.8): equity 14,000, maintenance 720, level 14,000 / 720
 * = 19.4444 (1,944 %).
 */
import { describe, expect, it } from 'vitest';
import type { AccountStress, Decimal } from '../../src-preload/contract.ts';
import { StressTable } from '../../src-renderer/src/lib/stress.ts';

const d = (value: string) => value as Decimal;

const master: AccountStress = {
  accountKey: 'flex',
  label: 'Flex',
  basis: 'positions',
  currency: 'USD',
  allCrypto: {
    pieces: [{ fromK: d('0'), equityAt0: d('-10000'), equityPerK: d('30000'), maintenanceAt0: d('0'), maintenancePerK: d('900') }],
    liquidation: { kind: 'move', movePct: d('-65.64'), factor: d('0.3436426117'), pastLiquidation: false },
  },
  byUnderlying: {},
};

/** A subaccount with $1,000 of maintenance margin held and 1 BTC of collateral worth 2,000 after haircut: equity 2,000 k + 500. */
const sub: AccountStress = {
  accountKey: 'sub:1',
  label: 'Trader 1',
  basis: 'collateralOnly',
  currency: 'USD',
  allCrypto: {
    pieces: [{ fromK: d('0'), equityAt0: d('500'), equityPerK: d('2000'), maintenanceAt0: d('1000'), maintenancePerK: d('0') }],
    liquidation: { kind: 'move', movePct: d('-75'), factor: d('0.25'), pastLiquidation: false },
  },
  byUnderlying: {
    BTC: {
      pieces: [{ fromK: d('0'), equityAt0: d('500'), equityPerK: d('2000'), maintenanceAt0: d('1000'), maintenancePerK: d('0') }],
      liquidation: { kind: 'move', movePct: d('-75'), factor: d('0.25'), pastLiquidation: false },
    },
  },
};

describe('StressTable', () => {
  const table = new StressTable([master, sub]);

  it('every crypto price −20 %: exact figures, lowest level first', () => {
    // sub: equity 2,000 × 0.8 + 500 = 2,100; maintenance 1,000; level 2.1
    const step = table.evaluate('allCrypto', -20);
    expect(step.entries.map((entry) => entry.account.accountKey)).toEqual(['sub:1', 'flex']);
    expect(step.entries.map((entry) => entry.figures())).toEqual([
      { equity: '2100', maintenance: '1000', level: '2.1' },
      { equity: '14000', maintenance: '720', level: '19.4444' },
    ]);
    expect(step.belowMaintenance).toBe(0);
  });

  it('counts accounts pushed below maintenance margin, deciding exactly at the threshold', () => {
    // sub at −75 % (k = 0.25): equity 2,000 × 0.25 + 500 = 1,000 = maintenance: not below
    expect(table.evaluate('allCrypto', -75 + 0).entries.find((entry) => entry.account.accountKey === 'sub:1')?.below).toBe(false);
    // −50 %: sub 1,500 ≥ 1,000; flex 5,000 vs 450: none below. (The control stops at −50 %.)
    expect(table.evaluate('allCrypto', -50).belowMaintenance).toBe(0);
  });

  it('one underlying alone: an account not exposed to it keeps its figures and says why it has no move', () => {
    const step = table.evaluate('BTC', -50);
    const flex = step.entries.find((entry) => entry.account.accountKey === 'flex');
    // flex has no BTC model here: today's figures, 30,000 − 10,000 = 20,000 and 900
    expect(flex?.figures()).toEqual({ equity: '20000', maintenance: '900', level: '22.2222' });
    expect(flex?.liquidation).toEqual({ kind: 'none', reason: 'Holds and trades no BTC.' });
  });
});
