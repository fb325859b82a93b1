/**
 * Desks in the window: the switcher and Ctrl/Cmd+1…9 reach them first, their members through them, a desk's
 * subaccounts table reads exactly as its master's list of the same accounts, each member keeps its
 * own freshness, and desks are made, edited and deleted from Profiles and from a master's list.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, AlertRecord, Desk, ProfileView, SnapshotView, Subaccount } from '../../src-preload/contract.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { AGE_MS, NOW, seedProfile } from './support/scenarios.ts';
import { statusOf, syntheticSubaccount, viewOf } from './support/seed.ts';
import { freezeDate } from './support/time.ts';
import { formatAge } from '../../src-renderer/src/lib/format.ts';
import type { ConnectionState } from '../../src-shared/profile-status.ts';

freezeDate();

const SUBACCOUNTS: readonly Subaccount[] = [1, 2, 3].map((index) => syntheticSubaccount(index));

/** A master whose /subaccounts list holds the three accounts. */
function masterView(): SnapshotView {
  const snapshot: AccountSnapshot = {
    profileId: 'master',
    fetchedAt: NOW - AGE_MS,
    serverTime: null,
    accounts: { cash: null, marginWallets: [], flex: null, unknown: [], serverTime: null },
    subaccounts: { masterUid: 'master-uid', subaccounts: SUBACCOUNTS, serverTime: null },
    positions: [],
    markPrices: {},
  };
  return viewOf(snapshot, statusOf('master', 'live', NOW - AGE_MS, NOW));
}

/** The same account read with its own key: its cash wallet and flex account as the member's own. */
function memberView(id: string, subaccount: Subaccount, state: ConnectionState = 'live'): SnapshotView {
  const snapshot: AccountSnapshot = {
    profileId: id,
    fetchedAt: NOW - AGE_MS,
    serverTime: null,
    accounts: { cash: { balances: subaccount.holdings }, marginWallets: [], flex: subaccount.flex, unknown: [], serverTime: null },
    subaccounts: null,
    positions: [],
    markPrices: {},
  };
  return viewOf(snapshot, statusOf(id, state, NOW - AGE_MS, NOW));
}

function deskState(options: { readonly offline?: string; readonly active?: 'desk' | 'master' } = {}) {
  const members = SUBACCOUNTS.map((subaccount, index) => ({ id: `m${index + 1}`, name: subaccount.fullName ?? subaccount.email, subaccount }));
  const state = (id: string): ConnectionState => (id === options.offline ? 'offline' : 'live');
  const profiles: ProfileView[] = [seedProfile('master', 'Master'), ...members.map((member) => seedProfile(member.id, member.name, state(member.id)))];
  const desk: Desk = { id: 'd1', name: 'Team', memberIds: members.map((member) => member.id), createdAt: NOW };
  return {
    profiles,
    desks: [desk],
    activeProfileId: 'master',
    activeDeskId: options.active === 'desk' ? 'd1' : null,
    snapshots: {
      master: masterView(),
      ...Object.fromEntries(members.map((member) => [member.id, memberView(member.id, member.subaccount, state(member.id))])),
    },
    now: () => NOW,
  };
}

/** Each row's figures as text, by label, without the member's freshness chip. */
function tableTexts(name: string): { rows: string[]; totals: string } {
  const table = screen.getByRole('table', { name });
  const rows = within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-uid'))
    .map((row) => [...row.querySelectorAll('.label, td')].map((cell) => cell.textContent?.trim()).join(' | '));
  const totals = table.querySelector('tfoot')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return { rows, totals };
}

