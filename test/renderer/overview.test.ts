import { screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

describe('Overview with the seed accounts', () => {
  it('shows the worst figure, its buffer and the data age in the health banner', async () => {
    await renderApp(seedState());
    const banner = screen.getByRole('region', { name: 'Margin health' });
    // fi_xbtusd: pv / mm = 153.73891563 / 23.76 = 6.4704… → 647 %; buffer pv − mm in BTC.
    expect(banner.textContent).toContain('647%');
    expect(banner.textContent).toContain('fi_xbtusd');
    expect(banner.textContent).toContain('129.97891563 BTC');
    expect(banner.textContent).toContain('30 sec. ago');
  });

  it('lists cash balances exactly, with their currency', async () => {
    await renderApp(seedState());
    const cash = screen.getByRole('table', { name: 'Cash account balances' });
    expect(cash.textContent).toContain('141.31756797 BTC');
    expect(cash.textContent).toContain('52,465.1254 XRP');
  });

  it('shows the single-collateral wallet: pv, pnl, af, margin bar and the liquidation price against the mark', async () => {
    await renderApp(seedState());
    const wallet = screen.getByRole('article', { name: /fi_xbtusd/ });
    const text = wallet.textContent ?? '';
    expect(text).toContain('153.73891563 BTC');
    expect(text).toContain('+12.42134766 BTC');
    expect(text).toContain('100.73891563 BTC');
    expect(text).toContain('52.8 BTC');
    expect(text).toContain('23.76 BTC');
    expect(text).toContain('3,000 USD');
    expect(text).toContain('4,125.5 USD');
    // (3000 − 4125.5) / 4125.5 = −27.281…%, truncated by main to two places.
    expect(text).toContain('-27.28%');
    expect(text).toContain('price must fall');
    expect(screen.getByRole('img', { name: /Portfolio value: Initial margin is 34.3% of it, Maintenance margin is 15.5% of it/ })).toBeTruthy();
  });

  it('summarises the flex account with exact USD figures', async () => {
    await renderApp(seedState());
    const flex = screen.getByRole('region', { name: 'Flex collateral' });
    expect(flex.textContent).toContain('34,122.66 USD');
    expect(flex.textContent).toContain('No margin used');
  });

  it('shows the status line with the profile, its state and the age of its data', async () => {
    await renderApp(seedState());
    const status = screen.getByRole('contentinfo');
    expect(status.textContent).toContain('Main');
    expect(status.textContent).toContain('Live');
    expect(screen.getByTestId('data-age').textContent).toContain('updated 30 sec. ago');
  });
});
