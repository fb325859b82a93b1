import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

const AMOUNTS = ['34,122.66', '153.73891563', '141.31756797', '52,465.1254', '129.97891563', '3,000', '4,125.5'];

function mainText(): string {
  return screen.getByRole('main').textContent ?? '';
}

describe('Privacy mode', () => {
  it('replaces every amount by a fixed mask while ratios and health colours stay', async () => {
    await renderApp(seedState('live', { privacy: true }));
    const text = mainText();
    for (const amount of AMOUNTS) expect(text).not.toContain(amount);
    expect(text).toContain('•••••');
    expect(text).toContain('647%');
    expect(text).toContain('-27.28%');
    expect(screen.getByRole('region', { name: 'Margin health' }).className).toContain('tone-ok');
    await openView('flex');
    expect(mainText()).not.toContain('0.1185308247');
    expect(mainText()).toContain('2.245%');
    await openView('subaccounts');
    expect(mainText()).not.toContain('13,662.85078');
    expect(mainText()).not.toContain('1,543.91');
  });

  it('toggles with Ctrl+Shift+P and persists through updateSettings', async () => {
    const { fake } = await renderApp(seedState());
    expect(mainText()).toContain('34,122.66 USD');
    await fireEvent.keyDown(window, { key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(mainText()).not.toContain('34,122.66'));
    expect(fake.callsOf('updateSettings')).toEqual([{ privacyMode: true }]);
    expect(screen.getByRole('button', { name: 'Hide amounts' }).getAttribute('aria-pressed')).toBe('true');

    await fireEvent.click(screen.getByRole('button', { name: 'Hide amounts' }));
    await waitFor(() => expect(mainText()).toContain('34,122.66 USD'));
    expect(fake.callsOf('updateSettings')).toEqual([{ privacyMode: true }, { privacyMode: false }]);
  });

  it('keeps amounts hidden when saving the setting fails, and says so', async () => {
    const fake = new FakeBridge(seedState());
    fake.fail('updateSettings', { kind: 'databaseUnavailable', message: 'Settings could not be saved.', action: 'Restart Margin Desk.', retryable: true });
    await renderApp(fake);
    await fireEvent.keyDown(window, { key: 'p', code: 'KeyP', metaKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByText('Settings could not be saved.')).toBeTruthy());
    expect(screen.getByText('Restart Margin Desk.')).toBeTruthy();
    expect(mainText()).not.toContain('34,122.66');
  });

  it('masks amounts in the history data table but not the margin level', async () => {
    await renderApp(seedState('live', { privacy: true }));
    await openView('history');
    const equity = await screen.findByRole('figure', { name: 'Margin equity' });
    await fireEvent.click(equity.querySelector('summary')!);
    await waitFor(() => expect(equity.querySelector('table')).not.toBeNull());
    expect(equity.querySelector('tbody')?.textContent).toContain('•••••');
    expect(equity.textContent).not.toMatch(/\d{2},\d{3}\.\d{2} USD/);
    const health = screen.getByRole('figure', { name: 'Health figure (margin level)' });
    expect(health.textContent).toMatch(/latest \d+(\.\d)?%/);
  });
});
