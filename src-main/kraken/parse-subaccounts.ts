/**
 * `GET /subaccounts` → `Subaccounts`. Same facts as `/accounts` in another shape: holdings and
 * futures wallets are lists, the flex account lists currencies (see ./parse-flex.ts).
 */
import { toCurrency } from './currency.ts';
import { decimal, decodeJson, list, object, optionalText, text } from './decode/schema.ts';
import type { Subaccount, Subaccounts } from '../../src-shared/account-model.ts';
import { flexAccount } from './parse-flex.ts';

/** `f-xbt:usd`: single-collateral wallet of base XBT, margin in the quote currency USD. */
const FUTURES_WALLET_NAME = /^f-([^:]+):(.+)$/;

const holding = object({ currency: text, amount: decimal }).transform(({ currency, amount }) => ({ currency: toCurrency(currency), amount }));

// The quote currency is the unit of availableMargin: a name that does not say it leaves the figure meaningless.
const futuresWallet = object({
  name: text.refine((name) => FUTURES_WALLET_NAME.test(name), { error: 'a wallet name like "f-xbt:usd"' }),
  availableMargin: decimal,
}).transform(({ name, availableMargin }) => {
  const [, base, quote] = FUTURES_WALLET_NAME.exec(name) as RegExpExecArray;
  return { name, base: toCurrency(base as string), quote: toCurrency(quote as string), availableMargin };
});

const subaccount = object({
  accountUid: text,
  // Labels only: a missing e-mail or a null name (allowed by the spec) never blocks the figures.
  email: optionalText,
  fullName: optionalText,
  holdingAccounts: list(holding),
  futuresAccounts: list(futuresWallet),
  flexAccount: flexAccount.nullish(),
}).transform(
  (sub): Subaccount => ({
    uid: sub.accountUid,
    email: sub.email ?? '',
    fullName: sub.fullName,
    holdings: sub.holdingAccounts,
    futuresWallets: sub.futuresAccounts,
    flex: sub.flexAccount ?? null,
  }),
);

/** A `/subaccounts` body (its envelope fields are the client's business, see ./interpret-response.ts). */
export const subaccountsBody = object({ masterAccountUid: text, subaccounts: list(subaccount), serverTime: optionalText }).transform(
  (body): Subaccounts => ({ masterUid: body.masterAccountUid, subaccounts: body.subaccounts, serverTime: body.serverTime }),
);

export function parseSubaccounts(text: string): Subaccounts {
  return decodeJson(subaccountsBody, text);
}
