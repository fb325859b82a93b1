/**
 * The Positions view's rows and their order. Sorting compares exact decimals; a row
 * without the figure sorts last in either direction.
 */
import type { Decimal, PositionRisk } from '../../../src-preload/contract.ts';
import { compareDecimals, isNegative, neg } from '../../../src-shared/decimal.ts';

export type PositionSortKey = 'symbol' | 'size' | 'entryPrice' | 'markPrice' | 'pnl' | 'notional' | 'leverage' | 'liquidation' | 'distance';
export type SortDirection = 'ascending' | 'descending';

function figure(row: PositionRisk, key: Exclude<PositionSortKey, 'symbol'>): Decimal | null {
  switch (key) {
    case 'liquidation':
      return row.liquidation.source === 'none' ? null : row.liquidation.price;
    case 'distance': {
      // Closest to liquidation first: by the size of the move, whichever its direction.
      const move = row.liquidation.source === 'none' ? null : row.liquidation.movePct;
      return move === null || !isNegative(move) ? move : neg(move);
    }
    default:
      return row[key];
  }
}

export function sortPositions(rows: readonly PositionRisk[], key: PositionSortKey, direction: SortDirection): PositionRisk[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'symbol') return sign * a.symbol.localeCompare(b.symbol);
    const x = figure(a, key);
    const y = figure(b, key);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return sign * compareDecimals(x, y);
  });
}
