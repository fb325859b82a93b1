import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src-preload/contract.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { NOW, seedState } from './support/scenarios.ts';
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
    await fireEvent.click(screen.getByRole('button', { name: /^Acknowledge: / }));
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
    expect(screen.getByRole('main').textContent).not.toContain('1,234.56');
    expect(screen.getByText('Details hidden while amounts are hidden.')).toBeTruthy();
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

  it('snoozes the profile and can resume', async () => {
    const { fake } = await renderApp(seedState());
    await openView('alerts');
    await fireEvent.click(screen.getByRole('button', { name: '1 hour' }));
    await waitFor(() => expect(screen.getByText(/Desktop notifications are snoozed until/)).toBeTruthy());
    await fireEvent.click(screen.getByRole('button', { name: 'Resume now' }));
    await waitFor(() => expect(screen.queryByText(/snoozed until/)).toBeNull());
    expect(fake.callsOf('snoozeAlerts')).toEqual([
      { profileId: 'main', minutes: 60 },
      { profileId: 'main', minutes: 0 },
    ]);
  });
});
