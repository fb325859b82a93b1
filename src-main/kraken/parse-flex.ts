/**
 * Flex (multi-collateral) accounts in both of Kraken's shapes, into one `FlexAccount`:
 * `/accounts` → `flex.currencies` is a map keyed by upper-case code, `/subaccounts` →
 * `flexAccount.currencies` is an array of `{currency (lower-case), …}`. Totals are the same fields.
 */
import { parseDecimal, relativeDifference, ZERO } from './decimal.ts';
import { toCurrency } from './currency.ts';
import {
  asObject,
  childPath,
  fieldPath,
  indexPath,
  optionalObject,
  requireDecimal,
  requireObject,
  requireString,
  type JsonObject,
} from './json-reader.ts';
import type { Decimal, FlexAccount, FlexCurrency } from './model.ts';

/**
 * Decimal places of an implied haircut. Kraken serialises value and collateral as doubles (about 16
 * significant digits), so 1 − collateral/value carries noise from the 13th decimal on (the seed's
 * EUR gives 0.0224499999999993…); 8 places keep every real haircut (they are whole basis points
 * or finer) and drop that noise.
 */
const HAIRCUT_DECIMALS = 8;

/**
 * 1 − collateral / value, computed as (value − collateral) / value so that a single division
 * rounds once; null when value is 0 (nothing held, no haircut to infer).
 */
export function impliedHaircut(collateral: Decimal, value: Decimal): Decimal | null {
  if (value === '0') return null;
  if (collateral === value) return ZERO;
  return relativeDifference(value, collateral, HAIRCUT_DECIMALS);
}

function flexCurrency(raw: string, entry: JsonObject, path: string): FlexCurrency {
  const value = requireDecimal(entry, 'value', path);
  const collateral = requireDecimal(entry, 'collateral', path);
  return {
    currency: toCurrency(raw),
    quantity: requireDecimal(entry, 'quantity', path),
    value,
    collateral,
    available: requireDecimal(entry, 'available', path),
    haircut: impliedHaircut(collateral, value),
  };
}

/** `/accounts` shape: `{ XBT: {...}, USD: {...} }`. */
function currenciesFromMap(map: JsonObject, path: string): FlexCurrency[] {
  const currencies: FlexCurrency[] = [];
  for (const code of Object.keys(map)) {
    const entryPath = childPath(path, code);
    currencies.push(flexCurrency(code, asObject(map[code], entryPath), entryPath));
  }
  return currencies;
}

/** `/subaccounts` shape: `[{ currency: 'xbt', ... }]`. */
function currenciesFromList(list: readonly unknown[], path: string): FlexCurrency[] {
  const currencies: FlexCurrency[] = [];
  for (let i = 0; i < list.length; i++) {
    const entryPath = indexPath(path, i);
    const entry = asObject(list[i], entryPath);
    currencies.push(flexCurrency(requireString(entry, 'currency', entryPath), entry, entryPath));
  }
  return currencies;
}

/** Numeric components of `portfolioMarginBreakdown`; lists (scenario PnLs) and flags are not figures the app shows. */
function portfolioMarginBreakdown(flex: JsonObject, path: string): Record<string, Decimal> | null {
  const breakdown = optionalObject(flex, 'portfolioMarginBreakdown', path);
  if (breakdown === null) return null;
  const figures: Record<string, Decimal> = {};
  for (const key of Object.keys(breakdown)) {
    const decimal = parseDecimal(breakdown[key]);
    if (decimal !== null) figures[key] = decimal;
  }
  return figures;
}

/** A flex account object of either endpoint; `path` is where it sits (`accounts.flex`, `subaccounts[2].flexAccount`). */
export function parseFlexAccount(flex: JsonObject, path: string): FlexAccount {
  const currenciesValue = flex['currencies'];
  const currenciesPath = fieldPath(path, 'currencies');
  const currencies = Array.isArray(currenciesValue)
    ? currenciesFromList(currenciesValue, currenciesPath)
    : currenciesFromMap(requireObject(flex, 'currencies', path), currenciesPath);
  return {
    currencies,
    balanceValue: requireDecimal(flex, 'balanceValue', path),
    portfolioValue: requireDecimal(flex, 'portfolioValue', path),
    collateralValue: requireDecimal(flex, 'collateralValue', path),
    initialMargin: requireDecimal(flex, 'initialMargin', path),
    initialMarginWithOrders: requireDecimal(flex, 'initialMarginWithOrders', path),
    maintenanceMargin: requireDecimal(flex, 'maintenanceMargin', path),
    pnl: requireDecimal(flex, 'pnl', path),
    unrealizedFunding: requireDecimal(flex, 'unrealizedFunding', path),
    totalUnrealized: requireDecimal(flex, 'totalUnrealized', path),
    totalUnrealizedAsMargin: requireDecimal(flex, 'totalUnrealizedAsMargin', path),
    marginEquity: requireDecimal(flex, 'marginEquity', path),
    availableMargin: requireDecimal(flex, 'availableMargin', path),
    portfolioMarginBreakdown: portfolioMarginBreakdown(flex, path),
  };
}
