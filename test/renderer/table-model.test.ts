import { describe, expect, it } from 'vitest';
import type { Decimal, HealthReport, Subaccounts } from '../../src-preload/contract.ts';
import { buildRows, filterRows, sortRows, totalsOf } from '../../src-renderer/src/lib/subaccount-table.ts';
import { rowWindow } from '../../src-renderer/src/lib/virtual-rows.ts';
import { seedView } from './support/scenarios.ts';

function rowsOf(count: number) {
  const view = seedView('main', 'live', { subaccounts: count });
  return buildRows(view.snapshot.subaccounts as Subaccounts, view.health as HealthReport);
}

describe('subaccount rows', () => {
  it('sum totals exactly with big.js (no float artefacts)', () => {
    const base = rowsOf(1)[0]!;
    const rows = [0.1, 0.2].map((_, index) => ({ ...base, uid: String(index), marginEquity: (index === 0 ? '0.1' : '0.2') as Decimal }));
    expect(totalsOf(rows).marginEquity).toBe('0.3');
  });

  it('sum holdings per currency across subaccounts', () => {
    const totals = totalsOf(rowsOf(3));
    const usd = totals.holdings.find((holding) => holding.currency.code === 'USD');
    // Synthetic desks 1 and 2 hold 10 % of 500 and of 8419.37 USD; the seed subaccount holds 0 USD (left out).
    expect(usd?.amount).toBe('891.94');
  });

  it('name as worst the row closest to liquidation, also among rows of the same level', () => {
    const base = rowsOf(1)[0]!;
    const at = (uid: string, ratio: string) => ({ ...base, uid, health: { ...base.health!, level: 'healthy' as const, marginRatio: ratio as Decimal } });
    const rows = [at('far', '9.5'), at('closer', '4.2'), at('between', '6')];
    expect(totalsOf(rows).worst?.marginRatio).toBe('4.2');
    expect(sortRows(rows, 'health', 'descending').map((row) => row.uid)).toEqual(['closer', 'between', 'far']);
  });

  it('keep rows without a value last in both directions', () => {
    const rows = rowsOf(4).map((row, index) => (index === 1 ? { ...row, marginEquity: null } : row));
    expect(sortRows(rows, 'marginEquity', 'ascending').at(-1)?.marginEquity).toBeNull();
    expect(sortRows(rows, 'marginEquity', 'descending').at(-1)?.marginEquity).toBeNull();
  });

  it('filter on name, e-mail and UID, case-insensitively', () => {
    const rows = rowsOf(12);
    expect(filterRows(rows, 'DESK 0004')).toHaveLength(1);
    expect(filterRows(rows, 'desk0005@')).toHaveLength(1);
    expect(filterRows(rows, '7f5c528e')).toHaveLength(1);
    expect(filterRows(rows, '   ')).toHaveLength(12);
  });
});

describe('row window', () => {
  it('renders the rows in view plus an overscan, with spacers for the rest', () => {
    expect(rowWindow(0, 440, 44, 1000, 8)).toEqual({ start: 0, end: 19, padTop: 0, padBottom: 981 * 44 });
    const middle = rowWindow(44 * 500, 440, 44, 1000, 8);
    expect(middle.start).toBe(492);
    expect(middle.end).toBe(519);
    expect(middle.padTop + (middle.end - middle.start) * 44 + middle.padBottom).toBe(1000 * 44);
    expect(rowWindow(1e9, 440, 44, 10, 8)).toMatchObject({ start: 10, end: 10, padBottom: 0 });
  });
});
