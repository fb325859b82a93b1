import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

async function updatesCard(fake: FakeBridge): Promise<HTMLElement> {
  await renderApp(fake);
  await openView('settings');
  return screen.getByRole('region', { name: 'Updates' });
}

describe('Settings: updates', () => {
  it('says what the updater is doing as main reports it', async () => {
    const fake = new FakeBridge(seedState());
    fake.update = { kind: 'checking' };
    const card = await updatesCard(fake);
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('Checking for a new version'));

    fake.emit('updateState', { kind: 'downloading', version: '0.2.0', percent: 40 });
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('Downloading version 0.2.0: 40 %.'));

    fake.emit('updateState', {
      kind: 'failed',
      at: 0,
      failure: {
        reason: 'checksumMismatch',
        message: 'Version 0.2.0 did not match its published checksum and was discarded. Nothing was installed.',
        action: 'Margin Desk keeps running with the version you have and checks again in a few hours.',
      },
    });
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('did not match its published checksum'));
    expect(within(card).getByRole('status').textContent).toContain('keeps running with the version you have');
    expect(within(card).queryByRole('button', { name: 'Restart to update' })).toBeNull();
  });

  it('asks before restarting, and says why the restart waits during a critical alert', async () => {
    const fake = new FakeBridge(seedState());
    fake.update = { kind: 'ready', version: '0.2.0' };
    const card = await updatesCard(fake);
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('Version 0.2.0 is downloaded and verified.'));
    expect(fake.callsOf('installUpdate')).toEqual([]);

    fake.installOutcome = 'heldForCriticalAlert';
    await fireEvent.click(within(card).getByRole('button', { name: 'Restart to update' }));
    await waitFor(() => expect(within(card).getByRole('alert').textContent).toContain('the restart waits until it clears'));
    expect(fake.callsOf('installUpdate')).toHaveLength(1);
  });

  it('turns checking off and on through the settings', async () => {
    const fake = new FakeBridge(seedState());
    const card = await updatesCard(fake);
    const toggle = within(card).getByRole('checkbox', { name: /Check for updates/ });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(toggle);
    expect(fake.callsOf('updateSettings')).toEqual([{ checkForUpdates: false }]);
  });

  it('offers "Check now" and shows the state the check ended in', async () => {
    const fake = new FakeBridge(seedState());
    fake.update = { kind: 'upToDate', checkedAt: Date.UTC(2027, 0, 10, 9, 30) };
    const card = await updatesCard(fake);
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('This is the newest version'));
    fake.update = { kind: 'downloading', version: '0.3.0', percent: 0 };
    await fireEvent.click(within(card).getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('Downloading version 0.3.0'));
    expect(fake.callsOf('checkForUpdatesNow')).toHaveLength(1);
  });
});
