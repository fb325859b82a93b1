/**
 * openingView (src-main/bridge/opening-view.ts): what the window's opening leaves out of the active
 * profile's view, and what it keeps.
 */
import { describe, expect, it } from 'vitest';
import type { HealthFigure, SnapshotView, Subaccount } from '../../../src-preload/contract.ts';
import { openingView } from '../../../src-main/bridge/opening-view.ts';

function figure(accountKey: string, account: HealthFigure['account'], marginRatio: string): HealthFigure {
  return { accountKey, account, label: accountKey, marginRatio } as unknown as HealthFigure;
}

function viewWith(subaccounts: readonly Subaccount[] | null, figures: readonly HealthFigure[]): SnapshotView {
  return Object.freeze({
    snapshot: Object.freeze({
      profileId: 'p1',
      fetchedAt: 1,
      accounts: { cash: null, flex: null, wallets: [], other: [] },
      subaccounts: subaccounts && { masterUid: 'master-uid', subaccounts, serverTime: '2026-11-22T00:00:00.000Z' },
    }),
    health: { worst: figures.at(-1) ?? null, figures },
    status: { profileId: 'p1' },
    sample: false,
  }) as unknown as SnapshotView;
}

const FLEX = figure('flex', { kind: 'flex' }, '4.2');
const SUB_A = figure('sub:a', { kind: 'subaccountFlex', uid: 'a' }, '3.1');
const SUB_B = figure('sub:b', { kind: 'subaccountFlex', uid: 'b' }, '1.2');
const subaccount = (uid: string) => ({ uid, email: `${uid}@example.com`, fullName: null, holdings: [], futuresWallets: [], flex: null }) as Subaccount;

describe('openingView', () => {
  it('keeps a view without subaccounts as it is', () => {
    const single = viewWith(null, [FLEX]);
    expect(openingView(single)).toBe(single);
    const emptyMaster = viewWith([], [FLEX]);
    expect(openingView(emptyMaster)).toBe(emptyMaster);
  });

  it('leaves out a master’s subaccounts and their figures, keeps the worst figure and says what follows', () => {
    const full = viewWith([subaccount('a'), subaccount('b'), subaccount('c')], [FLEX, SUB_A, SUB_B]);
    const opening = openingView(full);
    expect(opening.snapshot.subaccounts).toEqual({ masterUid: 'master-uid', subaccounts: [], serverTime: '2026-11-22T00:00:00.000Z' });
    expect(opening.health).toEqual({ worst: SUB_B, figures: [FLEX] });
    // Three subaccounts, of which two have a flex account and so a health figure.
    expect(opening.subaccountsFollow).toEqual({ subaccounts: 3, figures: 2 });
    expect({ ...opening, snapshot: { ...opening.snapshot, subaccounts: null }, health: null, subaccountsFollow: null }).toEqual({
      ...full,
      snapshot: { ...full.snapshot, subaccounts: null },
      health: null,
      subaccountsFollow: null,
    });
    // The cached view itself is untouched.
    expect(full.snapshot.subaccounts?.subaccounts).toHaveLength(3);
    expect(full.health.figures).toHaveLength(3);
  });
});
