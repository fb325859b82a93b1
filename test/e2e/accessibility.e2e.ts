/**
 * WCAG 2.2 AA by axe-core over every view and state a trader meets: light and dark, live, stale,
 * offline, a refused key, privacy, 1,000 subaccounts with the detail pane open, the add-profile form
 * open with its errors shown. axe runs in an isolated world, under the app's unchanged CSP. The views
 * are the navigation's own buttons, so a view added later is covered without touching this file.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness, type Harness } from './support/app-harness.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { READ_ONLY } from './support/read-only-profile.ts';

afterAll(closeBrowser);

/** The views as the navigation lists them. */
async function navigationViews(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('button').first().waitFor();
  return (await nav.getByRole('button').allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
}

async function show(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: false }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain(view);
  // Lazily loaded charts and tables settle within a frame or two.
  await page.waitForLoadState('networkidle');
}

/** axe over the page as it is now; the findings are collected with where they were seen. */
async function audit(page: Page, where: string, findings: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) findings.push(`${where}:\n${describeViolations(violations)}`);
}

async function auditEveryView(page: Page, state: string, findings: string[]): Promise<void> {
  for (const view of await navigationViews(page)) {
    await show(page, view);
    await audit(page, `${state} · ${view}`, findings);
  }
}

async function krakenProfile(harness: Harness, name: string, refreshSeconds?: number) {
  const key = harness.exchange.addKey({ permissions: READ_ONLY });
  const profile = await harness.app.profiles.create({ name, colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, refreshSeconds, ...key });
  harness.app.activate(profile.id);
  await harness.page.locator('[data-profile-id]').first().waitFor({ timeout: 20_000 });
  return profile;
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it.each(['light', 'dark'] as const)('every view live, in privacy mode, and with the add form open and its errors shown (%s)', async (colorScheme) => {
    const harness = await startHarness({ colorScheme });
    const { page } = harness;
    const findings: string[] = [];
    try {
      await audit(page, 'first start', findings);
      await page.getByRole('button', { name: 'Add sample profile' }).click();
      await expect.poll(() => page.getByTestId('data-age').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      await auditEveryView(page, `${colorScheme} live`, findings);

      await show(page, 'Profiles');
      await page.getByRole('button', { name: 'Add profile' }).first().click();
      await audit(page, `${colorScheme} add form open`, findings);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.locator('form .problem').first().waitFor();
      await audit(page, `${colorScheme} add form with errors`, findings);

      await page.keyboard.press('Control+Shift+P');
      await expect.poll(() => page.locator('main').innerText()).toContain('Amounts hidden');
      await auditEveryView(page, `${colorScheme} privacy`, findings);
      expect(findings.join('\n\n')).toBe('');
    } finally {
      await harness.close();
    }
  });

  it.each(['light', 'dark'] as const)('every view stale, then offline (%s)', async (colorScheme) => {
    const harness = await startHarness({ colorScheme, monitorTiming: { staleAfterMs: () => 3_000, offlineProbeMs: 60_000 } });
    const { page } = harness;
    const findings: string[] = [];
    try {
      await krakenProfile(harness, 'Main', 5);
      const chip = page.locator('main .chip[data-state]').first();
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
      await harness.stopExchange();
      await expect.poll(() => chip.getAttribute('data-state'), { timeout: 15_000 }).toBe('stale');
      harness.app.scheduler.pause();
      await auditEveryView(page, `${colorScheme} stale`, findings);
      harness.app.scheduler.resume();
      await expect.poll(() => page.locator('main .chip[data-state]').first().getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
      await auditEveryView(page, `${colorScheme} offline`, findings);
      expect(findings.join('\n\n')).toBe('');
    } finally {
      await harness.close();
    }
  });

  it('a refused key, and 1,000 subaccounts with the detail pane open (light)', async () => {
    const harness = await startHarness({ subaccounts: 1000 });
    const { page, app, exchange } = harness;
    const findings: string[] = [];
    try {
      const profile = await krakenProfile(harness, 'Master');
      await show(page, 'Subaccounts');
      await page.getByRole('table', { name: 'Subaccounts' }).locator('tbody tr[data-uid] button').first().click();
      await audit(page, 'subaccounts with the detail pane', findings);
      exchange.injectFault({ kind: 'errorCode', code: 'authenticationError' }, { endpoint: 'accounts', times: Infinity });
      await app.scheduler.refreshNow(profile.id);
      await expect.poll(() => page.locator('main .chip[data-state]').first().getAttribute('data-state')).toBe('authFailed');
      await auditEveryView(page, 'key refused', findings);
      expect(findings.join('\n\n')).toBe('');
    } finally {
      await harness.close();
    }
  });
});
