/**
 * The views end to end, through the real handlers and real signed HTTP: Kraken's own example
 * responses (the seed documents) rendered exactly, 1,000 subaccounts, an exchange error, and privacy
 * mode. Screenshots of each go to test-results/screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { activeReadOnlyProfile } from './support/read-only-profile.ts';
import { showView } from './support/show-view.ts';

afterAll(closeBrowser);

describe('views', () => {
  it('renders the seed documents exactly on every view', async () => {
    const harness = await startHarness({ colorScheme: 'light' });
    const { page, exchange } = harness;
    try {
      // Kraken's example responses, verbatim, behind real signature checks on loopback.
      for (const [endpoint, file] of [['accounts', 'seed-accounts.json'], ['subaccounts', 'seed-subaccounts.json']] as const) {
        exchange.injectFault({ kind: 'body', body: readFileSync(`test/fixtures/${file}`, 'utf8') }, { endpoint, times: Infinity });
      }
      await activeReadOnlyProfile(harness, 'Seed');
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 15_000 });
      await showView(page, 'Flex collateral');
      const flex = await page.locator('main').innerText();
      for (const figure of ['0.1185308247', '34,122.66', '4,540.5837374453', '2.245']) expect(flex).toContain(figure);
      await harness.screenshot('seed-flex');
      await showView(page, 'Subaccounts');
      const subaccounts = await page.locator('main').innerText();
      for (const figure of ['ba598ca1-65c1-4f48-927d-0e2b647d627a', 'fullname redacted', '0.00000000346 BTC', '13,662.85078 XRP', '1,543.91 USD']) {
        expect(subaccounts).toContain(figure);
      }
      await harness.screenshot('seed-subaccounts');
      await showView(page, 'Overview');
      await harness.screenshot('seed-overview');
    } finally {
      await harness.close();
    }
  });

  it('handles 1,000 subaccounts: virtualised table, filter and sort', async () => {
    const harness = await startHarness({ subaccounts: 1000, colorScheme: 'dark' });
    const { page } = harness;
    try {
      await activeReadOnlyProfile(harness, 'Master');
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 20_000 });
      await showView(page, 'Subaccounts');
      const table = page.getByRole('table', { name: 'Subaccounts' });
      await table.locator('tbody tr[data-uid]').first().waitFor();
      expect(await table.getAttribute('aria-rowcount')).toMatch(/^100\d$/);
      expect(await table.locator('tbody tr[data-uid]').count()).toBeLessThan(100);
      await harness.screenshot('subaccounts-1000');
      const first = await table.locator('tbody tr[data-uid]').first().getAttribute('data-uid');
      await table.locator('thead th button').nth(1).click();
      await expect.poll(() => table.locator('tbody tr[data-uid]').first().getAttribute('data-uid')).not.toBe(first);
      await page.getByRole('searchbox').first().fill('zzz-no-such-subaccount');
      await expect.poll(() => page.locator('main').innerText()).toContain('No subaccount matches');
    } finally {
      await harness.close();
    }
  });

  it('shows an exchange error with what to do, keeping the last figures', async () => {
    const harness = await startHarness();
    const { page, app, exchange } = harness;
    try {
      const profile = await activeReadOnlyProfile(harness, 'Main');
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 15_000 });
      exchange.injectFault({ kind: 'errorCode', code: 'authenticationError' }, { endpoint: 'accounts', times: Infinity });
      await app.scheduler.refreshNow(profile.id);
      const chip = page.locator('main .chip[data-state]').first();
      await expect.poll(() => chip.getAttribute('data-state')).toBe('authFailed');
      const text = await page.locator('main').innerText();
      expect(text).toMatch(/Spot|secret|key/i);
      expect(await page.locator('[data-outdated="true"]').count()).toBeGreaterThan(0);
      await harness.screenshot('error-auth-failed');
    } finally {
      await harness.close();
    }
  });

  it('privacy mode replaces every amount, keeps ratios, and survives a reload', async () => {
    const harness = await startHarness();
    const { page } = harness;
    try {
      await page.getByRole('button', { name: 'Add sample profile' }).click();
      await page.locator('[data-profile-id]').first().waitFor({ timeout: 15_000 });
      const before = await page.locator('main').innerText();
      expect(before).toMatch(/\d{1,3}(,\d{3})*\.\d{2}\s*USD/);
      await page.keyboard.press('Control+Shift+P');
      await expect.poll(() => page.locator('main').innerText()).toContain('•••••');
      for (const view of ['Overview', 'Flex collateral', 'Subaccounts']) {
        await showView(page, view);
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/\d{1,3}(,\d{3})*\.\d{2}\s*USD/);
        expect(text).toMatch(/\d+%/);
      }
      await showView(page, 'Overview');
      await harness.screenshot('privacy-overview');
      await page.reload();
      await page.locator('[data-profile-id]').first().waitFor();
      expect(await page.locator('main').innerText()).toContain('•••••');
    } finally {
      await harness.close();
    }
  });
});
