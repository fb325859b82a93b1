import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ViewModules, type ViewLoader } from '../../src-renderer/src/state/view-modules.svelte.ts';
import { LAZY_VIEW_LOADERS } from '../../src-renderer/src/views/lazy-views.ts';
import OverviewView from '../../src-renderer/src/views/OverviewView.svelte';
import { FakeBridge } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp, renderAppNow } from './support/render-app.ts';
import { seedProfile, seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

function mainText(): string {
  return screen.getByRole('main').textContent ?? '';
}

/** A loader that answers only when the test says so. */
function gated(loader: ViewLoader): { loader: ViewLoader; open(): void; fail(): void } {
  let open!: () => void;
  let fail!: () => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error('chunk missing'));
  });
  return { loader: async () => (await gate, loader()), open, fail };
}

describe('Start-up', () => {
  it('asks for settings, the profile list and the cached snapshot in one call', async () => {
    const fake = new FakeBridge(seedState());
    fake.hold('openWindow');
    renderAppNow(fake);
    await waitFor(() => expect(fake.callsOf('openWindow')).toHaveLength(1));
    expect(fake.calls.map((call) => call.name)).toEqual(['openWindow']);
    fake.release('openWindow');
    await waitFor(() => expect(mainText()).toContain('34,122.66 USD'));
    expect(fake.calls.map((call) => call.name).filter((name) => name !== 'listAlerts')).toEqual(['openWindow']);
  });

  it('paints no figure until the opening answer is in', async () => {
    const fake = new FakeBridge(seedState('live', { privacy: true }));
    fake.hold('openWindow');
    renderAppNow(fake);
    await waitFor(() => expect(fake.callsOf('openWindow')).toHaveLength(1));
    await tick();
    expect(screen.getByText('Opening your cached figures…')).toBeTruthy();
    expect(document.querySelector('[data-profile-id]')).toBeNull();
    fake.release('openWindow');
    await waitFor(() => expect(document.querySelector('[data-profile-id="main"]')).not.toBeNull());
    expect(mainText()).not.toContain('34,122.66');
    expect(mainText()).toContain('•••••');
  });

  it('keeps a settings change that arrives after the opening answer', async () => {
    const fake = new FakeBridge(seedState());
    const { app } = await renderApp(fake);
    expect(mainText()).toContain('34,122.66 USD');
    // Privacy switched on from the tray just after the window opened.
    fake.emit('settingsChanged', { ...fake.settings, privacyMode: true });
    await waitFor(() => expect(app.settings.privacyMode).toBe(true));
    expect(mainText()).not.toContain('34,122.66');
    expect(mainText()).toContain('•••••');
  });

  it('keeps a settings change made while the opening answer is on its way', async () => {
    const fake = new FakeBridge(seedState());
    fake.hold('openWindow');
    const { app } = renderAppNow(fake);
    await waitFor(() => expect(fake.callsOf('openWindow')).toHaveLength(1));
    // Privacy switched on from the tray before the window has opened: main sends the event, and its
    // answer, which leaves later (main answers in order), holds the new setting too.
    fake.settings = { ...fake.settings, privacyMode: true };
    fake.emit('settingsChanged', fake.settings);
    fake.release('openWindow');
    await waitFor(() => expect(document.querySelector('[data-profile-id="main"]')).not.toBeNull());
    expect(app.settings.privacyMode).toBe(true);
    expect(mainText()).not.toContain('34,122.66');
    expect(mainText()).toContain('•••••');
  });

  it('paints the figures first: the navigation and the status line mount the frame after', async () => {
    // Checked the moment the figures enter the DOM, as the first-paint benchmark does.
    const atFirstFigures = new Promise<{ navigation: boolean; statusLine: boolean }>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-profile-id]') === null) return;
        observer.disconnect();
        resolve({ navigation: document.querySelector('nav') !== null, statusLine: document.querySelector('footer') !== null });
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    renderAppNow(seedState());
    expect(await atFirstFigures).toEqual({ navigation: false, statusLine: false });
    expect(mainText()).toContain('34,122.66 USD');
    expect(await screen.findByRole('navigation', { name: 'Views' })).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('Main');
  });

  it('opens on the first profile and makes it active in main when none is active', async () => {
    const fake = new FakeBridge({ ...seedState(), profiles: [seedProfile('main', 'Main'), seedProfile('p2', 'Second')] });
    fake.activeProfileId = null;
    const { app } = await renderApp(fake);
    // Main picks and activates it while answering openWindow, and its list says so.
    expect(fake.activeProfileId).toBe('main');
    expect(app.activeProfileId).toBe('main');
    expect(fake.callsOf('openWindow')).toHaveLength(1);
    expect(fake.callsOf('activateProfile')).toEqual([]);
    expect(mainText()).toContain('34,122.66 USD');
  });

  it('paints a master’s overview without its subaccounts, then fetches them once painted', async () => {
    const fake = new FakeBridge(seedState('live', { subaccounts: 40 }));
    const full = fake.snapshots.main!;
    fake.hold('getSnapshot');
    const { app } = await renderApp(fake);
    expect(mainText()).toContain('34,122.66 USD');
    // Counted with the subaccounts' figures still to come.
    const watched = within(screen.getByRole('main')).getByText('Accounts watched').nextElementSibling;
    expect(watched?.textContent).toBe(String(full.health.figures.length));
    expect(app.activeSnapshot?.subaccountsFollow).toEqual({ subaccounts: 40, figures: expect.any(Number) });
    await waitFor(() => expect(fake.callsOf('getSnapshot')).toEqual([{ profileId: 'main' }]));
    // The subaccounts view waits for them rather than showing an empty list.
    await openView('subaccounts');
    expect(mainText()).toContain('Loading 40 subaccounts…');
    expect(screen.queryByRole('table', { name: 'Subaccounts' })).toBeNull();
    fake.release('getSnapshot');
    await waitFor(() => expect(screen.getByRole('table', { name: 'Subaccounts' })).toBeTruthy());
    expect(app.activeSnapshot).toEqual(full);
  });

  it('says so when a master’s subaccounts cannot be fetched, and Try again fetches them', async () => {
    const fake = new FakeBridge(seedState('live', { subaccounts: 3 }));
    fake.fail('getSnapshot', { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true });
    await renderApp(fake);
    await waitFor(() => expect(fake.callsOf('getSnapshot')).toHaveLength(1));
    await openView('subaccounts');
    await waitFor(() => expect(mainText()).toContain('The subaccounts could not be loaded'));
    expect(mainText()).toContain('The local database could not be read.');
    // The overview's figures stay.
    await openView('overview');
    expect(mainText()).toContain('34,122.66 USD');
    await openView('subaccounts');
    fake.heal('getSnapshot');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Subaccounts' })).toBeTruthy());
    expect(fake.callsOf('getSnapshot')).toHaveLength(2);
  });

  it('keeps a whole view that arrived while the subaccounts were on their way', async () => {
    const fake = new FakeBridge(seedState('live', { subaccounts: 3 }));
    fake.hold('getSnapshot');
    const { app } = await renderApp(fake);
    await waitFor(() => expect(fake.callsOf('getSnapshot')).toHaveLength(1));
    const newer = { ...fake.snapshots.main!, snapshot: { ...fake.snapshots.main!.snapshot, fetchedAt: fake.snapshots.main!.snapshot.fetchedAt + 10_000 } };
    fake.emit('snapshot', newer);
    await waitFor(() => expect(app.activeSnapshot).toEqual(newer));
    fake.release('getSnapshot');
    await tick();
    await tick();
    expect(app.activeSnapshot).toEqual(newer);
  });

  it('says so when the window cannot be opened, and Try again asks main again', async () => {
    const fake = new FakeBridge(seedState());
    fake.fail('openWindow', { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true });
    renderAppNow(fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Margin Desk could not load its data');
    expect(alert.textContent).toContain('The local database could not be read.');
    expect(document.querySelector('[data-profile-id]')).toBeNull();
    fake.heal('openWindow');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(mainText()).toContain('34,122.66 USD'));
    expect(fake.callsOf('openWindow')).toHaveLength(2);
  });
});

