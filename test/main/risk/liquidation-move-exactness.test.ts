/**
 * Where a stress model meets liquidation, against big.js solving each piece the plain way: the root
 * −(equity − maintenance at 0) ÷ (slope) divided to 80 places, kept when it lies inside its piece and
 * above 0, the one closest to today's prices chosen, then rounded half-up to the places the move is
 * written with. The model places and compares roots as products and divides only the answer
 * (src-main/risk/move-model.ts); over thousands of random accounts both must say the same.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { stressModelOf, type MoveInputs, type MovingRequirement } from '../../../src-main/risk/move-model.ts';
import type { Decimal, MarginLevel } from '../../../src-shared/account-model.ts';
import type { LiquidationMove, MovePiece } from '../../../src-shared/risk-model.ts';

const Exact = Big();
Exact.DP = 80;

function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31);
}

/** A positive amount with up to 7 whole digits and up to 6 decimals. */
function amountFrom(next: () => number): Big.Big {
  return new Exact(`${next() % 10_000_000}.${String(next() % 1_000_000).padStart(6, '0')}`).plus('0.000001');
}

function levelsFrom(next: () => number): MarginLevel[] {
  let from = new Exact(0);
  let rate = new Exact(`0.00${1 + (next() % 9)}`);
  return Array.from({ length: 1 + (next() % 4) }, (_, i) => {
    if (i > 0) {
      from = from.plus(amountFrom(next));
      rate = rate.plus(`0.00${1 + (next() % 9)}`);
    }
    return { from: from.toFixed() as Decimal, initialMargin: rate.times(2).toFixed() as Decimal, maintenanceMargin: rate.toFixed() as Decimal };
  });
}

function inputsFrom(next: () => number): MoveInputs {
  const moving: MovingRequirement[] = Array.from({ length: next() % 4 }, () => {
    const notional = amountFrom(next);
    return { notional, levels: levelsFrom(next), levelUnit: next() % 5 === 0 ? 'contracts' : 'quote', contracts: notional.div(1 + (next() % 50_000)).round(4).plus('0.0001') };
  });
  const sign = () => (next() % 2 === 0 ? 1 : -1);
  return { equityNow: amountFrom(next).times(sign()), equitySlope: amountFrom(next).times(sign()), maintenanceNow: amountFrom(next), moving };
}

/** The move read off the written pieces with big.js's plain division. */
function reference(pieces: readonly MovePiece[], scope: string): LiquidationMove {
  if (pieces.length === 0) return { kind: 'none', reason: 'Nothing to estimate.' };
  const surplusAt = (piece: MovePiece, k: Big.Big) =>
    new Exact(piece.equityAt0).plus(k.times(piece.equityPerK)).minus(new Exact(piece.maintenanceAt0).plus(k.times(piece.maintenancePerK)));
  let holding = pieces[0]!;
  for (const piece of pieces) if (new Exact(1).gte(piece.fromK)) holding = piece;
  const nowSurplus = surplusAt(holding, new Exact(1));
  let best: Big.Big | null = null;
  pieces.forEach((piece, i) => {
    const slope = new Exact(piece.equityPerK).minus(piece.maintenancePerK);
    if (slope.eq(0)) return;
    const root = new Exact(piece.equityAt0).minus(piece.maintenanceAt0).neg().div(slope);
    const next = pieces[i + 1];
    if (root.lte(0) || root.lt(piece.fromK) || (next !== undefined && root.gte(next.fromK))) return;
    if (best === null || root.minus(1).abs().lt(best.minus(1).abs())) best = root;
  });
  if (best === null) {
    return { kind: 'none', reason: `Margin equity ${nowSurplus.lte(0) ? 'is below' : 'stays above'} maintenance margin at any ${scope} price.` };
  }
  const root = best as Big.Big;
  return {
    kind: 'move',
    movePct: root.minus(1).times(100).round(2, Big.roundHalfUp).toFixed() as Decimal,
    factor: root.round(10, Big.roundHalfUp).toFixed() as Decimal,
    pastLiquidation: nowSurplus.lte(0),
  };
}

const canonical = (move: LiquidationMove): LiquidationMove =>
  move.kind === 'move' ? { ...move, movePct: new Big(move.movePct).toFixed() as Decimal, factor: new Big(move.factor).toFixed() as Decimal } : move;

describe('the liquidation move of a stress model', () => {
  it('is the root big.js finds piece by piece, for thousands of random accounts', () => {
    const next = generator(99);
    let moves = 0;
    for (let i = 0; i < 3_000; i++) {
      const model = stressModelOf(inputsFrom(next), 'crypto');
      const expected = canonical(reference(model.pieces, 'crypto'));
      expect(canonical(model.liquidation), `account ${i}`).toEqual(expected);
      if (expected.kind === 'move') moves++;
    }
    // the accounts were not all without an answer
    expect(moves).toBeGreaterThan(300);
  });
});
