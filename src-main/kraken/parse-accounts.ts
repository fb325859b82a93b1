/**
 * `GET /accounts` → `Accounts`. The `accounts` map holds one entry per wallet, told apart by `type`:
 * `cashAccount`, `marginAccount` (single collateral, `fi_*` / `fv_*`), `multiCollateralMarginAccount`
 * (flex). Any other type is kept raw so a new wallet kind shows up instead of breaking the refresh.
 */
import { z } from 'zod';
import { toCurrency } from './currency.ts';
import { numbersAsText } from './decode/exact-json.ts';
import { decimal, decodeAt, decodeJson, entries, object, optionalDecimal, optionalText, text, type Entry } from './decode/schema.ts';
import type { Accounts, CashAccount, CurrencyAmount, Decimal, MarginWallet, UnknownAccount } from '../../src-shared/account-model.ts';
import { flexAccount } from './parse-flex.ts';

const amountOf = ({ key, value }: Entry<Decimal>): CurrencyAmount => ({ currency: toCurrency(key), amount: value });

const cashAccount = object({ balances: entries(decimal) }).transform(({ balances }): CashAccount => ({ balances: balances.map(amountOf) }));

const marginLevels = object({ im: decimal, mm: decimal, lt: optionalDecimal, tt: optionalDecimal }).transform(({ im, mm, lt, tt }) => ({ im, mm, lt, tt }));

const marginWallet = object({
  currency: text,
  balances: entries(decimal),
  auxiliary: object({ af: decimal, pnl: decimal, pv: decimal, funding: optionalDecimal, usd: optionalDecimal }),
  marginRequirements: marginLevels,
  triggerEstimates: marginLevels,
}).transform(
  (wallet): Omit<MarginWallet, 'key'> => ({
    currency: toCurrency(wallet.currency),
    // Keys with '_' are contract sizes (`pi_xbtusd`), the rest currency balances: never summed together.
    balances: wallet.balances.filter(({ key }) => !key.includes('_')).map(amountOf),
    contracts: wallet.balances.filter(({ key }) => key.includes('_')).map(({ key, value }) => ({ symbol: key.toLowerCase(), size: value })),
    portfolioValue: wallet.auxiliary.pv,
    pnl: wallet.auxiliary.pnl,
    availableFunds: wallet.auxiliary.af,
    funding: wallet.auxiliary.funding,
    usd: wallet.auxiliary.usd,
    margin: wallet.marginRequirements,
    triggers: wallet.triggerEstimates,
  }),
);

/** A `/accounts` body (its envelope fields are the client's business, see ./interpret-response.ts). */
export const accountsBody = object({ accounts: entries(object({ type: z.unknown().optional() })), serverTime: optionalText }).transform((body, context): Accounts => {
  let cash: CashAccount | null = null;
  let flex: Accounts['flex'] = null;
  const marginWallets: MarginWallet[] = [];
  const unknown: UnknownAccount[] = [];
  for (const { key, value: account } of body.accounts) {
    const type = typeof account.type === 'string' ? account.type : '';
    const path = ['accounts', key];
    if (type === 'cashAccount' && cash === null) cash = decodeAt(cashAccount, account, context, path);
    else if (type === 'marginAccount') marginWallets.push({ key, ...decodeAt(marginWallet, account, context, path) });
    else if (type === 'multiCollateralMarginAccount' && flex === null) flex = decodeAt(flexAccount, account, context, path);
    else unknown.push({ key, type, raw: numbersAsText(account) });
  }
  return { cash, marginWallets, flex, unknown, serverTime: body.serverTime };
});

export function parseAccounts(text: string): Accounts {
  return decodeJson(accountsBody, text);
}
