/**
 * `GET /accounts` → `Accounts`. The `accounts` map holds one entry per wallet, told apart by `type`:
 * `cashAccount`, `marginAccount` (single collateral, `fi_*` / `fv_*`), `multiCollateralMarginAccount`
 * (flex). Any other type is kept raw so a new wallet kind shows up instead of breaking the refresh.
 */
import { toCurrency } from './currency.ts';
import { readBody, type RootReader } from './exact-json.ts';
import { FieldNames, type JsonCursor } from './json-cursor.ts';
import {
  A_DECIMAL,
  A_TEXT,
  AN_OBJECT,
  mismatch,
  readDecimal,
  readEntries,
  readObject,
  readOptionalDecimal,
  readOptionalText,
  readText,
  required,
} from './json-reader.ts';
import type {
  Accounts,
  CashAccount,
  ContractBalance,
  CurrencyAmount,
  Decimal,
  FlexAccount,
  MarginLevels,
  MarginWallet,
  UnknownAccount,
} from '../../src-shared/account-model.ts';
import { readFlexAccount } from './parse-flex.ts';

const readBalance = (raw: string, json: JsonCursor): CurrencyAmount => ({ currency: toCurrency(raw), amount: readDecimal(json, raw) });

const CASH_FIELDS = new FieldNames(['type', 'balances']);

function readCash(json: JsonCursor): CashAccount {
  let balances: CurrencyAmount[] | undefined;
  for (let field = json.nextField(CASH_FIELDS); field !== null; field = json.nextField(CASH_FIELDS)) {
    if (field === 'balances') balances = readEntries(json, field, readBalance);
    else json.skip();
  }
  return { balances: required(balances, 'balances', AN_OBJECT) };
}

const LEVEL_FIELDS = new FieldNames(['im', 'mm', 'lt', 'tt']);

function readMarginLevels(json: JsonCursor): MarginLevels {
  let im: Decimal | undefined;
  let mm: Decimal | undefined;
  let lt: Decimal | null = null;
  let tt: Decimal | null = null;
  for (let field = json.nextField(LEVEL_FIELDS); field !== null; field = json.nextField(LEVEL_FIELDS)) {
    if (field === 'im') im = readDecimal(json, field);
    else if (field === 'mm') mm = readDecimal(json, field);
    else if (field === 'lt') lt = readOptionalDecimal(json, field);
    else if (field === 'tt') tt = readOptionalDecimal(json, field);
    else json.skip();
  }
  return { im: required(im, 'im', A_DECIMAL), mm: required(mm, 'mm', A_DECIMAL), lt, tt };
}

const AUXILIARY_FIELDS = new FieldNames(['af', 'funding', 'pnl', 'pv', 'usd']);

type Auxiliary = Pick<MarginWallet, 'portfolioValue' | 'pnl' | 'availableFunds' | 'funding' | 'usd'>;

function readAuxiliary(json: JsonCursor): Auxiliary {
  let availableFunds: Decimal | undefined;
  let pnl: Decimal | undefined;
  let portfolioValue: Decimal | undefined;
  let funding: Decimal | null = null;
  let usd: Decimal | null = null;
  for (let field = json.nextField(AUXILIARY_FIELDS); field !== null; field = json.nextField(AUXILIARY_FIELDS)) {
    if (field === 'af') availableFunds = readDecimal(json, field);
    else if (field === 'pnl') pnl = readDecimal(json, field);
    else if (field === 'pv') portfolioValue = readDecimal(json, field);
    else if (field === 'funding') funding = readOptionalDecimal(json, field);
    else if (field === 'usd') usd = readOptionalDecimal(json, field);
    else json.skip();
  }
  return {
    portfolioValue: required(portfolioValue, 'pv', A_DECIMAL),
    pnl: required(pnl, 'pnl', A_DECIMAL),
    availableFunds: required(availableFunds, 'af', A_DECIMAL),
    funding,
    usd,
  };
}

