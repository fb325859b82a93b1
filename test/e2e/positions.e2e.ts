/**
 * Positions, the stress view and the distance alert end to end: the built renderer in Chromium,
 * the real handlers, signed HTTP to the simulated exchange on loopback (which serves /instruments
 * and margins its positions by their levels). Screenshots: positions, stress at −20 %, and a
 * distance alert in the Alerts view.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { activeReadOnlyProfile } from './support/read-only-profile.ts';
import { showView } from './support/show-view.ts';

afterAll(closeBrowser);

describe('positions and liquidation risk', () => {
  it('shows every position with its liquidation price, the stress view at −20 % and a distance alert', async () => {
    const harness = await startHarness({ subaccounts: 40, colorScheme: 'light' });
    const { page, app, exchange } = harness;
    try {
      // Besides the harness's long 2 BTC in flex: a short ETH, and an inverse wallet Kraken estimates itself.
      exchange.openPosition({ symbol: 'pf_ethusd', size: '-12', entryPrice: '3150' });
      exchange.setWalletBalance('xbt', '0.05');
      exchange.openPosition({ symbol: 'pi_xbtusd', size: '10000', entryPrice: '61000' });
      const profile = await activeReadOnlyProfile(harness, 'Desk');
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 15_000 });

      await showView(page, 'Positions');
      const table = page.getByRole('table', { name: 'Open positions' });
      await table.locator('tbody tr[data-symbol="pf_xbtusd"]').waitFor();
      const text = await table.innerText();
      for (const expected of ['PF_XBTUSD', 'PF_ETHUSD', 'PI_XBTUSD', 'Estimate', "Kraken's estimate"]) expect(text).toContain(expected);
      await harness.screenshot('positions');

      await showView(page, 'Stress test');
      await page.getByRole('button', { name: /^[-−]20\s?%$/ }).click();
      await expect.poll(() => page.locator('output').first().textContent()).toMatch(/[-−]20\s?%/);
      const stress = page.getByRole('table', { name: 'Accounts after the move' });
      await stress.locator('tbody tr[data-account="flex"]').waitFor();
      expect(await stress.locator('tbody tr[data-account]').count()).toBeGreaterThan(10);
      await harness.screenshot('stress-minus-20');

      // The distance rule at 10 %: BTC moved to 5 % above the flex account's estimated liquidation price.
      app.setAlertRules(profile.id, { ...app.alertRules(profile.id), nearLiquidationPct: 10 });
      const btc = app.viewOf(profile.id)?.risk?.positions.find((row) => row.symbol === 'pf_xbtusd');
      if (btc?.liquidation.source !== 'estimate') throw new Error('no estimate for PF_XBTUSD');
      const near = (Number(btc.liquidation.price) * 1.05).toFixed(1);
      exchange.setMarkPrice('pf_xbtusd', near);
      await app.scheduler.refreshNow(profile.id);
      const alert = app.store.alertLog.list({ limit: 10 }).find((record) => record.accountKey === 'position:flex:pf_xbtusd');
      expect(alert?.title).toMatch(/^\[Desk\] PF_XBTUSD \d+(\.\d+)? % from liquidation$/);
      expect(alert?.body).toContain('Estimated liquidation price (Margin Desk)');

      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Alerts/ }).click();
      await expect.poll(() => page.locator('main').innerText()).toContain('PF_XBTUSD');
      await harness.screenshot('alert-distance');
    } finally {
      await harness.close();
    }
  });
});
