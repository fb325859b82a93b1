/**
 * A desk in the shape of a master account: each member's own account becomes one subaccount row
 * (cash balances → holdings, margin wallets → futures wallets, flex → flex, the profile's name as
 * the label) and its worst health figure becomes that row's figure. The subaccounts table, its
 * totals, its worst health, its sort, filter and detail pane then read a desk exactly as they read
 * a master's `/subaccounts` list: one rule for both, whichever source each member uses.
 *
 * Each member's figures stay its own: its health was judged in main with the member's own alert
 * thresholds, and a member without figures yet is a row without figures (its status says why).
 * Pure mapping, no arithmetic: nothing here can round an amount.
 */
import type { AccountSnapshot, Subaccount, SubaccountFuturesWallet, Subaccounts } from './account-model.ts';
import { FLEX_ACCOUNT_KEY, subaccountAccountKey } from './account-keys.ts';
import type { HealthFigure, HealthReport } from './health-model.ts';

/** One member as the composition needs it: the profile's id and name, and its newest figures with their health. */
export interface DeskMember {
  readonly profileId: string;
  readonly name: string;
  readonly view: { readonly snapshot: AccountSnapshot; readonly health: HealthReport } | null;
}

export interface DeskComposition {
  /** The members as subaccounts, in the desk's order; `masterUid` is empty (a desk has no master). */
  readonly subaccounts: Subaccounts;
  /**
   * Each member's worst figure as its row's (`sub:<profileId>`), labelled with the member's name. A
   * master's `/subaccounts` list only has each subaccount's flex account to judge; a member's own key
   * sees its single-collateral wallets too, and a wallet near liquidation must not hide behind a
   * healthy flex account (the tray and the member's alerts already judge by the worst).
   */
  readonly figures: readonly HealthFigure[];
}

/** A member's row key: the profile id stands where a master's list has a subaccount's UID. */
function memberAccountKey(profileId: string): string {
  return subaccountAccountKey(profileId);
}

/** Single-collateral wallets as `/subaccounts` lists them: available margin in the wallet's own currency. */
function futuresWalletsOf(snapshot: AccountSnapshot): SubaccountFuturesWallet[] {
  return snapshot.accounts.marginWallets.map((wallet) => ({
    name: wallet.key,
    base: wallet.currency,
    quote: wallet.currency,
    availableMargin: wallet.availableFunds,
  }));
}

function memberSubaccount(member: DeskMember): Subaccount {
  const snapshot = member.view?.snapshot ?? null;
  return {
    uid: member.profileId,
    email: '',
    fullName: member.name,
    holdings: snapshot?.accounts.cash?.balances ?? [],
    futuresWallets: snapshot === null ? [] : futuresWalletsOf(snapshot),
    flex: snapshot?.accounts.flex ?? null,
  };
}

function memberFigure(member: DeskMember): HealthFigure | null {
  const figure = member.view?.health.worst ?? null;
  if (figure === null) return null;
  return {
    ...figure,
    // The row is the member: its uid stands where a master's row has a subaccount's.
    account: { kind: 'subaccountFlex', uid: member.profileId },
    accountKey: memberAccountKey(member.profileId),
    label: figure.accountKey === FLEX_ACCOUNT_KEY ? member.name : `${member.name} (${figure.label})`,
  };
}

export function composeDesk(members: readonly DeskMember[]): DeskComposition {
  const figures: HealthFigure[] = [];
  for (const member of members) {
    const figure = memberFigure(member);
    if (figure !== null) figures.push(figure);
  }
  const serverTimes = members.map((member) => member.view?.snapshot.serverTime ?? null).filter((time): time is string => time !== null);
  return {
    subaccounts: { masterUid: '', subaccounts: members.map(memberSubaccount), serverTime: serverTimes.sort().at(-1) ?? null },
    figures,
  };
}
