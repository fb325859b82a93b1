/**
 * The contracts the simulated exchange lists and how their PnL and margin work, reduced to what
 * makes the figures move coherently:
 * - `pf_*` linear perpetuals (flex, USD-margined): size in the base coin, PnL in USD.
 * - `pi_*` inverse perpetuals (single-collateral wallets, `fi_*`): size in USD contracts of $1,
 *   PnL in the base coin.
 * Initial margin 2 % of notional (50× leverage), maintenance 1 %: Kraken's tiers vary by size and
 * contract; one flat tier keeps the simulator explainable.
 */
import type { Decimal } from '../../../src-shared/account-model.ts';
import { toDecimal } from '../decimal.ts';

export type InstrumentKind = 'linear' | 'inverse';

export const INITIAL_MARGIN_RATE: Decimal = toDecimal('0.02');
export const MAINTENANCE_MARGIN_RATE: Decimal = toDecimal('0.01');

export function instrumentKind(symbol: string): InstrumentKind {
  return symbol.toLowerCase().startsWith('pi_') ? 'inverse' : 'linear';
}

/** `pf_xbtusd` → `xbt`: the base coin as Kraken writes it in symbols. */
export function baseOf(symbol: string): string {
  const pair = symbol.toLowerCase().split('_')[1] ?? '';
  return pair.endsWith('usd') ? pair.slice(0, -3) : pair;
}
