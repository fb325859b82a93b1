/**
 * `GET /subaccounts` → `Subaccounts`. Same facts as `/accounts` in another shape: holdings and
 * futures wallets are arrays, the flex account lists currencies in an array (see ./parse-flex.ts).
 */
import { toCurrency } from './currency.ts';
import { readBody, type RootReader } from './exact-json.ts';
import { FieldNames, type JsonCursor } from './json-cursor.ts';
import {
  A_DECIMAL,
  A_LIST,
  A_TEXT,
  mismatch,
  readDecimal,
  readObjectList,
  readOptionalObject,
  readOptionalText,
  readText,
  required,
} from './json-reader.ts';
import type { Currency, CurrencyAmount, Decimal, Subaccount, SubaccountFuturesWallet, Subaccounts } from '../../src-shared/account-model.ts';
import { readFlexAccount } from './parse-flex.ts';

/** `f-xbt:usd`: single-collateral wallet of base XBT, margin in the quote currency USD. */
const FUTURES_WALLET_NAME = /^f-([^:]+):(.+)$/;

interface WalletCurrencies {
  readonly base: Currency;
  readonly quote: Currency;
}

/**
 * Wallet names already read: every subaccount lists the same few (`f-xbt:usd`), and a map lookup
 * costs a fraction of the regular expression. Bounded like the currency table.
 */
const WALLET_NAMES = new Map<string, WalletCurrencies>();
const WALLET_NAMES_LIMIT = 1_000;

function walletCurrencies(name: string): WalletCurrencies {
  let currencies = WALLET_NAMES.get(name);
  if (currencies === undefined) {
    const parts = FUTURES_WALLET_NAME.exec(name);
    if (parts === null) throw mismatch('name', 'a wallet name like "f-xbt:usd"');
    currencies = { base: toCurrency(parts[1] as string), quote: toCurrency(parts[2] as string) };
    if (WALLET_NAMES.size < WALLET_NAMES_LIMIT) WALLET_NAMES.set(name, currencies);
  }
  return currencies;
}

const HOLDING_FIELDS = new FieldNames(['currency', 'amount']);

function readHolding(json: JsonCursor): CurrencyAmount {
  let currency: string | undefined;
  let amount: Decimal | undefined;
  for (let field = json.nextField(HOLDING_FIELDS); field !== null; field = json.nextField(HOLDING_FIELDS)) {
    if (field === 'currency') currency = readText(json, field);
    else if (field === 'amount') amount = readDecimal(json, field);
    else json.skip();
  }
  return { currency: toCurrency(required(currency, 'currency', A_TEXT)), amount: required(amount, 'amount', A_DECIMAL) };
}

const WALLET_FIELDS = new FieldNames(['name', 'availableMargin']);

function readFuturesWallet(json: JsonCursor): SubaccountFuturesWallet {
  let name: string | undefined;
  let availableMargin: Decimal | undefined;
  for (let field = json.nextField(WALLET_FIELDS); field !== null; field = json.nextField(WALLET_FIELDS)) {
    if (field === 'name') name = readText(json, field);
    else if (field === 'availableMargin') availableMargin = readDecimal(json, field);
    else json.skip();
  }
  // The quote currency is the unit of availableMargin: without it the figure means nothing.
  const walletName = required(name, 'name', A_TEXT);
  const { base, quote } = walletCurrencies(walletName);
  return { name: walletName, base, quote, availableMargin: required(availableMargin, 'availableMargin', A_DECIMAL) };
}

const SUBACCOUNT_FIELDS = new FieldNames(['holdingAccounts', 'futuresAccounts', 'flexAccount', 'fullName', 'email', 'accountUid']);

function readSubaccount(json: JsonCursor): Subaccount {
  let uid: string | undefined;
  let email: string | null = null;
  let fullName: string | null = null;
  let holdings: CurrencyAmount[] | undefined;
  let futuresWallets: SubaccountFuturesWallet[] | undefined;
  let flex: Subaccount['flex'] = null;
  for (let field = json.nextField(SUBACCOUNT_FIELDS); field !== null; field = json.nextField(SUBACCOUNT_FIELDS)) {
    switch (field) {
      case 'accountUid':
        uid = readText(json, field);
        break;
      // Labels only: a missing e-mail or a null name (allowed by the spec) never blocks the figures.
      case 'email':
        email = readOptionalText(json, field);
        break;
      case 'fullName':
        fullName = readOptionalText(json, field);
        break;
      case 'holdingAccounts':
        holdings = readObjectList(json, field, readHolding);
        break;
      case 'futuresAccounts':
        futuresWallets = readObjectList(json, field, readFuturesWallet);
        break;
      case 'flexAccount':
        flex = readOptionalObject(json, field, readFlexAccount);
        break;
      default:
        json.skip();
    }
  }
  return {
    uid: required(uid, 'accountUid', A_TEXT),
    email: email ?? '',
    fullName,
    holdings: required(holdings, 'holdingAccounts', A_LIST),
    futuresWallets: required(futuresWallets, 'futuresAccounts', A_LIST),
    flex,
  };
}

/** Reads a `/subaccounts` body's root fields into `Subaccounts`. */
export function subaccountsReader(): RootReader<Subaccounts> {
  let masterUid: string | undefined;
  let subaccounts: Subaccount[] | undefined;
  let serverTime: string | null = null;
  return {
    field(key, json) {
      if (key === 'masterAccountUid') masterUid = readText(json, key);
      else if (key === 'subaccounts') subaccounts = readObjectList(json, key, readSubaccount);
      else if (key === 'serverTime') serverTime = readOptionalText(json, key);
      else return false;
      return true;
    },
    result: () => ({
      masterUid: required(masterUid, 'masterAccountUid', A_TEXT),
      subaccounts: required(subaccounts, 'subaccounts', A_LIST),
      serverTime,
    }),
  };
}

/** Parses a whole `/subaccounts` body (its envelope fields are the client's business, see ./interpret-response.ts). */
export function parseSubaccounts(text: string): Subaccounts {
  return readBody(text, subaccountsReader());
}
