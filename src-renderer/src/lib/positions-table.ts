/**
 * The Positions view's rows and their order. Sorting compares exact decimals (big.js); a row
 * without the figure sorts last in either direction.
 */
import Big from 'big.js';
import type { Decimal, PositionRisk } from '../../../src-preload/contract.ts';

export type PositionSortKey = 'symbol' | 'size' | 'entryPrice' | 'markPrice' | 'pnl' | 'notional' | 'leverage' | 'liquidation' | 'distance';
export type SortDirection = 'ascending' | 'descending';

/** The liquidation price shown (the exchange's or the estimate), null when there is none. */
export function liquidationPriceOf(row: PositionRisk): Decimal | null {
  return row.liquidation.source === 'none' ? null : row.liquidation.price;
}

/** The % move of the mark to the liquidation price, null when there is none. */
export function distanceOf(row: PositionRisk): Decimal | null {
  return row.liquidation.source === 'none' ? null : row.liquidation.movePct;
}

function figure(row: PositionRisk, key: Exclude<PositionSortKey, 'symbol'>): Decimal | null {
  switch (key) {
    case 'size':
      return row.size;
    case 'entryPrice':
      return row.entryPrice;
    case 'markPrice':
      return row.markPrice;
    case 'pnl':
      return row.pnl;
    case 'notional':
      return row.notional;
    case 'leverage':
      return row.leverage;
    case 'liquidation':
      return liquidationPriceOf(row);
    case 'distance': {
      // Closest to liquidation first: by the size of the move, whichever its direction.
      const move = distanceOf(row);
      return move === null ? null : (new Big(move).abs().toFixed() as Decimal);
    }
  }
}

export function sortPositions(rows: readonly PositionRisk[], key: PositionSortKey, direction: SortDirection): PositionRisk[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'symbol') return sign * a.symbol.localeCompare(b.symbol);
    const x = figure(a, key);
    const y = figure(b, key);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return sign * new Big(x).cmp(y);
  });
}