/** A wallet's `balances`: keys with '_' are contract sizes (`pi_xbtusd`), the rest currency balances: never summed together. */
interface WalletBalances {
  readonly currencies: CurrencyAmount[];
  readonly contracts: ContractBalance[];
}

function readWalletBalances(json: JsonCursor): WalletBalances {
  const balances: WalletBalances = { currencies: [], contracts: [] };
  for (let name = json.nextKey(); name !== null; name = json.nextKey()) {
    const amount = readDecimal(json, name);
    if (name.includes('_')) balances.contracts.push({ symbol: name.toLowerCase(), size: amount });
    else balances.currencies.push({ currency: toCurrency(name), amount });
  }
  return balances;
}

const WALLET_FIELDS = new FieldNames(['type', 'currency', 'balances', 'auxiliary', 'marginRequirements', 'triggerEstimates']);

function readMarginWallet(key: string, json: JsonCursor): MarginWallet {
  let currency: string | undefined;
  let balances: WalletBalances | undefined;
  let auxiliary: Auxiliary | undefined;
  let margin: MarginLevels | undefined;
  let triggers: MarginLevels | undefined;
  for (let field = json.nextField(WALLET_FIELDS); field !== null; field = json.nextField(WALLET_FIELDS)) {
    switch (field) {
      case 'currency':
        currency = readText(json, field);
        break;
      case 'balances':
        balances = readObject(json, field, readWalletBalances);
        break;
      case 'auxiliary':
        auxiliary = readObject(json, field, readAuxiliary);
        break;
      case 'marginRequirements':
        margin = readObject(json, field, readMarginLevels);
        break;
      case 'triggerEstimates':
        triggers = readObject(json, field, readMarginLevels);
        break;
      default:
        json.skip();
    }
  }
  const { currencies, contracts } = required(balances, 'balances', AN_OBJECT);
  return {
    key,
    currency: toCurrency(required(currency, 'currency', A_TEXT)),
    balances: currencies,
    contracts,
    ...required(auxiliary, 'auxiliary', AN_OBJECT),
    margin: required(margin, 'marginRequirements', AN_OBJECT),
    triggers: required(triggers, 'triggerEstimates', AN_OBJECT),
  };
}

/** Reads a `/accounts` body's root fields into `Accounts`. */
export function accountsReader(): RootReader<Accounts> {
  let seen = false;
  let cash: CashAccount | null = null;
  let flex: FlexAccount | null = null;
  const marginWallets: MarginWallet[] = [];
  const unknown: UnknownAccount[] = [];
  let serverTime: string | null = null;

  // What an account means depends on its `type`, wherever in the object Kraken put it.
  const readAccount = (key: string, json: JsonCursor): void => {
    const type = json.peekString('type');
    if (type === 'cashAccount' && cash === null) cash = readObject(json, key, readCash);
    else if (type === 'marginAccount') marginWallets.push(readObject(json, key, (wallet) => readMarginWallet(key, wallet)));
    else if (type === 'multiCollateralMarginAccount' && flex === null) flex = readObject(json, key, readFlexAccount);
    else {
      const raw = json.value();
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw mismatch(key, AN_OBJECT);
      unknown.push({ key, type: type ?? '', raw });
    }
  };

  return {
    field(key, json) {
      if (key === 'accounts') {
        readEntries(json, key, readAccount);
        seen = true;
      } else if (key === 'serverTime') serverTime = readOptionalText(json, key);
      else return false;
      return true;
    },
    result() {
      if (!seen) throw mismatch('accounts', AN_OBJECT);
      return { cash, marginWallets, flex, unknown, serverTime };
    },
  };
}

/** Parses a whole `/accounts` body (its envelope fields are the client's business, see ./interpret-response.ts). */
export function parseAccounts(text: string): Accounts {
  return readBody(text, accountsReader());
}
