/**
 * The stress view's arithmetic: every account's margin equity, maintenance margin and margin level
 * after a price move, from the pieces main computed (docs/LIQUIDATION.md).
 *
 * A step of the control must stay well inside a frame with 1,000 accounts, so it is split:
 * - the order (lowest margin level first) and the count of accounts pushed below maintenance margin
 *   come from each piece's two straight lines in binary floating point: they only rank and count,
 *   and a level within a hair of 100 % is decided exactly;
 * - the figures shown are computed exactly, in decimals, only for the rows on screen (`figures()`).
 */
import Big from 'big.js';
import type { AccountStress, Decimal, LiquidationMove, MovePiece } from '../../../src-preload/contract.ts';
import { fromBig } from '../../../src-shared/decimal.ts';

/** Every crypto price, or one underlying alone (its code). */
export type StressScope = 'allCrypto' | string;

/** The exact figures of one account after the move. */
export interface StressFigures {
  readonly equity: Decimal;
  readonly maintenance: Decimal;
  /** Equity ÷ maintenance margin (1: liquidation starts), null without maintenance margin. */
  readonly level: Decimal | null;
}

export interface StressEntry {
  readonly account: AccountStress;
  /** The move at which the account meets maintenance margin, for the scope. */
  readonly liquidation: LiquidationMove;
  /** Whether equity is below maintenance margin after the move. */
  readonly below: boolean;
  /** Exact figures, computed when asked (for the rows on screen). */
  figures(): StressFigures;
}

export interface StressStep {
  /** Lowest margin level first; accounts without maintenance margin last. */
  readonly entries: readonly StressEntry[];
  readonly belowMaintenance: number;
}

interface Line {
  readonly fromK: Big;
  readonly equityAt0: Big;
  readonly equityPerK: Big;
  readonly maintenanceAt0: Big;
  readonly maintenancePerK: Big;
}

/** The same line in binary floating point, for ranking only. */
interface RankLine {
  readonly fromK: number;
  readonly equityAt0: number;
  readonly equityPerK: number;
  readonly maintenanceAt0: number;
  readonly maintenancePerK: number;
}

interface Prepared {
  readonly account: AccountStress;
  readonly lines: readonly Line[];
  readonly rank: readonly RankLine[];
  readonly liquidation: LiquidationMove;
}

const LEVEL_PLACES = 4;
const ROUND_DOWN = 0;
/** Below this distance from 100 %, whether an account is under maintenance margin is decided exactly. */
const NEAR_THRESHOLD = 1e-9;

/**
 * A private big.js constructor (its division precision is this module's own): sums and products
 * are exact whatever it is; the one division, the level, needs only a few places more than it shows.
 */
const Exact = Big();
Exact.DP = 8;

function prepare(account: AccountStress, pieces: readonly MovePiece[], liquidation: LiquidationMove): Prepared {
  const lines = pieces.map((piece) => ({
    fromK: new Exact(piece.fromK),
    equityAt0: new Exact(piece.equityAt0),
    equityPerK: new Exact(piece.equityPerK),
    maintenanceAt0: new Exact(piece.maintenanceAt0),
    maintenancePerK: new Exact(piece.maintenancePerK),
  }));
  return { account, lines, rank: lines.map(rankLine), liquidation };
}

function rankLine(line: Line): RankLine {
  return {
    fromK: line.fromK.toNumber(),
    equityAt0: line.equityAt0.toNumber(),
    equityPerK: line.equityPerK.toNumber(),
    maintenanceAt0: line.maintenanceAt0.toNumber(),
    maintenancePerK: line.maintenancePerK.toNumber(),
  };
}

function pieceAt<T extends { readonly fromK: unknown }>(lines: readonly T[], atOrAbove: (fromK: T['fromK']) => boolean): T | undefined {
  let found = lines[0];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as T;
    if (atOrAbove(line.fromK)) found = line;
  }
  return found;
}

function exactFigures(lines: readonly Line[], k: Big): StressFigures {
  const line = pieceAt(lines, (fromK) => k.gte(fromK));
  if (line === undefined) return { equity: '0' as Decimal, maintenance: '0' as Decimal, level: null };
  const equity = line.equityAt0.plus(line.equityPerK.times(k));
  const maintenance = line.maintenanceAt0.plus(line.maintenancePerK.times(k));
  return {
    equity: fromBig(equity),
    maintenance: fromBig(maintenance),
    level: maintenance.gt(0) ? fromBig(equity.div(maintenance).round(LEVEL_PLACES, ROUND_DOWN)) : null,
  };
}

/** A flat line at today's figures: an account not exposed to the underlying that moves. */
function flatToday(today: Prepared, code: string): Prepared {
  const line = pieceAt(today.lines, (fromK) => new Exact(1).gte(fromK));
  const zero = new Exact(0);
  const lines =
    line === undefined
      ? []
      : [{ fromK: zero, equityAt0: line.equityAt0.plus(line.equityPerK), equityPerK: zero, maintenanceAt0: line.maintenanceAt0.plus(line.maintenancePerK), maintenancePerK: zero }];
  return { account: today.account, lines, rank: lines.map(rankLine), liquidation: { kind: 'none', reason: `Holds and trades no ${code}.` } };
}

export class StressTable {
  readonly #all: readonly Prepared[];
  readonly #byUnderlying = new Map<string, readonly Prepared[]>();

  constructor(accounts: readonly AccountStress[]) {
    this.#all = accounts.map((account) => prepare(account, account.allCrypto.pieces, account.allCrypto.liquidation));
  }

  #prepared(scope: StressScope): readonly Prepared[] {
    if (scope === 'allCrypto') return this.#all;
    let prepared = this.#byUnderlying.get(scope);
    if (prepared === undefined) {
      prepared = this.#all.map((today) => {
        const model = today.account.byUnderlying[scope];
        return model === undefined ? flatToday(today, scope) : prepare(today.account, model.pieces, model.liquidation);
      });
      this.#byUnderlying.set(scope, prepared);
    }
    return prepared;
  }

  /** Every account after moving the scope's prices by `movePct` % (an integer, −50 … +50). */
  evaluate(scope: StressScope, movePct: number): StressStep {
    const k = new Exact(100 + movePct).div(100);
    const kNumber = (100 + movePct) / 100;
    const ranked: { entry: StressEntry; level: number }[] = [];
    let belowMaintenance = 0;
    for (const prepared of this.#prepared(scope)) {
      const line = pieceAt(prepared.rank, (fromK) => kNumber >= fromK);
      if (line === undefined) continue;
      const equity = line.equityAt0 + line.equityPerK * kNumber;
      const maintenance = line.maintenanceAt0 + line.maintenancePerK * kNumber;
      const level = maintenance > 0 ? equity / maintenance : Number.POSITIVE_INFINITY;
      let exact: StressFigures | null = null;
      const figures = () => (exact ??= exactFigures(prepared.lines, k));
      let below = maintenance > 0 && level < 1;
      if (maintenance > 0 && Math.abs(level - 1) < NEAR_THRESHOLD) {
        const decided = figures();
        below = new Exact(decided.equity).lt(decided.maintenance);
      }
      if (below) belowMaintenance++;
      ranked.push({ entry: { account: prepared.account, liquidation: prepared.liquidation, below, figures }, level });
    }
    ranked.sort((a, b) => a.level - b.level);
    return { entries: ranked.map((item) => item.entry), belowMaintenance };
  }
}
