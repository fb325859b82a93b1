/**
 * A Futures key profile (REST, polled) and a Kraken API key profile (Unified WebSocket, streamed)
 * on the same simulated account, through the real handlers in Chromium: the overview and the flex
 * view show identical figures. Screenshots of both go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { showView } from './support/show-view.ts';

afterAll(closeBrowser);

/** The figures of a view, without what legitimately differs: the profile's name, source and data age. */
async function figuresOf(page: Page, name: string): Promise<string> {
  const lines = (await page.locator('main').innerText()).replaceAll(name, '').split('\n');
  // The age of the figures ("· data now", the Data age field) differs by when each profile was shown.
  return lines.filter((line, i) => !/^· data /.test(line) && !/^data age$/i.test(line) && !/^data age$/i.test(lines[i - 1] ?? '')).join('\n');
}

describe('REST and Unified WebSocket profiles of one account', () => {
  it('show identical figures', async () => {
    const harness = await startHarness({ colorScheme: 'light' });
    const { page, exchange, app } = harness;
    try {
      exchange.setMarkPrice('pf_xbtusd', '64000');
      const rest = await app.profiles.create({ name: 'Futures key', colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...exchange.addKey() });
      const uws = await app.profiles.create({
        name: 'Kraken API key',
        colour: '#12a150',
        baseUrl: harness.exchangeUrl,
        streamUrl: harness.exchangeStreamUrl,
        ...exchange.addKey(),
      });
      const shots: Record<string, string> = {};
      for (const [profile, label] of [[rest, 'rest'], [uws, 'uws']] as const) {
        app.activate(profile.id);
        await expect.poll(() => app.viewOf(profile.id)?.status.state, { timeout: 20_000 }).toBe('live');
        await showView(page, 'Overview');
        await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('Margin equity');
        shots[`overview-${label}`] = await figuresOf(page, profile.name);
        await harness.screenshot(`uws-vs-rest-overview-${label}`);
        await showView(page, 'Flex collateral');
        shots[`flex-${label}`] = await figuresOf(page, profile.name);
        await harness.screenshot(`uws-vs-rest-flex-${label}`);
      }
      expect(shots['flex-uws']).toEqual(shots['flex-rest']);
      expect(shots['overview-uws']).toEqual(shots['overview-rest']);
    } finally {
      await harness.close();
    }
  });
});
