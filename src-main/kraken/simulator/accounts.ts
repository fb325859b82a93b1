/**
 * The simulated exchange's own state of an account: what is held and which positions are open.
 * Every reported figure (values, PnL, margin) is derived from this and the market on each request
 * (./flex-figures.ts, ./wallet-figures.ts), so the figures always agree with each other.
 */
import type { Decimal } from '../../../src-shared/account-model.ts';

export interface SimPosition {
  /** Lower-case symbol, `pf_xbtusd` (flex) or `pi_xbtusd` (single-collateral wallet). */
  readonly symbol: string;
  /** Signed: positive long, negative short. Base coin for linear, USD contracts for inverse. */
  readonly size: Decimal;
  readonly entryPrice: Decimal;
  readonly fillTime: string;
}

/** Multi-collateral account: holdings by normalised currency code; positions in `pf_*` contracts. */
export interface SimFlex {
  readonly holdings: Map<string, Decimal>;
  readonly positions: SimPosition[];
}

/** Single-collateral inverse wallet `fi_<base>usd`: a balance in the base coin and `pi_<base>usd` positions. */
export interface SimWallet {
  /** `fi_xbtusd`. */
  readonly key: string;
  /** Kraken's lower-case base code, `xbt`. */
  readonly base: string;
  balance: Decimal;
  readonly positions: SimPosition[];
}

export interface SimAccount {
  readonly uid: string;
  readonly email: string;
  readonly fullName: string | null;
  /** Holding (cash) balances by Kraken's lower-case code. */
  readonly cash: Map<string, Decimal>;
  /** Created by the first deposit or flex position. */
  flex: SimFlex | null;
  readonly wallets: SimWallet[];
}

/** `pi_xbtusd` → `fi_xbtusd`: the wallet an inverse contract settles in. */
export function walletKeyOf(inverseSymbol: string): string {
  return `fi_${inverseSymbol.toLowerCase().slice(3)}`;
}
