/**
 * Flex (multi-collateral) accounts in both of Kraken's shapes, into one `FlexAccount`:
 * `/accounts` → `flex.currencies` is a map keyed by upper-case code, `/subaccounts` →
 * `flexAccount.currencies` is a list of `{currency (lower-case), …}`. Totals are the same fields.
 */
import { z } from 'zod';
import { toCurrency } from './currency.ts';
import { parseDecimal, relativeDifference, ZERO } from '../../src-shared/decimal.ts';
import { decimal, entries, keyedList, object } from './decode/schema.ts';
import type { Decimal, FlexAccount, FlexCurrency } from '../../src-shared/account-model.ts';

/**
 * Decimal places of an implied haircut. Kraken serialises value and collateral as doubles (about 16
 * significant digits), so 1 − collateral/value carries noise from the 13th decimal on (the seed's
 * EUR gives 0.0224499999999993…); 8 places keep every real haircut (they are whole basis points
 * or finer) and drop that noise.
 */
const HAIRCUT_DECIMALS = 8;

/** 1 − collateral / value; null when value is 0 (nothing held, no haircut to infer). */
export function impliedHaircut(collateral: Decimal, value: Decimal): Decimal | null {
  if (value === ZERO) return null;
  if (collateral === value) return ZERO;
  return relativeDifference(value, collateral, HAIRCUT_DECIMALS);
}

const flexCurrency = object({ quantity: decimal, value: decimal, collateral: decimal, available: decimal });

/** The account-wide figures, every one required, named as in both endpoints. */
const TOTALS = [
  'balanceValue',
  'portfolioValue',
  'collateralValue',
  'initialMargin',
  'initialMarginWithOrders',
  'maintenanceMargin',
  'pnl',
  'unrealizedFunding',
  'totalUnrealized',
  'totalUnrealizedAsMargin',
  'marginEquity',
  'availableMargin',
] as const;
type Totals = Record<(typeof TOTALS)[number], Decimal>;

/** Numeric components of `portfolioMarginBreakdown`; lists (scenario PnLs) and flags are not figures the app shows. */
export const portfolioMarginBreakdown = entries(z.unknown())
  .nullish()
  .transform((components) => {
    if (components === null || components === undefined) return null;
    const figures = components.flatMap(({ key, value }) => {
      const figure = parseDecimal(value);
      return figure === null ? [] : [[key, figure] as const];
    });
    return Object.fromEntries(figures);
  });

/** A flex account object of either endpoint (its `type` and unknown fields are left alone). */
export const flexAccount = object({
  currencies: keyedList('currency', flexCurrency),
  ...(Object.fromEntries(TOTALS.map((name) => [name, decimal])) as Record<keyof Totals, typeof decimal>),
  portfolioMarginBreakdown,
}).transform((flex): FlexAccount => {
  const currencies = flex.currencies.map(
    ({ code, value: { quantity, value, collateral, available } }): FlexCurrency => ({
      currency: toCurrency(code),
      quantity,
      value,
      collateral,
      available,
      haircut: impliedHaircut(collateral, value),
    }),
  );
  const totals = Object.fromEntries(TOTALS.map((name) => [name, flex[name]])) as Totals;
  return { currencies, ...totals, portfolioMarginBreakdown: flex.portfolioMarginBreakdown };
});
