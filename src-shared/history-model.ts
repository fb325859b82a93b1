import type { Decimal } from './account-model.ts';

/** One point of an account's margin history (flex of the master or of a subaccount). */
export interface HistoryPoint {
  /** ms since epoch; for thinned buckets, the bucket start. */
  readonly t: number;
  readonly marginEquity: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly initialMargin: Decimal;
  readonly collateralValue: Decimal;
  readonly availableMargin: Decimal;
  /** marginEquity / maintenanceMargin, null when no margin is used. */
  readonly marginRatio: Decimal | null;
}

export type HistoryRange = '24h' | '7d' | '30d' | '90d' | '1y';
