/**
 * Reflow (WCAG 1.4.10) and 200 % zoom: at 320 CSS px wide (a 1280 px window at 400 %) and at
 * 640 × 410 (the default window at 200 %), no view scrolls sideways, "Refresh now" is whole on screen,
 * the profile switcher's buttons keep their size, and the navigation reaches every view. Tables may
 * scroll inside their own region (two-dimensional content is exempt); the page and the view may not.
 * Screenshots of each view at both sizes go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';

afterAll(closeBrowser);

const SIZES = [
  { name: '320px', width: 320, height: 640, scale: 1 },
  { name: 'zoom-200', width: 640, height: 410, scale: 2 },
] as const;

interface Layout {
  readonly pageOverflow: number;
  readonly mainOverflow: number;
  readonly refreshVisible: boolean;
  readonly switcherWidths: number[];
}

async function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const main = document.getElementById('main')!;
    const refresh = [...document.querySelectorAll('footer button')].find((button) => button.textContent?.includes('Refresh now'));
    const box = refresh?.getBoundingClientRect();
    return {
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      mainOverflow: main.scrollWidth - main.clientWidth,
      refreshVisible: box !== undefined && box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight && box.width > 40,
      switcherWidths: [...document.querySelectorAll('[aria-label="Switch profile"] button')].map((button) => button.getBoundingClientRect().width),
    };
  });
}

describe('reflow', () => {
  it.each(SIZES)('no view scrolls sideways at $name, nothing needed is clipped', async (size) => {
    const harness = await startHarness({ subaccounts: 40 });
    const { page, app, exchange } = harness;
    try {
      await page.getByRole('button', { name: 'Add sample profile' }).click();
      await expect.poll(() => page.getByTestId('data-age').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      const key = exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
      const master = await app.profiles.create({ name: 'Master', colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
      await app.scheduler.refreshNow(master.id);
      await page.setViewportSize({ width: size.width, height: size.height });
      const nav = page.getByRole('navigation', { name: 'Views' });
      const views = (await nav.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('title') ?? ''))).filter(Boolean);
      expect(views.length).toBeGreaterThanOrEqual(7);
      const problems: string[] = [];
      for (const profile of ['Sample', 'Master']) {
        await page.getByRole('group', { name: 'Switch profile' }).getByRole('button', { name: new RegExp(profile) }).click();
        for (const view of views) {
          await nav.getByRole('button', { name: view }).click();
          await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain(view);
          await page.waitForLoadState('networkidle');
          const seen = await layout(page);
          const where = `${profile} · ${view}`;
          if (seen.pageOverflow > 0) problems.push(`${where}: the page scrolls ${seen.pageOverflow}px sideways`);
          if (seen.mainOverflow > 0) problems.push(`${where}: the view scrolls ${seen.mainOverflow}px sideways`);
          if (!seen.refreshVisible) problems.push(`${where}: "Refresh now" is clipped`);
          if (seen.switcherWidths.some((width) => width < 40)) problems.push(`${where}: a profile button is ${Math.min(...seen.switcherWidths)}px wide`);
          await page.screenshot({ path: `test-results/screenshots/reflow-${size.name}-${profile.toLowerCase()}-${view.toLowerCase().replace(/ /g, '-')}.png` });
        }
      }
      expect(problems.join('\n')).toBe('');
    } finally {
      await harness.close();
    }
  });

  it('keeps the longest health words ("Liquidation imminent") inside a 320px window', async () => {
    const harness = await startHarness();
    const { page, app, exchange } = harness;
    try {
      exchange.openPosition({ symbol: 'pf_xbtusd', size: '6', entryPrice: '64250.5' });
      const key = exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
      const master = await app.profiles.create({ name: 'Master', colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
      exchange.setMarkPrice('pf_xbtusd', '57000');
      await app.scheduler.refreshNow(master.id);
      app.activate(master.id);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.getByText('Liquidation imminent').first().waitFor({ timeout: 15_000 });
      const seen = await layout(page);
      expect({ page: seen.pageOverflow, view: seen.mainOverflow }).toEqual({ page: 0, view: 0 });
    } finally {
      await harness.close();
    }
  });
});
