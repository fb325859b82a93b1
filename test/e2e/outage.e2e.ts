/**
 * An outage end to end: the exchange stops answering, the active profile turns stale and then
 * offline with the age of its figures shown and the figures kept on screen; the exchange returns and
 * the profile is live again without any user action. Staleness and probing are shortened (the
 * policy under test is the same, only its constants differ).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';

afterAll(closeBrowser);

describe('outage', () => {
  it('goes live → stale → offline keeping the last figures, and back to live by itself', async () => {
    const harness = await startHarness({ monitorTiming: { staleAfterMs: () => 4_000, offlineProbeMs: 2_000 } });
    const { page, app, exchange } = harness;
    try {
      const key = exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
      const profile = await app.profiles.create({ name: 'Main', colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, refreshSeconds: 5, ...key });
      app.activate(profile.id);
      const chip = page.locator('main .chip[data-state]').first();
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
      // The figure rows as shown: they must stay exactly as they were through the outage.
      const figures = async () => (await page.locator('main').innerText()).split('\n').filter((line) => /USD$/.test(line.trim())).join('\n');
      const before = await figures();
      expect(before).toMatch(/\d/);

      await harness.stopExchange();
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 15_000 }).toBe('stale');
      await expect.poll(() => chip.textContent()).toMatch(/data \d+ sec/);
      await harness.screenshot('outage-stale');
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
      expect(await page.locator('[data-outdated="true"]').count()).toBeGreaterThan(0);
      expect(await figures()).toBe(before);
      await harness.screenshot('outage-offline');

      await harness.restartExchange();
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
      expect(await page.locator('[data-outdated="true"]').count()).toBe(0);
    } finally {
      await harness.close();
    }
  });
});
