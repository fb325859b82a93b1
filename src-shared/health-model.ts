import type { Decimal } from './account-model.ts';

/**
 * Severity of one account's margin, worst last. `noMargin`: nothing at risk ("no margin used").
 * `unknown`: the source did not send a figure health needs, so the account is never called healthy
 * (ranked above healthy, so a profile's worst account shows it, and below warn, so it raises no
 * margin alert by itself). `imBreached`: equity below initial margin with orders (Kraken cancels
 * risk-increasing orders).
 */
export type HealthLevel = 'noMargin' | 'healthy' | 'unknown' | 'warn' | 'imBreached' | 'critical' | 'liquidation';

/** Which account a health figure is about. */
export type AccountRef =
  | { readonly kind: 'flex' }
  | { readonly kind: 'marginWallet'; readonly key: string }
  | { readonly kind: 'subaccountFlex'; readonly uid: string };

export interface HealthFigure {
  readonly account: AccountRef;
  /** Stable key for joins, history and alerts: `flex`, `wallet:fi_xbtusd`, `sub:<uid>`. */
  readonly accountKey: string;
  /** Human label: "Flex", "fi_xbtusd", a subaccount's name or e-mail. */
  readonly label: string;
  readonly level: HealthLevel;
  /** marginEquity / maintenanceMargin (flex) or pv / mm (single collateral); null when no margin is used. */
  readonly marginRatio: Decimal | null;
  /** marginEquity − maintenanceMargin (flex, USD) or pv − mm (wallet currency). */
  readonly buffer: Decimal | null;
  readonly bufferCurrency: string;
  readonly initialMarginBreached: boolean;
  /**
   * Equity / initial margin (with orders, flex) or pv / im (single collateral), null when no initial
   * margin is required. Lets an initial-margin alert clear with the same hysteresis as the ratio.
   * Optional so figures written before it existed stay valid.
   */
  readonly initialMarginRatio?: Decimal | null;
  /**
   * Single-collateral only: estimated liquidation price, current mark and the % move between them.
   * The move is signed: negative when the price must fall to reach liquidation (a long), positive
   * when it must rise (a short).
   */
  readonly liquidationPrice: Decimal | null;
  readonly markPrice: Decimal | null;
  readonly moveToLiquidationPct: Decimal | null;
  /** Level `unknown` only: why, naming the figures the source did not send. */
  readonly unknownReason?: string;
}

export interface HealthReport {
  /** The figure of the account closest to liquidation, null when there is nothing to evaluate. */
  readonly worst: HealthFigure | null;
  readonly figures: readonly HealthFigure[];
}
