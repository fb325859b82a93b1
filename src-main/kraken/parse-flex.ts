/**
 * Flex (multi-collateral) accounts in both of Kraken's shapes, into one `FlexAccount`:
 * `/accounts` → `flex.currencies` is a map keyed by upper-case code, `/subaccounts` →
 * `flexAccount.currencies` is an array of `{currency (lower-case), …}`. Totals are the same fields.
 */
import { relativeDifference, ZERO } from './decimal.ts';
import { toCurrency } from './currency.ts';
import { FieldNames, type JsonCursor } from './json-cursor.ts';
import {
  A_DECIMAL,
  AN_OBJECT,
  A_TEXT,
  readDecimal,
  readEntries,
  readObject,
  readObjectList,
  readOptionalObject,
  readText,
  required,
} from './json-reader.ts';
import type { Decimal, FlexAccount, FlexCurrency } from '../../src-shared/account-model.ts';

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

const CURRENCY_FIELDS = new FieldNames(['currency', 'quantity', 'value', 'collateral', 'available']);

/**
 * One currency's object, the cursor inside it. `code` is its map key in the `/accounts` shape, null
 * in the `/subaccounts` shape, where the `currency` field names it.
 */
function readFlexCurrency(json: JsonCursor, code: string | null): FlexCurrency {
  let currency = code ?? undefined;
  let quantity: Decimal | undefined;
  let value: Decimal | undefined;
  let collateral: Decimal | undefined;
  let available: Decimal | undefined;
  for (let field = json.nextField(CURRENCY_FIELDS); field !== null; field = json.nextField(CURRENCY_FIELDS)) {
    switch (field) {
      case 'currency':
        if (code === null) currency = readText(json, field);
        else json.skip();
        break;
      case 'quantity':
        quantity = readDecimal(json, field);
        break;
      case 'value':
        value = readDecimal(json, field);
        break;
      case 'collateral':
        collateral = readDecimal(json, field);
        break;
      case 'available':
        available = readDecimal(json, field);
        break;
      default:
        json.skip();
    }
  }
  value = required(value, 'value', A_DECIMAL);
  collateral = required(collateral, 'collateral', A_DECIMAL);
  return {
    currency: toCurrency(required(currency, 'currency', A_TEXT)),
    quantity: required(quantity, 'quantity', A_DECIMAL),
    value,
    collateral,
    available: required(available, 'available', A_DECIMAL),
    haircut: impliedHaircut(collateral, value),
  };
}

const readListedCurrency = (json: JsonCursor) => readFlexCurrency(json, null);
const readMappedCurrency = (code: string, json: JsonCursor) => readObject(json, code, (entry) => readFlexCurrency(entry, code));

/** `currencies` in either shape: `{ XBT: {...}, USD: {...} }` or `[{ currency: 'xbt', ... }]`. */
function readCurrencies(json: JsonCursor): FlexCurrency[] {
  return json.atArray() ? readObjectList(json, 'currencies', readListedCurrency) : readEntries(json, 'currencies', readMappedCurrency);
}

/** Numeric components of `portfolioMarginBreakdown`; lists (scenario PnLs) and flags are not figures the app shows. */
function readBreakdown(json: JsonCursor): Record<string, Decimal> {
  const figures: Record<string, Decimal> = {};
  for (let key = json.nextKey(); key !== null; key = json.nextKey()) {
    const decimal = json.decimal();
    if (decimal === null) json.skip();
    else figures[key] = decimal;
  }
  return figures;
}

const FLEX_FIELDS = new FieldNames([
  'currencies',
  'initialMargin',
  'initialMarginWithOrders',
  'maintenanceMargin',
  'balanceValue',
  'portfolioValue',
  'collateralValue',
  'pnl',
  'unrealizedFunding',
  'totalUnrealized',
  'totalUnrealizedAsMargin',
  'availableMargin',
  'marginEquity',
  'portfolioMarginBreakdown',
]);

/** A flex account object of either endpoint, the cursor inside it (its `type` and unknown fields are skipped). */
export function readFlexAccount(json: JsonCursor): FlexAccount {
  let currencies: FlexCurrency[] | undefined;
  let balanceValue: Decimal | undefined;
  let portfolioValue: Decimal | undefined;
  let collateralValue: Decimal | undefined;
  let initialMargin: Decimal | undefined;
  let initialMarginWithOrders: Decimal | undefined;
  let maintenanceMargin: Decimal | undefined;
  let pnl: Decimal | undefined;
  let unrealizedFunding: Decimal | undefined;
  let totalUnrealized: Decimal | undefined;
  let totalUnrealizedAsMargin: Decimal | undefined;
  let marginEquity: Decimal | undefined;
  let availableMargin: Decimal | undefined;
  let portfolioMarginBreakdown: Record<string, Decimal> | null = null;
  for (let field = json.nextField(FLEX_FIELDS); field !== null; field = json.nextField(FLEX_FIELDS)) {
    switch (field) {
      case 'currencies':
        currencies = readCurrencies(json);
        break;
      case 'balanceValue':
        balanceValue = readDecimal(json, field);
        break;
      case 'portfolioValue':
        portfolioValue = readDecimal(json, field);
        break;
      case 'collateralValue':
        collateralValue = readDecimal(json, field);
        break;
      case 'initialMargin':
        initialMargin = readDecimal(json, field);
        break;
      case 'initialMarginWithOrders':
        initialMarginWithOrders = readDecimal(json, field);
        break;
      case 'maintenanceMargin':
        maintenanceMargin = readDecimal(json, field);
        break;
      case 'pnl':
        pnl = readDecimal(json, field);
        break;
      case 'unrealizedFunding':
        unrealizedFunding = readDecimal(json, field);
        break;
      case 'totalUnrealized':
        totalUnrealized = readDecimal(json, field);
        break;
      case 'totalUnrealizedAsMargin':
        totalUnrealizedAsMargin = readDecimal(json, field);
        break;
      case 'marginEquity':
        marginEquity = readDecimal(json, field);
        break;
      case 'availableMargin':
        availableMargin = readDecimal(json, field);
        break;
      case 'portfolioMarginBreakdown':
        portfolioMarginBreakdown = readOptionalObject(json, field, readBreakdown);
        break;
      default:
        json.skip();
    }
  }
  return {
    currencies: required(currencies, 'currencies', AN_OBJECT),
    balanceValue: required(balanceValue, 'balanceValue', A_DECIMAL),
    portfolioValue: required(portfolioValue, 'portfolioValue', A_DECIMAL),
    collateralValue: required(collateralValue, 'collateralValue', A_DECIMAL),
    initialMargin: required(initialMargin, 'initialMargin', A_DECIMAL),
    initialMarginWithOrders: required(initialMarginWithOrders, 'initialMarginWithOrders', A_DECIMAL),
    maintenanceMargin: required(maintenanceMargin, 'maintenanceMargin', A_DECIMAL),
    pnl: required(pnl, 'pnl', A_DECIMAL),
    unrealizedFunding: required(unrealizedFunding, 'unrealizedFunding', A_DECIMAL),
    totalUnrealized: required(totalUnrealized, 'totalUnrealized', A_DECIMAL),
    totalUnrealizedAsMargin: required(totalUnrealizedAsMargin, 'totalUnrealizedAsMargin', A_DECIMAL),
    marginEquity: required(marginEquity, 'marginEquity', A_DECIMAL),
    availableMargin: required(availableMargin, 'availableMargin', A_DECIMAL),
    portfolioMarginBreakdown,
  };
}
