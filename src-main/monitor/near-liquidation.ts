/**
 * The distance rule: "a position's mark price is within X % of its liquidation price" (the
 * exchange's or this app's estimate, ./../risk). Same rules as the margin-level alerts: raised when
 * a position comes within X %, never again while it stays there; cleared, with hysteresis, only
 * once the distance is `hysteresisPct` % (relative) beyond X, so a price hovering around the limit
 * gives one alert. A position already past its liquidation price is at distance 0. Delivery
 * (snooze, quiet hours, the rate cap) is the engine's, at the urgency of a warning.
 */
import { big, fromBig, toDecimal, ZERO } from '../../src-shared/decimal.ts';
import type { Decimal } from '../../src-shared/account-model.ts';
import type { LiquidationPrice, PositionRisk } from '../../src-shared/risk-model.ts';

/** A position close to its liquidation price, to alert about. */
export interface NearLiquidation {
  /** `position:<account key>:<symbol>`: stable across refreshes. */
  readonly key: string;
  readonly position: PositionRisk;
  readonly liquidation: Exclude<LiquidationPrice, { source: 'none' }>;
  /** |move of the mark to the liquidation price| in %, 0 when already past it. */
  readonly distancePct: Decimal;
  /** The mark is already past the (estimated) liquidation price. */
  readonly past: boolean;
}

export interface NearLiquidationStep {
  /** Keys alerted and not cleared: the next step's `alerted`. */
  readonly alerted: readonly string[];
  /** Positions that came within the distance now. */
  readonly raised: readonly NearLiquidation[];
}

export function nearLiquidationKey(position: PositionRisk): string {
  return `position:${position.accountKey ?? 'none'}:${position.symbol}`;
}

export function stepNearLiquidation(alerted: readonly string[], positions: readonly PositionRisk[], withinPct: number, hysteresisPct: number): NearLiquidationStep {
  const before = new Set(alerted);
  const still: string[] = [];
  const raised: NearLiquidation[] = [];
  const limit = big(toDecimal(withinPct));
  const clearAt = limit.times(toDecimal(100 + hysteresisPct)).div(100);
  for (const position of positions) {
    const liquidation = position.liquidation;
    if (liquidation.source === 'none' || liquidation.movePct === null) continue;
    const past = liquidation.source === 'estimate' && liquidation.pastLiquidation;
    const distance = past ? big(ZERO) : big(liquidation.movePct).abs();
    const key = nearLiquidationKey(position);
    const was = before.has(key);
    if (distance.lt(limit) || (was && distance.lt(clearAt))) {
      still.push(key);
      if (!was) raised.push({ key, position, liquidation, distancePct: fromBig(distance), past });
    }
  }
  return { alerted: still, raised };
}
