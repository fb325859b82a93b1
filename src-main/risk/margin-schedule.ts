/**
 * A contract's margin requirement from its margin levels (`/instruments` → `marginLevels`).
 *
 * Each level's rate applies to the part of the position within that level, not to the whole
 * position: that is how this app reads Kraken's margin schedule pages (docs/LIQUIDATION.md has the
 * worked example). A position that stays within its first level, as nearly all do, is margined the
 * same under either reading.
 */
import type Big from 'big.js';
import { big, ZERO } from '../../src-shared/decimal.ts';
import type { MarginLevel } from '../../src-shared/account-model.ts';

/** The levels sorted by where they start, the first taken to start at 0. */
export function sortedLevels(levels: readonly MarginLevel[]): MarginLevel[] {
  const sorted = [...levels].sort((a, b) => big(a.from).cmp(b.from));
  const first = sorted[0];
  if (first !== undefined && !big(first.from).eq(0)) sorted[0] = { ...first, from: ZERO };
  return sorted;
}

/** Index of the level that the size `amount` is in (`sorted` from sortedLevels, non-empty). */
export function levelIndexAt(sorted: readonly MarginLevel[], amount: Big.Big): number {
  let index = 0;
  for (let i = 1; i < sorted.length; i++) if (amount.gte((sorted[i] as MarginLevel).from)) index = i;
  return index;
}

/** Maintenance margin of a position of size `amount` (in the levels' unit), each part at its level's rate. */
export function maintenanceMarginOf(sorted: readonly MarginLevel[], amount: Big.Big): Big.Big {
  let total = big(ZERO);
  for (let i = 0; i < sorted.length; i++) {
    const level = sorted[i] as MarginLevel;
    if (amount.lte(level.from)) break;
    const next = sorted[i + 1];
    const top = next === undefined || amount.lt(next.from) ? amount : big(next.from);
    total = total.plus(top.minus(level.from).times(level.maintenanceMargin));
  }
  return total;
}
