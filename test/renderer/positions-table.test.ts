import { describe, expect, it } from 'vitest';
import type { Decimal, LiquidationPrice, PositionRisk } from '../../src-preload/contract.ts';
import { sortPositions } from '../../src-renderer/src/lib/positions-table.ts';

const d = (value: string) => value as Decimal;

function row(symbol: string, liquidation: LiquidationPrice, pnl: string | null = '0'): PositionRisk {
  return {
    symbol,
    side: 'long',
    size: d('1'),
    entryPrice: d('100'),
    markPrice: d('100'),
    contract: 'linear',
    accountKey: 'flex',
    pnl: pnl === null ? null : d(pnl),
    pnlCurrency: 'USD',
    unrealizedFunding: null,
    notional: d('100'),
    notionalCurrency: 'USD',
    leverage: d('1'),
    liquidation,
  };
}

describe('sortPositions', () => {
  const far = row('pf_a', { source: 'estimate', price: d('50'), movePct: d('-50'), pastLiquidation: false }, '-2.5');
  const near = row('pf_b', { source: 'exchange', price: d('108'), movePct: d('8') }, '10');
  const none = row('pf_c', { source: 'none', reason: 'No mark price.' }, null);

  it('by distance to liquidation, whichever the direction, positions without one last', () => {
    expect(sortPositions([far, none, near], 'distance', 'ascending').map((r) => r.symbol)).toEqual(['pf_b', 'pf_a', 'pf_c']);
    expect(sortPositions([far, none, near], 'distance', 'descending').map((r) => r.symbol)).toEqual(['pf_a', 'pf_b', 'pf_c']);
  });

  it('by exact PnL and by symbol', () => {
    expect(sortPositions([near, none, far], 'pnl', 'ascending').map((r) => r.symbol)).toEqual(['pf_a', 'pf_b', 'pf_c']);
    expect(sortPositions([near, far], 'symbol', 'ascending').map((r) => r.symbol)).toEqual(['pf_a', 'pf_b']);
  });
});
