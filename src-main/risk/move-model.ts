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
import { big, div, fromBig, ONE, ZERO } from '../../src-shared/decimal.ts';
import type { Decimal, MarginLevel } from '../../src-shared/account-model.ts';
import { levelIndexAt, maintenanceMarginOf, sortedLevels } from './margin-schedule.ts';
import type { LiquidationMove, MovePiece, StressModel } from '../../src-shared/risk-model.ts';

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

/** A piece's straight lines, exact: what MovePiece writes as decimals. */
interface Line {
  readonly fromK: Big.Big;
  readonly equityAt0: Big.Big;
  readonly equityPerK: Big.Big;
  readonly maintenanceAt0: Big.Big;
  readonly maintenancePerK: Big.Big;
}

/** Builds the pieces: equity and maintenance margin as straight lines in k between level crossings. */
function buildLines(inputs: MoveInputs): Line[] {
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
    return { fromK, equityAt0, equityPerK: inputs.equitySlope, maintenanceAt0, maintenancePerK };
  });
}

function written(line: Line): MovePiece {
  return {
    fromK: fromBig(line.fromK),
    equityAt0: fromBig(line.equityAt0),
    equityPerK: fromBig(line.equityPerK),
    maintenanceAt0: fromBig(line.maintenanceAt0),
    maintenancePerK: fromBig(line.maintenancePerK),
  };
}

/** An account's pieces under a move and where they meet liquidation ("crypto", "BTC": the scope in the reason). */
export function stressModelOf(inputs: MoveInputs, scopeLabel: string): StressModel {
  const lines = buildLines(inputs);
  return { pieces: lines.map(written), liquidation: liquidationMove(lines, scopeLabel) };
}

/** equity − maintenance of the piece at k. */
function surplus(line: Line, k: Big.Big): Big.Big {
  return line.equityAt0.plus(k.times(line.equityPerK)).minus(line.maintenanceAt0.plus(k.times(line.maintenancePerK)));
}

/** The piece that holds k (pieces sorted by fromK, the first from 0). */
function lineAt(lines: readonly Line[], k: Big.Big): Line {
  let found = lines[0] as Line;
  for (const line of lines) if (k.gte(line.fromK)) found = line;
  return found;
}

/** Where a piece's equity meets its maintenance margin: k = numerator / denominator, the denominator positive. */
interface Root {
  readonly numerator: Big.Big;
  readonly denominator: Big.Big;
}

/** The piece's root when it lies inside the piece (from its start, before the next one's) and above 0. */
function rootIn(line: Line, next: Line | undefined): Root | null {
  const slope = line.equityPerK.minus(line.maintenancePerK);
  if (slope.eq(0)) return null;
  // equity − maintenance = intercept + slope × k = 0 at k = −intercept / slope; the sign goes to the numerator.
  const intercept = line.equityAt0.minus(line.maintenanceAt0);
  const root = slope.gt(0) ? { numerator: intercept.neg(), denominator: slope } : { numerator: intercept, denominator: slope.neg() };
  // Compared as products (k < x ⟺ numerator < x × denominator): no quotient needed to place it.
  const below = (x: Big.Big) => root.numerator.lt(x.times(root.denominator));
  if (root.numerator.lte(0) || below(line.fromK) || (next !== undefined && !below(next.fromK))) return null;
  return root;
}

/** |k − 1| × denominator: how far from today's prices, over the root's denominator. */
function scaledDistance(root: Root): Big.Big {
  return root.numerator.minus(root.denominator).abs();
}

/**
 * The move at which equity meets maintenance margin closest to today's prices, or why there is
 * none. Prices cannot fall to 0, so k = 0 is never an answer. Roots are placed and compared as
 * products; only the one answer is divided, to the places it is written with.
 */
function liquidationMove(lines: readonly Line[], scopeLabel: string): LiquidationMove {
  if (lines.length === 0) return { kind: 'none', reason: 'Nothing to estimate.' };
  const nowSurplus = surplus(lineAt(lines, big(ONE)), big(ONE));
  let best: Root | null = null;
  lines.forEach((line, i) => {
    const root = rootIn(line, lines[i + 1]);
    // |a/b − 1| < |c/d − 1| ⟺ |a − b| × d < |c − d| × b (b, d positive)
    if (root !== null && (best === null || scaledDistance(root).times(best.denominator).lt(scaledDistance(best).times(root.denominator)))) best = root;
  });
  if (best === null) {
    if (nowSurplus.lte(0)) return { kind: 'none', reason: `Margin equity is below maintenance margin at any ${scopeLabel} price.` };
    return { kind: 'none', reason: `Margin equity stays above maintenance margin at any ${scopeLabel} price.` };
  }
  const { numerator, denominator } = best as Root;
  const over = fromBig(denominator);
  return {
    kind: 'move',
    movePct: div(fromBig(numerator.minus(denominator).times(100)), over, PERCENT_PLACES),
    factor: div(fromBig(numerator), over, FACTOR_PLACES),
    pastLiquidation: nowSurplus.lte(0),
  };
}

/** A price moved by the factor, to 8 significant digits (finer than any contract's tick needs). */
export function movedPrice(mark: Decimal, factor: Decimal): Decimal {
  return fromBig(big(mark).times(factor).prec(8));
}
