import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src-preload/contract.ts';
import { formatDateTime, formatTime } from '../../src-renderer/src/lib/format.ts';
import { FakeBridge } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { NOW, seedState, seedView } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

function alert(id: number, init: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    profileId: 'main',
    profileName: 'Main',
    accountKey: 'flex',
    accountLabel: 'Flex',
    level: 'critical',
    title: `[Main] Margin level 14${id} % - critical`,
    body: 'Margin equity is 1,234.56 USD above maintenance margin.\nAdd collateral or reduce positions now.',
    raisedAt: NOW - id * 60_000,
    notified: true,
    acknowledgedAt: null,
    ...init,
  };
}

function withAlerts(alerts: AlertRecord[]) {
  return { ...seedState(), alerts };
}

describe('Alerts view: the log', () => {
  it('lists alerts newest first with level, title, body and whether they were notified; the nav counts open ones', async () => {
    await renderApp(withAlerts([alert(2, { notified: false }), alert(1, { level: 'warn' }), alert(3, { acknowledgedAt: NOW })]));
    const nav = screen.getByRole('navigation', { name: 'Views' });
    await waitFor(() => expect(within(nav).getByLabelText('2 unacknowledged')).toBeTruthy());
    await openView('alerts');
    const items = within(screen.getByRole('list', { name: 'Alerts, newest first' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.title')?.textContent)).toEqual([
      '[Main] Margin level 141 % - critical',
      '[Main] Margin level 142 % - critical',
      '[Main] Margin level 143 % - critical',
    ]);
    expect(items[0]!.textContent).toContain('Warning');
    expect(items[1]!.textContent).toContain('not notified');
    expect(items[1]!.textContent).toContain('Margin equity is 1,234.56 USD above maintenance margin.');
    expect(items[2]!.textContent).toContain('Acknowledged');
  });

  it('acknowledges an alert through the bridge', async () => {
    const { fake } = await renderApp(withAlerts([alert(1)]));
    await openView('alerts');
    await fireEvent.click(await screen.findByRole('button', { name: /^Acknowledge: / }));
    await waitFor(() => expect(screen.getByText('Acknowledged')).toBeTruthy());
    expect(fake.callsOf('acknowledgeAlert')).toEqual([{ id: 1 }]);
  });

  it("shows main's acknowledgement time, not the renderer's clock", async () => {
    const acknowledgedInMain = NOW - 7 * 60_000;
    await renderApp({ ...withAlerts([alert(1)]), now: () => acknowledgedInMain });
    await openView('alerts');
    await fireEvent.click(await screen.findByRole('button', { name: /^Acknowledge: / }));
    const acknowledged = await screen.findByText('Acknowledged');
    expect(acknowledged.closest('[title]')?.getAttribute('title')).toBe(formatDateTime(acknowledgedInMain));
  });

  it('marks the Acknowledge button busy while the acknowledgement is on its way, keeping it focusable and sending once', async () => {
    const { fake } = await renderApp(withAlerts([alert(1)]));
    fake.hold('acknowledgeAlert');
    await openView('alerts');
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: /^Acknowledge: / });
    await fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'));
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page body.
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    fake.release('acknowledgeAlert');
    await waitFor(() => expect(screen.getByText('Acknowledged')).toBeTruthy());
    expect(fake.callsOf('acknowledgeAlert')).toEqual([{ id: 1 }]);
  });

  it('adds alerts that arrive as events while the view is open', async () => {
    const { fake } = await renderApp(withAlerts([alert(1)]));
    await openView('alerts');
    fake.emit('alert', alert(9, { level: 'liquidation', title: '[Main] Margin level 104 % - liquidation imminent', raisedAt: NOW }));
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Alerts, newest first' })).getAllByRole('listitem')[0]!.textContent).toContain('Liquidation imminent'),
    );
  });

  it('hides alert bodies (they contain amounts) in privacy mode', async () => {
    await renderApp({ ...seedState('live', { privacy: true }), alerts: [alert(1)] });
    await openView('alerts');
    expect(await screen.findByText('Details hidden while amounts are hidden.')).toBeTruthy();
    expect(screen.getByRole('main').textContent).not.toContain('1,234.56');
  });

  it('shows a designed empty state', async () => {
    await renderApp(withAlerts([]));
    await openView('alerts');
    expect(await screen.findByText('No alerts yet')).toBeTruthy();
  });
});

