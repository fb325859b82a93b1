/**
 * The active profile's view as the window's opening carries it: for a master account, without the
 * subaccounts' list, their health figures and their stress models. The overview, the view every start paints, shows
 * neither (the worst figure, which may be a subaccount's, stays), and a list of 1,000 subaccounts
 * is a megabyte to write into the page, parse and copy before anything paints. The renderer asks
 * for the whole view (getSnapshot) once the opening is painted; `subaccountsFollow` says what is
 * missing until then, so no view mistakes the empty list for a master without subaccounts.
 */
import type { SnapshotView } from '../../src-preload/contract.ts';

export function openingView(view: SnapshotView): SnapshotView {
  const list = view.snapshot.subaccounts;
  if (list === null || list.subaccounts.length === 0) return view;
  const figures = view.health.figures.filter((figure) => figure.account.kind !== 'subaccountFlex');
  const risk = view.risk === undefined ? {} : { risk: { ...view.risk, accounts: view.risk.accounts.filter((account) => !account.accountKey.startsWith('sub:')) } };
  return {
    ...view,
    ...risk,
    snapshot: { ...view.snapshot, subaccounts: { ...list, subaccounts: [] } },
    health: { ...view.health, figures },
    subaccountsFollow: { subaccounts: list.subaccounts.length, figures: view.health.figures.length - figures.length },
  };
}
