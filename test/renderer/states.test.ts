import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ViewName } from '../../src-preload/contract.ts';
import { FakeBridge } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp, renderAppNow } from './support/render-app.ts';
import { NOW, seedProfile, seedState, seedView } from './support/scenarios.ts';
import { statusOf } from './support/seed.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

const DATA_VIEWS: ViewName[] = ['overview', 'flex', 'subaccounts', 'history'];
const ALL_VIEWS: ViewName[] = [...DATA_VIEWS, 'alerts', 'profiles', 'settings'];

describe('Stale, offline and failed states are visible on every view', () => {
  it('offline: the chip and the reason on every view, figures kept but dimmed', async () => {
    await renderApp(seedState('offline'));
    for (const view of ALL_VIEWS) {
      const heading = await openView(view);
      const header = heading.closest('header')!;
      expect(header.textContent).toContain('Offline');
      expect(header.textContent).toContain('Kraken cannot be reached. Showing the last known figures.');
      expect(header.textContent).toContain('Figures are from 30 sec. ago');
      expect(header.textContent).toContain('Check the network connection.');
      if (DATA_VIEWS.includes(view)) {
        expect(heading.closest('section')!.querySelector('[data-outdated="true"]')).not.toBeNull();
      }
    }
    await openView('overview');
    expect(screen.getByRole('main').textContent).toContain('34,122.66 USD');
  });

  it.each([
    ['stale', 'Stale', 'The last refresh is too old.'],
    ['authFailed', 'Key refused', 'Kraken refused the API key.'],
    ['keychainLocked', 'Keychain locked', 'Unlock it to resume.'],
  ] as const)('%s: says so in words', async (state, label, words) => {
    await renderApp(seedState(state));
    const header = screen.getByRole('heading', { level: 1, name: 'Overview' }).closest('header')!;
    expect(header.textContent).toContain(label);
    expect(header.textContent).toContain(words);
    expect(screen.getByRole('contentinfo').textContent).toContain(label);
  });

  it('offline: health reads "last known" with its age, never a current-looking "Healthy"; the status line counts down to nothing', async () => {
    await renderApp(seedState('offline'));
    const banner = screen.getByRole('region', { name: /^Margin health/ });
    expect(banner.textContent).toContain('last known, 30 sec. ago');
    expect(banner.querySelector('.headline')!.textContent).toMatch(/^647%\s*Was: Healthy$/);
    for (const badge of screen.getByRole('main').querySelectorAll('.pill.figure')) expect(badge.textContent).toContain('last known');
    const status = screen.getByRole('contentinfo').textContent ?? '';
    expect(status).toContain('trying to reach Kraken');
    expect(status).not.toContain('next refresh');
  });

  it('live data is not dimmed and has no warning strip', async () => {
    await renderApp(seedState('live'));
    expect(screen.getByRole('main').querySelector('[data-outdated="true"]')).toBeNull();
    expect(screen.queryByText(/Showing the last known figures/)).toBeNull();
  });

  it('figures that could not be saved say so on every view, beside figures that stay current', async () => {
    const fake = new FakeBridge({ ...seedState('live'), now: () => NOW });
    await renderApp(fake);
    fake.emit('snapshot', {
      ...seedView('main'),
      storageProblem: {
        kind: 'storageFailed',
        message: 'The latest figures could not be saved (the disk is full).',
        action: 'Free some disk space.',
        retryable: true,
      },
    });
    for (const view of ALL_VIEWS) {
      const header = (await openView(view)).closest('header')!;
      await waitFor(() => expect(header.textContent).toContain('The latest figures could not be saved (the disk is full). Free some disk space.'));
    }
    expect(screen.getByRole('main').querySelector('[data-outdated="true"]')).toBeNull();
  });

  it('the data age ticks with the clock', async () => {
    await renderApp(seedState('live'));
    expect(screen.getByTestId('data-age').textContent).toContain('30 sec. ago');
    vi.setSystemTime(NOW + 5 * 60_000);
    await waitFor(() => expect(screen.getByTestId('data-age').textContent).toContain('5 min. ago'), { timeout: 2500 });
  });
});

