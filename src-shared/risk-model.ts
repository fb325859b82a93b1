/**
 * What the liquidation estimate and the stress view produce: plain data (decimal strings) that the
 * store, the monitor and the bridge carry unchanged. How it is computed: docs/LIQUIDATION.md.
 */
import type { Decimal, OpenPosition } from './account-model.ts';

/**
 * Which prices a move changes: every crypto price (collateral and contracts; fiat and stablecoins
 * held), or one underlying alone (`BTC`: every contract on BTC and BTC collateral).
 */
export type MoveScope = { readonly kind: 'allCrypto' } | { readonly kind: 'underlying'; readonly code: string };

/**
 * Margin equity and maintenance margin of an account as functions of the price factor k (1 = the
 * prices now, 0.8 = every moved price 20 % lower), both linear from `fromK` up to the next piece's
 * `fromK`: equity(k) = equityAt0 + equityPerK × k, and the same for maintenance. Pieces change where
 * a position's notional crosses a margin level. In the account's margin currency (USD).
 */
export interface MovePiece {
  readonly fromK: Decimal;
  readonly equityAt0: Decimal;
  readonly equityPerK: Decimal;
  readonly maintenanceAt0: Decimal;
  readonly maintenancePerK: Decimal;
}

/** The move (k − 1, in %) at which margin equity meets maintenance margin, or why there is none. */
export type LiquidationMove =
  | {
      readonly kind: 'move';
      /** Signed: negative when prices must fall, positive when they must rise. */
      readonly movePct: Decimal;
      /** The price factor itself (1 + movePct / 100, unrounded to 10 places). */
      readonly factor: Decimal;
      /** Equity is already at or below maintenance margin: the move is back to the threshold. */
      readonly pastLiquidation: boolean;
    }
  | { readonly kind: 'none'; readonly reason: string };

/** The estimated liquidation price of a position, with where it comes from, or why there is none. */
export type LiquidationPrice =
  /** Kraken's own figure (a single-collateral wallet's `triggerEstimates.mm`). */
  | { readonly source: 'exchange'; readonly price: Decimal; readonly movePct: Decimal | null }
  /** This app's estimate from the account's figures and the contracts' margin levels. */
  | { readonly source: 'estimate'; readonly price: Decimal; readonly movePct: Decimal; readonly pastLiquidation: boolean }
  | { readonly source: 'none'; readonly reason: string };

/** One open position with the figures REST does not send. */
export interface PositionRisk {
  readonly symbol: string;
  readonly side: OpenPosition['side'];
  /** As Kraken sent it (unsigned; `side` gives the direction). */
  readonly size: Decimal;
  readonly entryPrice: Decimal;
  readonly markPrice: Decimal | null;
  /** `linear`: PnL in the quote currency; `inverse`: PnL in the base coin. */
  readonly contract: 'linear' | 'inverse' | 'unknown';
  /** Which account holds it: `flex`, a single-collateral wallet key (`wallet:fi_xbtusd`), or null. */
  readonly accountKey: string | null;
  readonly pnl: Decimal | null;
  readonly pnlCurrency: string | null;
  readonly unrealizedFunding: Decimal | null;
  /** |size| × mark (linear) or |size| contracts of one quote unit (inverse), in the quote currency. */
  readonly notional: Decimal | null;
  readonly notionalCurrency: string | null;
  /** Notional ÷ the holding account's equity (same currency), null when that equity is not positive. */
  readonly leverage: Decimal | null;
  readonly liquidation: LiquidationPrice;
}

/** One account of the profile as the stress view moves it. */
export interface AccountStress {
  /** The health figures' key: `flex`, `wallet:fi_xbtusd`, `sub:<uid>`. */
  readonly accountKey: string;
  readonly label: string;
  /**
   * `positions`: the account's positions are known and move with the price. `collateralOnly`:
   * Kraken reports no positions for subaccounts, so only their collateral moves and their
   * maintenance margin is held at today's figure.
   */
  readonly basis: 'positions' | 'collateralOnly';
  readonly currency: string;
  readonly allCrypto: StressModel;
  /**
   * By underlying code (`BTC`, `ETH`): the account's model when that underlying moves alone; only
   * the underlyings the account holds or trades (any other leaves its figures as they are).
   */
  readonly byUnderlying: Readonly<Record<string, StressModel>>;
}

export interface StressModel {
  readonly pieces: readonly MovePiece[];
  readonly liquidation: LiquidationMove;
}

/** Positions and stress models of one profile's snapshot. */
export interface RiskReport {
  readonly positions: readonly PositionRisk[];
  readonly accounts: readonly AccountStress[];
  /** Every underlying the stress view can move alone, sorted. */
  readonly underlyings: readonly string[];
}