describe('desks in the window', () => {
  it('the switcher lists the desk first and leaves its members to it; Ctrl/Cmd+N follows that order', async () => {
    // Desks come first so that a desk of many keys stays at Ctrl/Cmd+1 however many members it has.
    const { app, fake } = await renderApp(deskState());
    const switcher = screen.getByRole('group', { name: 'Switch profile' });
    expect(within(switcher).getAllByRole('button').map((button) => button.getAttribute('aria-keyshortcuts'))).toEqual(['Control+1', 'Control+2']);
    const desk = within(switcher).getByRole('button', { name: /Team/ });
    expect(within(switcher).getAllByRole('button')[0]).toBe(desk);
    expect(within(switcher).queryByRole('button', { name: new RegExp(SUBACCOUNTS[0]!.fullName ?? '-') })).toBeNull();
    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    await waitFor(() => expect(app.activeDeskId).toBe('d1'));
    expect(fake.callsOf('activateDesk')).toEqual([{ id: 'd1' }]);
    expect(desk.getAttribute('aria-pressed')).toBe('true');
    // a view of one profile's accounts steps aside while a desk is shown
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).queryByRole('button', { name: /^Positions/ })).toBeNull();
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    await waitFor(() => expect(app.activeProfileId).toBe('master'));
    expect(app.activeDeskId).toBeNull();
    await fireEvent.keyDown(window, { key: '3', code: 'Digit3', ctrlKey: true });
    expect(app.activeProfileId).toBe('master');
  });

  it('a desk of 200 keys is one entry at Ctrl/Cmd+1, the loose profiles follow, and a member opened alone shows after its desk', async () => {
    const members = Array.from({ length: 200 }, (_, index) => seedProfile(`k${index}`, `Key ${index}`));
    const { app } = await renderApp({
      profiles: [...members, seedProfile('a', 'Alpha'), seedProfile('b', 'Beta')],
      desks: [{ id: 'big', name: 'Subaccounts', memberIds: members.map((member) => member.id), createdAt: NOW }],
      activeProfileId: 'a',
      activeDeskId: null,
      now: () => NOW,
    });
    const switcher = screen.getByRole('group', { name: 'Switch profile' });
    const names = () => within(switcher).getAllByRole('button').map((button) => button.querySelector('.name')?.textContent);
    expect(names()).toEqual(['Subaccounts', 'Alpha', 'Beta']);
    expect(within(switcher).getByRole('button', { name: /Subaccounts/ }).textContent).toContain('desk · 200');
    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    await waitFor(() => expect(app.activeDeskId).toBe('big'));
    await app.activate('k7');
    expect(names()).toEqual(['Subaccounts', 'Key 7', 'Alpha', 'Beta']);
    const alone = within(switcher).getByRole('button', { name: /Key 7/ });
    expect(alone.getAttribute('aria-pressed')).toBe('true');
    expect(alone.textContent).toContain('opened alone');
    expect(alone.hasAttribute('aria-keyshortcuts')).toBe(false);
    await fireEvent.keyDown(window, { key: '3', code: 'Digit3', ctrlKey: true });
    await waitFor(() => expect(app.activeProfileId).toBe('b'));
    expect(names()).toEqual(['Subaccounts', 'Alpha', 'Beta']);
  });

  it("a desk of the three accounts' keys shows the same rows, totals and worst health as the master's list", async () => {
    await renderApp(deskState());
    await openView('subaccounts');
    const master = tableTexts('Subaccounts');
    const masterWorst = screen.getByText('Closest to liquidation').nextElementSibling?.textContent;
    await fireEvent.click(screen.getByRole('button', { name: /Team/ }));
    await screen.findByRole('table', { name: 'Desk members' });
    const desk = tableTexts('Desk members');
    expect(desk.rows).toEqual(master.rows);
    expect(desk.totals).toEqual(master.totals);
    expect(screen.getByText('Closest to liquidation').nextElementSibling?.textContent).toBe(masterWorst);
    expect(master.rows).toHaveLength(3);
  });

  it('one member offline reads on its row only; the overview totals the desk and opens a member alone', async () => {
    const { app } = await renderApp(deskState({ offline: 'm2', active: 'desk' }));
    const overview = screen.getByRole('table', { name: 'Members of the desk Team' });
    const rows = within(overview).getAllByRole('row').filter((row) => row.hasAttribute('data-uid'));
    expect(rows.map((row) => row.querySelector('[data-state]')?.getAttribute('data-state'))).toEqual(['live', 'offline', 'live']);
    expect(rows.map((row) => row.classList.contains('outdated'))).toEqual([false, true, false]);
    expect(screen.getByRole('contentinfo').textContent).toContain('2 of 3 members live');
    // the offline member's detail pane says why, on that member only
    await fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: /^Subaccounts/ }));
    const members = await screen.findByRole('table', { name: 'Desk members' });
    await fireEvent.click(within(members).getByRole('button', { name: new RegExp(SUBACCOUNTS[1]!.fullName ?? '-') }));
    const pane = screen.getByRole('complementary', { name: SUBACCOUNTS[1]!.fullName ?? '' });
    expect(within(pane).getByRole('status').textContent).toContain('Kraken could not be reached.');
    await fireEvent.click(within(pane).getByRole('button', { name: 'Close details' }));
    await openView('overview');
    const overviewRows = within(screen.getByRole('table', { name: 'Members of the desk Team' })).getAllByRole('row').filter((row) => row.hasAttribute('data-uid'));
    await fireEvent.click(within(overviewRows[0]!).getByRole('button', { name: SUBACCOUNTS[0]!.fullName ?? '' }));
    await waitFor(() => expect(app.activeProfileId).toBe('m1'));
    expect(app.activeDeskId).toBeNull();
  });

  it('the desk banner says how old its totals can be, and reads as last known when its closest member goes offline', async () => {
    const { fake } = await renderApp(deskState({ active: 'desk' }));
    const banner = screen.getByRole('region', { name: /^Desk Team: margin health/ });
    const fact = (term: string) => within(banner).getByText(term).nextElementSibling?.textContent?.trim();
    expect(fact('Oldest figures')).toBe(formatAge(AGE_MS));
    expect(banner.classList.contains('last-known')).toBe(false);
    const closest = within(banner).getByRole('strong').textContent ?? '';
    const member = deskState().profiles.find((profile) => profile.name === closest);
    expect(member).toBeDefined();
    fake.emit('profileStatus', statusOf(member!.id, 'offline', NOW - AGE_MS, NOW));
    await waitFor(() => expect(banner.classList.contains('last-known')).toBe(true));
    expect(banner.textContent).toContain(`last known, ${formatAge(AGE_MS)}`);
    expect(banner.querySelector('.level')?.textContent).toMatch(/^Was: /);
  });

  it("says the desk's totals hold an offline member's last known figures, on the overview and under the table", async () => {
    await renderApp(deskState({ offline: 'm2', active: 'desk' }));
    const banner = screen.getByRole('region', { name: 'Desk Team: margin health' });
    expect(banner.textContent?.replace(/\s+/g, ' ')).toContain('The totals hold the last known figures of 1 member that is not current.');
    expect(banner.querySelector('.banner-facts')?.classList.contains('outdated')).toBe(true);
    await openView('subaccounts');
    const totals = [...(await screen.findByRole('table', { name: 'Desk members' })).querySelectorAll('tfoot tr')];
    expect(totals.map((row) => [row.classList.contains('outdated'), row.querySelector('th')?.textContent?.replace(/\s+/g, ' ').trim()])).toEqual([
      [true, 'All 3 with 1 last known'],
    ]);
  });

  it("the Alerts view of a desk narrows to its members' alerts, named after them, and opens a member's own rules", async () => {
    const alert = (id: number, profileId: string, profileName: string): AlertRecord => ({
      id,
      profileId,
      profileName,
      accountKey: 'flex',
      accountLabel: 'Flex',
      level: 'critical',
      title: `[${profileName}] Margin level 142 % - critical`,
      body: 'Add collateral or reduce positions now.',
      raisedAt: NOW - 1_000 * id,
      notified: true,
      acknowledgedAt: null,
    });
    const member = SUBACCOUNTS[0]!.fullName ?? '';
    const { app } = await renderApp({ ...deskState({ active: 'desk' }), alerts: [alert(1, 'm1', member), alert(2, 'master', 'Master')] });
    await openView('alerts');
    await fireEvent.click(screen.getByRole('radio', { name: 'Team only' }));
    await waitFor(() => expect(screen.queryByText('[Master] Margin level 142 % - critical')).toBeNull());
    expect(screen.getByText(`[${member}] Margin level 142 % - critical`)).toBeTruthy();
    const rules = screen.getByRole('region', { name: "Alert rules of the desk's members" });
    await fireEvent.click(within(rules).getByRole('button', { name: SUBACCOUNTS[2]!.fullName ?? '' }));
    await waitFor(() => expect(app.activeProfileId).toBe('m3'));
    expect(app.view).toBe('alerts');
  });

  it('deleting a profile says which desks it leaves', async () => {
    await renderApp(deskState());
    await openView('profiles');
    const cards = within(screen.getByRole('list', { name: 'Profiles' })).getAllByRole('listitem');
    const member = cards.find((card) => card.textContent?.includes(SUBACCOUNTS[0]!.fullName ?? '-'))!;
    await fireEvent.click(within(member).getByRole('button', { name: 'Delete' }));
    expect(within(member).getByRole('alertdialog').textContent).toContain('It also leaves the desk Team.');
  });

  it('a desk is made, edited and deleted on Profiles, and deleting it keeps its profiles', async () => {
    const { fake } = await renderApp(deskState());
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: 'New desk' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Create desk' }));
    expect(await screen.findByText('The desk name is empty.')).toBeTruthy();
    expect(screen.getByText('A desk needs at least one profile.')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Desk name'), { target: { value: 'Pair' } });
    const choices = screen.getByRole('region', { name: 'Profiles to choose from' });
    await fireEvent.click(within(choices).getByRole('checkbox', { name: /^Master/ }));
    await fireEvent.click(within(choices).getByRole('checkbox', { name: new RegExp(`^${SUBACCOUNTS[1]!.fullName}`) }));
    await fireEvent.click(screen.getByRole('button', { name: 'Create desk' }));
    await waitFor(() => expect(fake.callsOf('createDesk')).toEqual([{ name: 'Pair', memberIds: ['master', 'm2'] }]));
    const list = await screen.findByRole('list', { name: 'Desks' });
    expect(list.textContent).toContain('2 members: Master, ');
    const pair = within(list).getAllByRole('listitem').at(-1)!;
    await fireEvent.click(within(pair).getByRole('button', { name: 'Delete' }));
    await fireEvent.click(within(pair).getByRole('button', { name: 'Delete Pair (its profiles stay)' }));
    await waitFor(() => expect(fake.desks.map((desk) => desk.name)).toEqual(['Team']));
    expect(fake.profiles).toHaveLength(4);
  });

  it("makes a desk from a master's subaccounts: profiles named after them are picked, names carried over, the desk shown", async () => {
    const state = deskState();
    // The second subaccount's key was saved under another name; the user picks it by hand.
    const renamed = { ...state, desks: [], profiles: state.profiles.map((profile) => (profile.id === 'm2' ? { ...profile, name: 'Key two' } : profile)) };
    const { fake, app } = await renderApp(renamed);
    await openView('subaccounts');
    await fireEvent.click(screen.getByRole('button', { name: 'Make a desk from these subaccounts' }));
    const labels = SUBACCOUNTS.map((subaccount) => subaccount.fullName ?? subaccount.email);
    const pick = (label: string) => screen.getByRole('combobox', { name: `Profile for ${label}` }) as HTMLSelectElement;
    expect(labels.map((label) => pick(label).value)).toEqual(['m1', '', 'm3']);
    await fireEvent.change(pick(labels[1]!), { target: { value: 'm2' } });
    expect((screen.getByLabelText('Desk name') as HTMLInputElement).value).toBe('Master subaccounts');
    await fireEvent.click(screen.getByRole('button', { name: 'Make a desk of 3 profiles' }));
    await waitFor(() => expect(fake.callsOf('createDesk')).toEqual([{ name: 'Master subaccounts', memberIds: ['m1', 'm2', 'm3'] }]));
    expect(fake.callsOf('updateProfile')).toEqual([{ id: 'm2', name: labels[1] }]);
    await waitFor(() => expect(app.activeDesk?.name).toBe('Master subaccounts'));
    expect(await screen.findByRole('table', { name: 'Desk members' })).toBeTruthy();
  });
});
