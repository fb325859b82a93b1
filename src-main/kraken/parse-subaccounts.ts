/**
 * `GET /subaccounts` → `Subaccounts`. Same facts as `/accounts` in another shape: holdings and
 * futures wallets are arrays, the flex account lists currencies in an array (see ./parse-flex.ts).
 */
import { toCurrency } from './currency.ts';
import { SchemaError } from './errors.ts';
import {
  asObject,
  fieldPath,
  indexPath,
  optionalObject,
  optionalString,
  requireArray,
  requireDecimal,
  requireString,
  type JsonObject,
} from './json-reader.ts';
import type { CurrencyAmount, Subaccount, SubaccountFuturesWallet, Subaccounts } from './model.ts';
import { parseFlexAccount } from './parse-flex.ts';

/** `f-xbt:usd`: single-collateral wallet of base XBT, margin in the quote currency USD. */
const FUTURES_WALLET_NAME = /^f-([^:]+):(.+)$/;

function holdings(list: readonly unknown[], path: string): CurrencyAmount[] {
  const amounts: CurrencyAmount[] = [];
  for (let i = 0; i < list.length; i++) {
    const entryPath = indexPath(path, i);
    const entry = asObject(list[i], entryPath);
    amounts.push({
      currency: toCurrency(requireString(entry, 'currency', entryPath)),
      amount: requireDecimal(entry, 'amount', entryPath),
    });
  }
  return amounts;
}

function futuresWallets(list: readonly unknown[], path: string): SubaccountFuturesWallet[] {
  const wallets: SubaccountFuturesWallet[] = [];
  for (let i = 0; i < list.length; i++) {
    const entryPath = indexPath(path, i);
    const entry = asObject(list[i], entryPath);
    const name = requireString(entry, 'name', entryPath);
    // The quote currency is the unit of availableMargin: without it the figure means nothing.
    const parts = FUTURES_WALLET_NAME.exec(name);
    if (parts === null) throw new SchemaError(fieldPath(entryPath, 'name'), 'a wallet name like "f-xbt:usd"');
    wallets.push({
      name,
      base: toCurrency(parts[1] as string),
      quote: toCurrency(parts[2] as string),
      availableMargin: requireDecimal(entry, 'availableMargin', entryPath),
    });
  }
  return wallets;
}

function parseSubaccount(entry: JsonObject, path: string): Subaccount {
  const flex = optionalObject(entry, 'flexAccount', path);
  return {
    uid: requireString(entry, 'accountUid', path),
    // Labels only: a missing e-mail or a null name (allowed by the spec) never blocks the figures.
    email: optionalString(entry, 'email', path) ?? '',
    fullName: optionalString(entry, 'fullName', path),
    holdings: holdings(requireArray(entry, 'holdingAccounts', path), fieldPath(path, 'holdingAccounts')),
    futuresWallets: futuresWallets(requireArray(entry, 'futuresAccounts', path), fieldPath(path, 'futuresAccounts')),
    flex: flex === null ? null : parseFlexAccount(flex, fieldPath(path, 'flexAccount')),
  };
}

/** Parses a `/subaccounts` response body (already checked to be `result: success`). */
export function parseSubaccounts(json: unknown): Subaccounts {
  const root = asObject(json, '');
  const list = requireArray(root, 'subaccounts', '');
  const subaccounts: Subaccount[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = indexPath('subaccounts', i);
    subaccounts.push(parseSubaccount(asObject(list[i], path), path));
  }
  return {
    masterUid: requireString(root, 'masterAccountUid', ''),
    subaccounts,
    serverTime: optionalString(root, 'serverTime', ''),
  };
}
