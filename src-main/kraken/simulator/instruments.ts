/**
 * The contracts the simulated exchange lists and how their PnL and margin work, reduced to what
 * makes the figures move coherently:
 * - `pf_*` linear perpetuals (flex, USD-margined): size in the base coin, PnL in USD; margin
 *   levels by notional in USD (Kraken's `numNonContractUnits`).
 * - `pi_*` inverse perpetuals (single-collateral wallets, `fi_*`): size in USD contracts of $1,
 *   PnL in the base coin; margin levels by contracts.
 * The levels are those of Kraken's `/instruments` example (PF_XBTUSD and PI_XBTUSD, professional
 * clients), the same for every coin here. Each level's rate applies to the part of a position
 * inside it. The simulator stands in for Kraken, so it applies its levels itself rather than
 * through the app's estimator (src-main/risk), which the simulator is there to check.
 */
import type Big from 'big.js';
import { big, ZERO } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import { toDecimal } from '../../../src-shared/decimal.ts';

export type InstrumentKind = 'linear' | 'inverse';

export interface SimMarginLevel {
  /** Notional in USD (linear) or contracts (inverse) from which this level applies. */
  readonly from: Decimal;
  readonly initialMargin: Decimal;
  readonly maintenanceMargin: Decimal;
}

const levels = (rows: readonly [string, string, string][]): SimMarginLevel[] =>
  rows.map(([from, initialMargin, maintenanceMargin]) => ({ from: toDecimal(from), initialMargin: toDecimal(initialMargin), maintenanceMargin: toDecimal(maintenanceMargin) }));

export const LINEAR_LEVELS: readonly SimMarginLevel[] = levels([
  ['0', '0.02', '0.01'],
  ['500000', '0.04', '0.02'],
  ['2000000', '0.1', '0.05'],
  ['5000000', '0.2', '0.1'],
  ['10000000', '0.3', '0.15'],
  ['30000000', '0.5', '0.25'],
]);

export const INVERSE_LEVELS: readonly SimMarginLevel[] = levels([
  ['0', '0.02', '0.01'],
  ['500000', '0.04', '0.02'],
  ['1000000', '0.06', '0.03'],
  ['3000000', '0.1', '0.05'],
]);

export function instrumentKind(symbol: string): InstrumentKind {
  return symbol.toLowerCase().startsWith('pi_') ? 'inverse' : 'linear';
}

export function marginLevelsOf(symbol: string): readonly SimMarginLevel[] {
  return instrumentKind(symbol) === 'inverse' ? INVERSE_LEVELS : LINEAR_LEVELS;
}

/**
 * The margin a position of `amount` (USD notional for linear, contracts for inverse) needs, in USD:
 * each level's rate on the part of the amount inside that level.
 */
export function marginRequirement(symbol: string, amount: Big.Big, rate: 'initialMargin' | 'maintenanceMargin'): Big.Big {
  const all = marginLevelsOf(symbol);
  let total = big(ZERO);
  all.forEach((level, i) => {
    const next = all[i + 1];
    if (amount.lte(level.from)) return;
    const top = next !== undefined && amount.gt(next.from) ? big(next.from) : amount;
    total = total.plus(top.minus(level.from).times(level[rate]));
  });
  return total;
}

/** `pf_xbtusd` → `xbt`: the base coin as Kraken writes it in symbols. */
export function baseOf(symbol: string): string {
  const pair = symbol.toLowerCase().split('_')[1] ?? '';
  return pair.endsWith('usd') ? pair.slice(0, -3) : pair;
}
