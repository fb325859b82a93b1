/**
 * How a margin ratio (equity ÷ maintenance margin) is written, on screen and in a notification alike.
 *
 * One rule: the whole percentage rounded down (toward minus infinity). Alert thresholds are whole
 * percentages (src-shared/alert-rules-schema.ts) and a level applies below its threshold, so a ratio
 * below 300 % always reads 299 % or less beside its Warning badge, and one at or above it reads
 * 300 % or more: rounding to nearest would write 299.6 % as "300 %" next to "Warning".
 *
 * Far from liquidation the exact figure ("37,651 %") says nothing a trader can act on while reading
 * like an error, most of all beside "worst": above 1,000 % (maintenance margin under a tenth of
 * equity) the ratio is written as "> 1,000 %".
 */
import type { Decimal } from './account-model.ts';
import { big, compareDecimals, fromBig } from './decimal.ts';

const ROUND_DOWN = 0;
const ROUND_UP = 3;

/** Above this ratio liquidation is far away (1,000 %). */
export const FAR_FROM_LIQUIDATION_RATIO = '10' as Decimal;
const FAR_FROM_LIQUIDATION_PERCENT = '1000' as Decimal;

export function isFarFromLiquidation(ratio: Decimal): boolean {
  return compareDecimals(ratio, FAR_FROM_LIQUIDATION_RATIO) > 0;
}

/** The ratio as a whole percentage, rounded down: 1.4237 → 142, 2.9999 → 299, -0.052 → -6. */
export function marginRatioPercent(ratio: Decimal): Decimal {
  const pct = big(ratio).times(100);
  // big.js rounds by magnitude: toward minus infinity is "down" for positives and "up" for negatives.
  return fromBig(pct.round(0, pct.lt(0) ? ROUND_UP : ROUND_DOWN));
}

/** What is written for a ratio: a whole percentage, or (`above`) the bound it is far above. */
export interface WrittenMarginRatio {
  readonly above: boolean;
  readonly percent: Decimal;
}

export function writtenMarginRatio(ratio: Decimal): WrittenMarginRatio {
  return isFarFromLiquidation(ratio) ? { above: true, percent: FAR_FROM_LIQUIDATION_PERCENT } : { above: false, percent: marginRatioPercent(ratio) };
}
