/**
 * Account keys: the stable name of one account's figures, used to join health, history, alerts and
 * the views. `flex` is the master's flex account, `wallet:<key>` a single-collateral wallet
 * (`wallet:fi_xbtusd`), `sub:<uid>` a subaccount's flex account.
 */
import type { AccountRef } from './health-model.ts';

export const FLEX_ACCOUNT_KEY = 'flex';
const WALLET_PREFIX = 'wallet:';
const SUBACCOUNT_PREFIX = 'sub:';

/** The longest account key accepted from outside (the renderer, a stored row): UIDs and wallet keys are far shorter. */
export const MAX_ACCOUNT_KEY_LENGTH = 80;

/** Every well-formed account key. */
export const ACCOUNT_KEY_PATTERN = /^(flex|sub:.+|wallet:.+)$/;

export function walletAccountKey(walletKey: string): string {
  return `${WALLET_PREFIX}${walletKey}`;
}

export function subaccountAccountKey(uid: string): string {
  return `${SUBACCOUNT_PREFIX}${uid}`;
}

export function isSubaccountKey(accountKey: string): boolean {
  return accountKey.startsWith(SUBACCOUNT_PREFIX);
}

export function accountKeyOf(account: AccountRef): string {
  switch (account.kind) {
    case 'flex':
      return FLEX_ACCOUNT_KEY;
    case 'marginWallet':
      return walletAccountKey(account.key);
    case 'subaccountFlex':
      return subaccountAccountKey(account.uid);
  }
}
