/**
 * `GET /accounts` → `Accounts`. The `accounts` map holds one entry per wallet, told apart by `type`:
 * `cashAccount`, `marginAccount` (single collateral, `fi_*` / `fv_*`), `multiCollateralMarginAccount`
 * (flex). Any other type is kept raw so a new wallet kind shows up instead of breaking the refresh.
 */
import { toCurrency } from './currency.ts';
import {
  asObject,
  childPath,
  fieldPath,
  decimalAt,
  optionalDecimal,
  optionalString,
  requireDecimal,
  requireObject,
  requireString,
  type JsonObject,
} from './json-reader.ts';
import type {
  Accounts,
  CashAccount,
  ContractBalance,
  CurrencyAmount,
  FlexAccount,
  MarginLevels,
  MarginWallet,
  UnknownAccount,
} from './model.ts';
import { parseFlexAccount } from './parse-flex.ts';

function currencyBalances(balances: JsonObject, path: string): CurrencyAmount[] {
  const amounts: CurrencyAmount[] = [];
  for (const raw of Object.keys(balances)) {
    amounts.push({ currency: toCurrency(raw), amount: decimalAt(balances[raw], childPath(path, raw)) });
  }
  return amounts;
}

function parseCash(cash: JsonObject, path: string): CashAccount {
  const balancesPath = fieldPath(path, 'balances');
  return { balances: currencyBalances(requireObject(cash, 'balances', path), balancesPath) };
}

function marginLevels(parent: JsonObject, key: string, path: string): MarginLevels {
  const levels = requireObject(parent, key, path);
  const levelsPath = fieldPath(path, key);
  return {
    im: requireDecimal(levels, 'im', levelsPath),
    mm: requireDecimal(levels, 'mm', levelsPath),
    lt: optionalDecimal(levels, 'lt', levelsPath),
    tt: optionalDecimal(levels, 'tt', levelsPath),
  };
}

function parseMarginWallet(key: string, wallet: JsonObject, path: string): MarginWallet {
  const balancesPath = fieldPath(path, 'balances');
  const balances = requireObject(wallet, 'balances', path);
  const currencies: CurrencyAmount[] = [];
  const contracts: ContractBalance[] = [];
  // Keys with '_' are contract sizes (`pi_xbtusd`), the rest currency balances: never summed together.
  for (const name of Object.keys(balances)) {
    const amount = decimalAt(balances[name], childPath(balancesPath, name));
    if (name.includes('_')) contracts.push({ symbol: name.toLowerCase(), size: amount });
    else currencies.push({ currency: toCurrency(name), amount });
  }
  const auxiliary = requireObject(wallet, 'auxiliary', path);
  const auxiliaryPath = fieldPath(path, 'auxiliary');
  return {
    key,
    currency: toCurrency(requireString(wallet, 'currency', path)),
    balances: currencies,
    contracts,
    portfolioValue: requireDecimal(auxiliary, 'pv', auxiliaryPath),
    pnl: requireDecimal(auxiliary, 'pnl', auxiliaryPath),
    availableFunds: requireDecimal(auxiliary, 'af', auxiliaryPath),
    funding: optionalDecimal(auxiliary, 'funding', auxiliaryPath),
    usd: optionalDecimal(auxiliary, 'usd', auxiliaryPath),
    margin: marginLevels(wallet, 'marginRequirements', path),
    triggers: marginLevels(wallet, 'triggerEstimates', path),
  };
}

/** Parses a `/accounts` response body (already checked to be `result: success`). */
export function parseAccounts(json: unknown): Accounts {
  const root = asObject(json, '');
  const accounts = requireObject(root, 'accounts', '');
  let cash: CashAccount | null = null;
  let flex: FlexAccount | null = null;
  const marginWallets: MarginWallet[] = [];
  const unknown: UnknownAccount[] = [];
  for (const key of Object.keys(accounts)) {
    const path = childPath('accounts', key);
    const account = asObject(accounts[key], path);
    const type = account['type'];
    if (type === 'cashAccount' && cash === null) cash = parseCash(account, path);
    else if (type === 'marginAccount') marginWallets.push(parseMarginWallet(key, account, path));
    else if (type === 'multiCollateralMarginAccount' && flex === null) flex = parseFlexAccount(account, path);
    else unknown.push({ key, type: typeof type === 'string' ? type : '', raw: account });
  }
  return { cash, marginWallets, flex, unknown, serverTime: optionalString(root, 'serverTime', '') };
}
