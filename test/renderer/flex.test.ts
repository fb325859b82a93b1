import { screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { openView, rowOf } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

describe('Flex collateral with the seed /accounts example', () => {
  it('lists every currency exactly: quantity, USD value, collateral value, implied haircut, available', async () => {
    await renderApp(seedState());
    await openView('flex');
    const table = screen.getByRole('table', { name: 'Collateral by currency' });

    const btc = rowOf(table, 'BTC').textContent ?? '';
    expect(btc).toContain('0.1185308247 BTC');
    expect(btc).toContain('4,998.72 USD');
    expect(btc).toContain('4,886.50 USD');
    expect(btc).toContain('2.245%');

    const usd = rowOf(table, 'USD').textContent ?? '';
    expect(usd).toContain('5,000 USD');
    expect(usd).toContain('5,000.00 USD');
    expect(usd).toContain('0%');

    // 1 − 4886.906656949836 / 4999.137289089901: Kraken's EUR haircut, 2.245 %.
    const eur = rowOf(table, 'EUR').textContent ?? '';
    expect(eur).toContain('4,540.5837374453 EUR');
    expect(eur).toContain('4,999.14 USD');
    expect(eur).toContain('4,886.91 USD');
    expect(eur).toContain('2.245%');

    // The listed values summed exactly: 4998.721054420551 + 5000 + 4999.137289089901.
    expect(rowOf(table, 'Sum').textContent).toContain('14,997.86 USD');
  });

  it('shows all account totals with their currency', async () => {
    await renderApp(seedState());
    await openView('flex');
    const totals = screen.getByRole('region', { name: 'Account totals' }).textContent ?? '';
    expect(totals).toMatch(/Balance value\D*34,995\.52 USD/);
    expect(totals).toMatch(/Portfolio value\D*34,995\.52 USD/);
    expect(totals).toMatch(/Collateral value\D*34,122\.66 USD/);
    expect(totals).toMatch(/Margin equity\D*34,122\.66 USD/);
    expect(totals).toMatch(/Available margin\D*34,122\.66 USD/);
    expect(totals).toMatch(/Initial margin with orders\D*0\.00 USD/);
    expect(totals).toMatch(/Maintenance margin\D*0\.00 USD/);
  });

  it('draws the margin gauge and the composition with text alternatives', async () => {
    await renderApp(seedState());
    await openView('flex');
    expect(screen.getByRole('img', { name: 'Margin equity: no margin in use.' })).toBeTruthy();
    const composition = screen.getByRole('img', { name: /^Collateral composition by USD value/ });
    expect(composition.getAttribute('aria-label')).toContain('BTC 33.3%, USD 33.3%, EUR 33.3%');
    expect(screen.getByRole('region', { name: 'Margin' }).textContent).toContain('No margin used');
  });
});