describe('Views load on first visit', () => {
  it('shows a loading state while a view arrives, then the view; a second visit needs no loading', async () => {
    const flex = gated(LAZY_VIEW_LOADERS.flex);
    const views = new ViewModules({ overview: OverviewView }, { ...LAZY_VIEW_LOADERS, flex: flex.loader });
    renderAppNow(seedState(), { views });
    await waitFor(() => expect(mainText()).toContain('34,122.66 USD'));
    const nav = await screen.findByRole('navigation', { name: 'Views' });

    await fireEvent.click(within(nav).getByRole('button', { name: /^Flex collateral/ }));
    expect(within(screen.getByRole('main')).getByRole('status').textContent).toContain('Opening Flex collateral…');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    flex.open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Flex collateral' })).toBeTruthy();

    await fireEvent.click(within(nav).getByRole('button', { name: /^Overview/ }));
    await fireEvent.click(within(nav).getByRole('button', { name: /^Flex collateral/ }));
    // Already loaded: the view is there at once, without a loading state in between.
    expect(screen.getByRole('heading', { level: 1, name: 'Flex collateral' })).toBeTruthy();
  });

  it('says when a view cannot be loaded, and Try again loads it', async () => {
    const broken = gated(LAZY_VIEW_LOADERS.settings);
    let attempts = 0;
    const views = new ViewModules(
      { overview: OverviewView },
      { ...LAZY_VIEW_LOADERS, settings: () => (++attempts === 1 ? broken.loader() : LAZY_VIEW_LOADERS.settings()) },
    );
    renderAppNow(seedState(), { views });
    await waitFor(() => expect(mainText()).toContain('34,122.66 USD'));
    await fireEvent.click(within(await screen.findByRole('navigation', { name: 'Views' })).getByRole('button', { name: /^Settings/ }));
    broken.fail();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The Settings view could not be opened.');
    expect(alert.textContent).toContain('reinstall Margin Desk');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(attempts).toBe(2);
  });

  it('loads each view once, however often it is asked for', async () => {
    let calls = 0;
    const views = new ViewModules({}, { alerts: () => (calls++, LAZY_VIEW_LOADERS.alerts()) });
    await Promise.all([views.load('alerts'), views.load('alerts')]);
    await views.load('alerts');
    expect(calls).toBe(1);
    expect(views.loaded.alerts).toBeTypeOf('function');
    // A view with neither a component nor a loader is left alone.
    await views.load('history');
    expect(views.loaded.history).toBeUndefined();
    expect(views.failed.history).toBeUndefined();
  });
});
