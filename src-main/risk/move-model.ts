/**
 * The piecewise-linear model of an account under a price move, and where it meets liquidation.
 *
 * With every moved price multiplied by k, margin equity is linear in k (collateral in a moved coin
 * and a linear contract's PnL both scale with the price) and maintenance margin is linear in k
 * between the points where a position's notional crosses a margin level. So the account is a list
 * of pieces, each with straight lines for equity and maintenance margin, and equity = maintenance
 * is solved exactly, piece by piece. docs/LIQUIDATION.md writes the method out with an example.
 */
import type Big from 'big.js';
import { big, fromBig, ONE, ZERO } from '../../src-shared/decimal.ts';
import type { Decimal, MarginLevel } from '../../src-shared/account-model.ts';
import { levelIndexAt, maintenanceMarginOf, sortedLevels } from './margin-schedule.ts';
import type { LiquidationMove, MovePiece } from '../../src-shared/risk-model.ts';

/** A position whose notional moves with k, margined by its contract's levels. */
export interface MovingRequirement {
  /** Notional in the account currency at k = 1 (|size| × mark for a linear contract), positive. */
  readonly notional: Big.Big;
  readonly levels: readonly MarginLevel[];
  /** `quote`: levels count notional (flexible futures); `contracts`: levels count `contracts`, fixed. */
  readonly levelUnit: 'quote' | 'contracts';
  /** |size| in contracts (for `contracts` levels). */
  readonly contracts: Big.Big;
}

export interface MoveInputs {
  /** Margin equity now (k = 1), as the account reports it. */
  readonly equityNow: Big.Big;
  /** d(equity)/dk: the value of what moves (collateral of moved coins after haircut, signed notional of moved linear contracts). */
  readonly equitySlope: Big.Big;
  /** Maintenance margin now, as the account reports it. */
  readonly maintenanceNow: Big.Big;
  /** Requirements that move with k; everything else stays in maintenanceNow. */
  readonly moving: readonly MovingRequirement[];
}

const FACTOR_PLACES = 10;
const PERCENT_PLACES = 2;

interface Prepared {
  readonly notional: Big.Big;
  readonly sorted: MarginLevel[];
  readonly fixedRate: Big.Big | null;
}

function prepare(requirement: MovingRequirement): Prepared {
  const sorted = sortedLevels(requirement.levels);
  if (requirement.levelUnit === 'quote') return { notional: requirement.notional, sorted, fixedRate: null };
  // Levels by contract count do not move with the price: one effective rate for the whole position.
  const contracts = requirement.contracts;
  const rate = contracts.eq(0) ? big(ZERO) : maintenanceMarginOf(sorted, contracts).div(contracts);
  return { notional: requirement.notional, sorted, fixedRate: rate };
}

/** Builds the pieces: equity and maintenance margin as straight lines in k between level crossings. */
export function buildPieces(inputs: MoveInputs): MovePiece[] {
  const prepared = inputs.moving.map(prepare);
  // Maintenance margin of what does not move (and any difference between Kraken's figure and the levels).
  let heldMaintenance = inputs.maintenanceNow;
  const breakpoints: Big.Big[] = [];
  for (const item of prepared) {
    if (item.fixedRate !== null) heldMaintenance = heldMaintenance.minus(item.notional.times(item.fixedRate));
    else {
      heldMaintenance = heldMaintenance.minus(maintenanceMarginOf(item.sorted, item.notional));
      if (item.notional.gt(0)) for (const level of item.sorted.slice(1)) breakpoints.push(big(level.from).div(item.notional));
    }
  }
  const starts = [big(ZERO), ...breakpoints.sort((a, b) => a.cmp(b))].filter((k, i, all) => i === 0 || !k.eq(all[i - 1] as Big.Big));
  const equityAt0 = inputs.equityNow.minus(inputs.equitySlope);
  return starts.map((fromK, i) => {
    // A point inside the piece decides each position's level: a start itself is a rounded quotient.
    const next = starts[i + 1];
    const inside = next === undefined ? fromK.plus(1) : fromK.plus(next).div(2);
    let maintenanceAt0 = heldMaintenance;
    let maintenancePerK = big(ZERO);
    for (const item of prepared) {
      if (item.fixedRate !== null) {
        maintenancePerK = maintenancePerK.plus(item.notional.times(item.fixedRate));
        continue;
      }
      if (item.sorted.length === 0) continue;
      const index = levelIndexAt(item.sorted, item.notional.times(inside));
      const level = item.sorted[index] as MarginLevel;
      // Within one level: margin of the levels below + rate × (notional × k − level start).
      maintenanceAt0 = maintenanceAt0.plus(maintenanceMarginOf(item.sorted, big(level.from))).minus(big(level.from).times(level.maintenanceMargin));
      maintenancePerK = maintenancePerK.plus(item.notional.times(level.maintenanceMargin));
    }
    return {
      fromK: fromBig(fromK),
      equityAt0: fromBig(equityAt0),
      equityPerK: fromBig(inputs.equitySlope),
      maintenanceAt0: fromBig(maintenanceAt0),
      maintenancePerK: fromBig(maintenancePerK),
    };
  });
}

/** equity − maintenance of the piece at k. */
function surplus(piece: MovePiece, k: Big.Big): Big.Big {
  return big(piece.equityAt0).plus(k.times(piece.equityPerK)).minus(big(piece.maintenanceAt0).plus(k.times(piece.maintenancePerK)));
}

/** The piece that holds k (pieces sorted by fromK, the first from 0). */
export function pieceAt(pieces: readonly MovePiece[], k: Big.Big): MovePiece {
  let found = pieces[0] as MovePiece;
  for (const piece of pieces) if (k.gte(piece.fromK)) found = piece;
  return found;
}

/**
 * The move at which equity meets maintenance margin closest to today's prices, or why there is
 * none. Prices cannot fall to 0, so k = 0 is never an answer.
 */
export function liquidationMove(pieces: readonly MovePiece[], scopeLabel: string): LiquidationMove {
  if (pieces.length === 0) return { kind: 'none', reason: 'Nothing to estimate.' };
  const nowSurplus = surplus(pieceAt(pieces, big(ONE)), big(ONE));
  let best: Big.Big | null = null;
  pieces.forEach((piece, i) => {
    const slope = big(piece.equityPerK).minus(piece.maintenancePerK);
    if (slope.eq(0)) return;
    const intercept = big(piece.equityAt0).minus(piece.maintenanceAt0);
    const root = intercept.neg().div(slope);
    const next = pieces[i + 1];
    if (root.lte(0) || root.lt(piece.fromK) || (next !== undefined && root.gte(next.fromK))) return;
    if (best === null || root.minus(1).abs().lt(best.minus(1).abs())) best = root;
  });
  if (best === null) {
    if (nowSurplus.lte(0)) return { kind: 'none', reason: `Margin equity is below maintenance margin at any ${scopeLabel} price.` };
    return { kind: 'none', reason: `Margin equity stays above maintenance margin at any ${scopeLabel} price.` };
  }
  const factor = (best as Big.Big).round(FACTOR_PLACES);
  return {
    kind: 'move',
    movePct: fromBig((best as Big.Big).minus(1).times(100).round(PERCENT_PLACES)),
    factor: fromBig(factor),
    pastLiquidation: nowSurplus.lte(0),
  };
}

/** A price moved by the factor, to 8 significant digits (finer than any contract's tick needs). */
export function movedPrice(mark: Decimal, factor: Decimal): Decimal {
  return fromBig(big(mark).times(factor).prec(8));
}
