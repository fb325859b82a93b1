/**
 * Alerts end to end: the simulated exchange moves the mark price, the monitor refreshes over signed
 * loopback HTTP, the alert engine raises warn then critical exactly once each, the alerts reach the
 * store's log, the page (Alerts view, live), and can be acknowledged there.
 *
 * The account: a subaccount's own key, 10,000 USD collateral, long 5 BTC entered at 64,000.
 * Margin level = (10,000 + 5 × (P − 64,000)) / (1 % × 5 × P): 350 % at 64,250.5, 297 % at 63,900,
 * 143 % at 62,900.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { addAlertingDesk } from './support/alerting-desk.ts';
import { READ_ONLY } from './support/read-only-profile.ts';

afterAll(closeBrowser);

describe('alerts', () => {
  it('raises warn then critical as the price falls, shows them live and acknowledges them', async () => {
    const harness = await startHarness();
    const { page, app, exchange } = harness;
    try {
      const sub = addAlertingDesk(exchange);
      const key = exchange.addKey({ account: sub.uid, permissions: READ_ONLY });
      const profile = await app.profiles.create({ name: 'Desk', colour: '#e5484d', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
      app.activate(profile.id);
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 15_000 });
      await app.scheduler.refreshNow(profile.id);
      expect(app.store.alertLog.list({ limit: 10 })).toEqual([]);

      for (const [price, level] of [['63900', 'warn'], ['63850', 'warn'], ['62900', 'critical'], ['62850', 'critical']] as const) {
        exchange.setMarkPrice('pf_xbtusd', price);
        await app.scheduler.refreshNow(profile.id);
        expect(app.viewOf(profile.id)?.health.worst?.level).toBe(level);
      }
      const log = app.store.alertLog.list({ limit: 10 });
      expect(log.map((alert) => alert.level)).toEqual(['critical', 'warn']);
      expect(log[0]!.title).toBe('[Desk] Margin level 143 % - critical');

      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Alerts/ }).click();
      await expect.poll(() => page.locator('main').innerText()).toContain('[Desk] Margin level 143 % - critical');
      await harness.screenshot('alerts-critical');
      await page.getByRole('button', { name: 'Acknowledge: [Desk] Margin level 143 % - critical' }).click();
      await expect.poll(() => app.store.alertLog.list({ limit: 10 })[0]!.acknowledgedAt).not.toBeNull();
    } finally {
      await harness.close();
    }
  });
});
