import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Decimal, SnapshotView } from '../../src-preload/contract.ts';
import type { FakeState } from './support/fake-bridge.ts';
import { FakeBridge } from './support/fake-bridge.ts';
import { renderApp } from './support/render-app.ts';
import { NOW, seedProfile, seedView } from './support/scenarios.ts';
import { statusOf, syntheticFlex, viewOf } from './support/seed.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

/** The seed snapshot with a flex account of `equity` USD, so each profile reads differently. */
function viewWithEquity(profileId: string, equity: string): SnapshotView {
  const base = seedView(profileId);
  const flex = { ...syntheticFlex(equity, null), marginEquity: equity as Decimal };
  return viewOf({ ...base.snapshot, accounts: { ...base.snapshot.accounts, flex } }, base.status);
}

function threeProfiles(): FakeState {
  return {
    profiles: [seedProfile('main', 'Main'), seedProfile('p2', 'Second'), seedProfile('p3', 'Third')],
    activeProfileId: 'main',
    snapshots: { main: seedView('main'), p2: viewWithEquity('p2', '50000'), p3: viewWithEquity('p3', '72000.5') },
    now: () => NOW,
  };
}

function flexSummary(): string {
  return screen.getByRole('region', { name: 'Flex collateral' }).textContent ?? '';
}

function activeSwitch(): string | null {
  const group = screen.getByRole('group', { name: 'Switch profile' });
  return within(group).getAllByRole('button').find((button) => button.getAttribute('aria-pressed') === 'true')?.textContent ?? null;
}

describe('Profile switching', () => {
  it('switches with Ctrl+2 and Ctrl+3, calling activateProfile and painting the cached snapshot', async () => {
    const { fake } = await renderApp(threeProfiles());
    expect(flexSummary()).toMatch(/Margin equity\s*34,122\.66 USD/);

    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    await waitFor(() => expect(flexSummary()).toMatch(/Margin equity\s*50,000\.00 USD/));
    expect(fake.callsOf('activateProfile')).toEqual([{ id: 'p2' }]);
    expect(activeSwitch()).toContain('Second');

    await fireEvent.keyDown(window, { key: '3', code: 'Digit3', metaKey: true });
    await waitFor(() => expect(flexSummary()).toMatch(/Margin equity\s*72,000\.50 USD/));
    expect(screen.getByRole('contentinfo').textContent).toContain('Third');
  });

  it('paints a snapshot it already holds before activateProfile answers', async () => {
    const fake = new FakeBridge(threeProfiles());
    await renderApp(fake);
    // Main pushes snapshots of every monitored profile; the window keeps them.
    fake.emit('snapshot', viewWithEquity('p2', '61000'));
    fake.hold('activateProfile');
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    expect(flexSummary()).toMatch(/Margin equity\s*61,000\.00 USD/);
    fake.release('activateProfile');
    // activateProfile's cached snapshot replaces it once it answers.
    await waitFor(() => expect(flexSummary()).toMatch(/Margin equity\s*50,000\.00 USD/));
  });

  it('ignores shortcuts for profiles that do not exist and shortcuts with Alt', async () => {
    const { fake } = await renderApp(threeProfiles());
    await fireEvent.keyDown(window, { key: '9', code: 'Digit9', ctrlKey: true });
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true, altKey: true });
    expect(fake.callsOf('activateProfile')).toEqual([]);
    expect(activeSwitch()).toContain('Main');
  });

  it('switches by clicking a profile in the switcher', async () => {
    const { fake } = await renderApp(threeProfiles());
    await fireEvent.click(within(screen.getByRole('group', { name: 'Switch profile' })).getByRole('button', { name: /Third/ }));
    await waitFor(() => expect(flexSummary()).toMatch(/Margin equity\s*72,000\.50 USD/));
    expect(fake.callsOf('activateProfile')).toEqual([{ id: 'p3' }]);
  });

  it('follows snapshot and status events for the active profile', async () => {
    const { fake } = await renderApp(threeProfiles());
    fake.emit('snapshot', viewWithEquity('main', '12345.67'));
    await waitFor(() => expect(flexSummary()).toMatch(/Margin equity\s*12,345\.67 USD/));
    fake.emit('profileStatus', statusOf('main', 'refreshing', NOW - 30_000, NOW));
    await waitFor(() => expect(screen.getByRole('contentinfo').textContent).toContain('Refreshing'));
  });

  it('obeys navigate requests: view, profile and account', async () => {
    const state = threeProfiles();
    state.snapshots!.p2 = seedView('p2');
    const { fake } = await renderApp(state);
    fake.emit('navigate', { view: 'subaccounts', profileId: 'p2', accountKey: 'sub:7f5c528e-2285-45f0-95f5-83d53d4bfcd2' });
    await screen.findByRole('heading', { level: 1, name: 'Subaccounts' });
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'fullname redacted' })).toBeTruthy());
    expect(fake.callsOf('activateProfile')).toEqual([{ id: 'p2' }]);
  });
});
