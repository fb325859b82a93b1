import type { Decimal } from '../kraken/model.ts';

/**
 * Severity of one account's margin, worst last. `noMargin`: nothing at risk ("no margin used").
 * `imBreached`: equity below initial margin with orders (Kraken cancels risk-increasing orders).
 */
export type HealthLevel = 'noMargin' | 'healthy' | 'warn' | 'imBreached' | 'critical' | 'liquidation';

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
  /** Single-collateral only: estimated liquidation price, current mark and the % move between them. */
  readonly liquidationPrice: Decimal | null;
  readonly markPrice: Decimal | null;
  readonly moveToLiquidationPct: Decimal | null;
}

export interface HealthReport {
  /** The figure of the account closest to liquidation, null when there is nothing to evaluate. */
  readonly worst: HealthFigure | null;
  readonly figures: readonly HealthFigure[];
}
