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
import { compareDecimals } from './decimal.ts';

/** Above this ratio liquidation is far away (1,000 %). */
const FAR_FROM_LIQUIDATION_RATIO = '10' as Decimal;
const FAR_FROM_LIQUIDATION_PERCENT = '1000' as Decimal;

export function isFarFromLiquidation(ratio: Decimal): boolean {
  return compareDecimals(ratio, FAR_FROM_LIQUIDATION_RATIO) > 0;
}

/**
 * A ratio's percentage truncated toward zero, as digits, read off the text itself (a Decimal is
 * canonical: no exponent, no trailing zeros) because every account's level is decided by it on
 * every refresh; and whether digits were cut off past the hundredths.
 */
function percentDigits(ratio: Decimal): { negative: boolean; digits: string; cut: boolean } {
  const negative = ratio.startsWith('-');
  const dot = ratio.indexOf('.');
  const whole = ratio.slice(negative ? 1 : 0, dot < 0 ? ratio.length : dot);
  const fraction = dot < 0 ? '' : ratio.slice(dot + 1);
  return { negative, digits: whole + fraction.slice(0, 2).padEnd(2, '0'), cut: fraction.length > 2 };
}

/** The ratio as a whole percentage, rounded down: 1.4237 → 142, 2.9999 → 299, -0.052 → -6. */
export function marginRatioPercent(ratio: Decimal): Decimal {
  const { negative, digits, cut } = percentDigits(ratio);
  const truncated = BigInt(digits);
  // Toward minus infinity: below zero, digits cut off past the hundredths make the percentage one lower.
  return String(negative ? -truncated - (cut ? 1n : 0n) : truncated) as Decimal;
}

/**
 * marginRatioPercent as a number, for comparing with the whole thresholds: a ratio is below a whole
 * threshold exactly when its whole percentage is (⌊r × 100⌋ < t ⟺ r × 100 < t), so a level and the
 * figure written beside it always agree. Exact up to 2^53 %; a larger figure's number is rounded but
 * still above every threshold.
 */
export function wholePercentOf(ratio: Decimal): number {
  const { negative, digits, cut } = percentDigits(ratio);
  const truncated = Number(digits);
  return negative ? -truncated - (cut ? 1 : 0) : truncated;
}

/** What is written for a ratio: a whole percentage, or (`above`) the bound it is far above. */
export interface WrittenMarginRatio {
  readonly above: boolean;
  readonly percent: Decimal;
}

export function writtenMarginRatio(ratio: Decimal): WrittenMarginRatio {
  return isFarFromLiquidation(ratio) ? { above: true, percent: FAR_FROM_LIQUIDATION_PERCENT } : { above: false, percent: marginRatioPercent(ratio) };
}