describe('Alerts view: rules and snooze', () => {
  it('refuses thresholds out of order, then saves valid rules through setAlertRules', async () => {
    const { fake } = await renderApp(seedState());
    await openView('alerts');
    const warn = (await screen.findByLabelText('Warn below')) as HTMLInputElement;
    expect(warn.value).toBe('300');
    await fireEvent.input(warn, { target: { value: '120' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(screen.getByText('Must be above the critical threshold.')).toBeTruthy();
    expect(fake.callsOf('setAlertRules')).toEqual([]);

    await fireEvent.input(warn, { target: { value: '250' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: /Quiet hours/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(fake.callsOf('setAlertRules')).toHaveLength(1));
    const [saved] = fake.callsOf('setAlertRules') as { profileId: string; rules: { warnBelowPct: number; quietHours: unknown } }[];
    expect(saved?.profileId).toBe('main');
    expect(saved?.rules.warnBelowPct).toBe(250);
    expect(saved?.rules.quietHours).toEqual({ from: '22:00', to: '07:00' });
    expect(await screen.findByText(/^Saved/)).toBeTruthy();
  });

  it('adds a per-subaccount override that inherits empty fields', async () => {
    const { fake } = await renderApp(seedState());
    await openView('alerts');
    await fireEvent.click(await screen.findByRole('button', { name: /Add override/ }));
    await fireEvent.change(screen.getByLabelText('Subaccount'), { target: { value: '7f5c528e-2285-45f0-95f5-83d53d4bfcd2' } });
    const overrideWarn = document.getElementById('override-0-warnBelowPct') as HTMLInputElement;
    await fireEvent.input(overrideWarn, { target: { value: '400' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(fake.callsOf('setAlertRules')).toHaveLength(1));
    const [saved] = fake.callsOf('setAlertRules') as { rules: { subaccountOverrides: unknown } }[];
    expect(saved?.rules.subaccountOverrides).toEqual({ '7f5c528e-2285-45f0-95f5-83d53d4bfcd2': { warnBelowPct: 400 } });
  });

  it('snoozes the profile, shows the snooze main now holds, and can resume', async () => {
    const { fake } = await renderApp(seedState());
    await openView('alerts');
    await waitFor(() => expect(fake.callsOf('getAlertStatus')).toHaveLength(1));
    expect(screen.queryByText(/Alerts snoozed until/)).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: '1 hour' }));
    expect(await screen.findByText(`Alerts snoozed until ${formatTime(NOW + 60 * 60_000)}`)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Resume now' }));
    await waitFor(() => expect(screen.queryByText(/Alerts snoozed until/)).toBeNull());
    expect(screen.queryByRole('button', { name: 'Resume now' })).toBeNull();
    expect(fake.callsOf('snoozeAlerts')).toEqual([
      { profileId: 'main', minutes: 60 },
      { profileId: 'main', minutes: 0 },
    ]);
    // Each snooze is followed by main's own answer, not the window's guess.
    expect(fake.calls.map((call) => call.name).filter((name) => name === 'snoozeAlerts' || name === 'getAlertStatus')).toEqual([
      'getAlertStatus',
      'snoozeAlerts',
      'getAlertStatus',
      'snoozeAlerts',
      'getAlertStatus',
    ]);
  });

  it('shows a snooze set elsewhere (tray, an earlier session) and an interrupted monitor as soon as the view opens', async () => {
    const fake = new FakeBridge(seedState());
    fake.snoozedUntil.set('main', NOW + 2.5 * 60 * 60_000);
    fake.interrupted.add('main');
    await renderApp(fake);
    await openView('alerts');
    const snooze = screen.getByRole('region', { name: 'Snooze Main' });
    expect(await within(snooze).findByText(`Alerts snoozed until ${formatTime(NOW + 2.5 * 60 * 60_000)}`)).toBeTruthy();
    expect(within(snooze).getByText('Monitoring interrupted')).toBeTruthy();
    await fireEvent.click(within(snooze).getByRole('button', { name: 'Resume now' }));
    await waitFor(() => expect(within(snooze).queryByText(/Alerts snoozed until/)).toBeNull());
    expect(fake.callsOf('snoozeAlerts')).toEqual([{ profileId: 'main', minutes: 0 }]);
  });

  it('does not show a snooze that main says has run out', async () => {
    const fake = new FakeBridge(seedState());
    fake.snoozedUntil.set('main', NOW - 60_000);
    await renderApp(fake);
    await openView('alerts');
    await waitFor(() => expect(fake.callsOf('getAlertStatus')).toEqual([{ profileId: 'main' }]));
    expect(screen.queryByText(/Alerts snoozed until/)).toBeNull();
    expect(screen.queryByText('Monitoring interrupted')).toBeNull();
  });

  it('follows "monitoring interrupted" while open: set by its alert, cleared by fresh figures', async () => {
    const fake = new FakeBridge(seedState());
    await renderApp(fake);
    await openView('alerts');
    await waitFor(() => expect(fake.callsOf('getAlertStatus')).toHaveLength(1));
    const snooze = screen.getByRole('region', { name: 'Snooze Main' });
    expect(within(snooze).queryByText('Monitoring interrupted')).toBeNull();

    fake.interrupted.add('main');
    fake.emit('alert', alert(7, { level: 'interrupted', accountKey: 'profile', title: '[Main] Monitoring interrupted', raisedAt: NOW }));
    expect(await within(snooze).findByText('Monitoring interrupted')).toBeTruthy();

    fake.interrupted.delete('main');
    fake.emit('snapshot', seedView('main'));
    await waitFor(() => expect(within(snooze).queryByText('Monitoring interrupted')).toBeNull());
  });

  it('says so when main cannot tell the alert status', async () => {
    const fake = new FakeBridge(seedState());
    fake.fail('getAlertStatus', { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true });
    await renderApp(fake);
    await openView('alerts');
    expect(await screen.findByText('The local database could not be read.')).toBeTruthy();
    fake.heal('getAlertStatus');
    fake.interrupted.add('main');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Monitoring interrupted')).toBeTruthy();
  });
});