describe('Loading, empty, error and sample states', () => {
  it('waiting for the first snapshot, then showing it when it arrives', async () => {
    const fake = new FakeBridge({ profiles: [seedProfile('main', 'Main', 'refreshing')], activeProfileId: 'main', now: () => NOW });
    await renderApp(fake);
    expect(screen.getByText('Fetching the first figures for Main…')).toBeTruthy();
    fake.emit('snapshot', seedView('main'));
    await waitFor(() => expect(screen.getByRole('main').textContent).toContain('34,122.66 USD'));
  });

  it('no snapshot and a failed refresh: the error says what happened and what to do', async () => {
    const profile = seedProfile('main', 'Main', 'authFailed');
    const status = { ...statusOf('main', 'authFailed', null, NOW), lastError: { kind: 'authenticationError' as const, message: 'Kraken refused this key.', action: 'Replace the credentials in Profiles.', retryable: false } };
    await renderApp({ profiles: [{ ...profile, status }], activeProfileId: 'main', now: () => NOW });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('No figures yet');
    expect(alert.textContent).toContain('Kraken refused this key.');
    expect(alert.textContent).toContain('Replace the credentials in Profiles.');
  });

  it('a failed start-up load is shown with a way to try again', async () => {
    const fake = new FakeBridge(seedState());
    fake.fail('openWindow', { kind: 'databaseUnavailable', message: 'The local database could not be opened.', action: 'Restart Margin Desk.', retryable: true });
    // Not renderApp: it waits for a successful load.
    renderAppNow(fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Margin Desk could not load its data');
    expect(alert.textContent).toContain('The local database could not be opened.');
    fake.heal('openWindow');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('main').textContent).toContain('34,122.66 USD'));
  });

  it('a failed refresh keeps the figures on screen under the error', async () => {
    const fake = new FakeBridge(seedState());
    fake.fail('refreshNow', { kind: 'apiLimitExceeded', message: 'Kraken is limiting requests from this key.', action: 'Wait a minute; refreshes resume on their own.', retryable: true });
    await renderApp(fake);
    await fireEvent.click(screen.getByRole('button', { name: /Refresh now/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Refresh failed');
    expect(alert.textContent).toContain('Kraken is limiting requests from this key.');
    expect(alert.textContent).toContain('Wait a minute; refreshes resume on their own.');
    expect(screen.getByRole('main').textContent).toContain('34,122.66 USD');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a failed switch keeps the current profile and its figures', async () => {
    const fake = new FakeBridge({ ...seedState(), profiles: [seedProfile('main', 'Main'), seedProfile('p2', 'Second')] });
    fake.fail('activateProfile', { kind: 'keychainUnavailable', message: 'The system keychain is locked.', action: 'Unlock it and try again.', retryable: true });
    await renderApp(fake);
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', ctrlKey: true });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not switch profile');
    expect(alert.textContent).toContain('Unlock it and try again.');
    expect(screen.getByRole('contentinfo').textContent).toContain('Main');
    expect(screen.getByRole('main').textContent).toContain('34,122.66 USD');
  });

  it('history: a failed load keeps the previous chart data under the error', async () => {
    const fake = new FakeBridge(seedState());
    await renderApp(fake);
    await openView('history');
    await waitFor(() => expect(screen.getByRole('figure', { name: 'Margin equity' }).textContent).toContain('over 96 points'));
    fake.fail('getHistory', { kind: 'databaseUnavailable', message: 'History could not be read.', action: 'Try again in a moment.', retryable: true });
    await fireEvent.click(screen.getByRole('radio', { name: '7d' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('History could not be read.');
    expect(screen.getByRole('figure', { name: 'Margin equity' }).textContent).toContain('over 96 points');
  });

  it('the sample profile is marked SAMPLE DATA on every view', async () => {
    const state = seedState();
    state.profiles = [{ ...state.profiles![0]!, kind: 'sample', keychain: 'notNeeded' }];
    state.snapshots = { main: { ...seedView('main'), sample: true } };
    await renderApp(state);
    for (const view of ALL_VIEWS) {
      const heading = await openView(view);
      expect(heading.closest('header')!.textContent).toContain('SAMPLE DATA');
    }
    expect(screen.getByRole('contentinfo').textContent).toContain('SAMPLE DATA');
  });
});
