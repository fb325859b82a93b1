/**
 * Every task by keys alone, with the focus visible at every stop and never on the page body: add the
 * sample profile, switch views, scroll every view, add a kraken profile (test it, save it), close the
 * form with Escape, switch profiles, change the alert rules and acknowledge an alert.
 *
 * The alerting account is a subaccount's own key (support/alerting-desk.ts): 10,000 USD, long 5 BTC from
 * 64,000; at 62,900 its margin level is 143 %, critical.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { focusStop, tabTo } from './support/keyboard.ts';
import { addAlertingDesk } from './support/alerting-desk.ts';
import { READ_ONLY } from './support/read-only-profile.ts';

afterAll(closeBrowser);

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
}

/** Names of the views, as the navigation lists them. */
async function views(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Views' }).getByRole('button').allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
}

/** From wherever the focus is, back to the navigation's button for `view` and into that view. */
async function openView(page: Page, view: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Views' });
  await nav.getByRole('button').first().focus();
  const index = (await views(page)).indexOf(view);
  for (let press = 0; press < index; press++) await page.keyboard.press('Tab');
  expect(await nav.getByRole('button').nth(index).evaluate((button) => button === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => heading(page)).toContain(view);
  expect((await focusStop(page)).onBody).toBe(false);
}

async function expectFocusKept(page: Page): Promise<void> {
  const stop = await focusStop(page);
  expect(stop.onBody, 'focus fell to the page body').toBe(false);
}

describe('keyboard', () => {
  it('does every task by keys alone, focus visible and never on the body', async () => {
    const harness = await startHarness();
    const { page, app, exchange } = harness;
    try {
      // First start: the sample profile.
      await tabTo(page, /Add sample profile/);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('data-age').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      await expect.poll(async () => (await focusStop(page)).onBody).toBe(false);

      // An account that raises alerts, on its own profile (set up through the app's services).
      const sub = addAlertingDesk(exchange);
      const deskKey = exchange.addKey({ account: sub.uid, permissions: READ_ONLY });
      const desk = await app.profiles.create({ name: 'Desk', colour: '#e5484d', source: 'rest', baseUrl: harness.exchangeUrl, ...deskKey });
      await app.scheduler.refreshNow(desk.id);
      for (const price of ['63900', '62900']) {
        exchange.setMarkPrice('pf_xbtusd', price);
        await app.scheduler.refreshNow(desk.id);
      }
      // The Sample profile's margin swings around its warning level by design: keep it from raising
      // alerts while this test counts them (one it raised already is acknowledged with the rest).
      for (const sample of app.profiles.list().profiles.filter((profile) => profile.kind === 'sample')) {
        app.setAlertRules(sample.id, { ...app.alertRules(sample.id), enabled: false });
      }
      const open = () => app.store.alertLog.list({ limit: 10 }).filter((alert) => alert.acknowledgedAt === null).length;
      expect(open()).toBeGreaterThanOrEqual(2);

      // Switch view, then scroll every view that has more than a window's worth.
      for (const view of await views(page)) {
        await openView(page, view);
        const region = await tabTo(page, new RegExp(`^${view}$`), { max: 12 });
        expect(region.what).toMatch(/^main/);
        const scrollable = await page.locator('main').evaluate((main) => main.scrollHeight > main.clientHeight + 1);
        if (scrollable) {
          await page.keyboard.press('PageDown');
          await expect.poll(() => page.locator('main').evaluate((main) => main.scrollTop), { message: `${view} scrolls by keys` }).toBeGreaterThan(0);
        }
        await harness.screenshot(`keyboard-${view.toLowerCase().replace(/ /g, '-')}`);
      }

      // Add a kraken profile: open the form, fill it, test the connection, save.
      await openView(page, 'Profiles');
      await tabTo(page, /^Add profile$/);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-name');
      await page.keyboard.type('Main');
      // The kind of key: back to the radio group, the arrow picks the Futures key.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('ArrowDown');
      expect((await focusStop(page)).name).toMatch(/^Futures key/);
      const key = exchange.addKey({ permissions: READ_ONLY });
      await tabTo(page, /API key/);
      await page.keyboard.type(key.apiKey);
      await tabTo(page, /Private key/);
      await page.keyboard.type(key.apiSecret);
      await tabTo(page, /^Advanced$/);
      await page.keyboard.press('Enter');
      await tabTo(page, /API base URL/);
      await page.keyboard.type(harness.exchangeUrl);
      await tabTo(page, /Test connection/);
      await page.keyboard.press('Enter');
      await page.getByRole('table').filter({ hasText: 'Transfers and withdrawals' }).waitFor({ timeout: 15_000 });
      expect((await focusStop(page)).name).toMatch(/Test connection/);
      await harness.screenshot('keyboard-add-profile-tested');
      await tabTo(page, /Save profile/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^Add a Kraken/ }).waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(async () => (await focusStop(page)).name).toMatch(/^Main/);
      expect(app.profiles.list().profiles.map((profile) => profile.name)).toContain('Main');

      // Escape closes the form and hands the keyboard back to the button that opened it.
      await tabTo(page, /^Add profile$/, { backwards: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-name');
      await page.keyboard.press('Escape');
      await page.getByRole('heading', { name: /^Add a Kraken/ }).waitFor({ state: 'detached' });
      expect((await focusStop(page)).name).toMatch(/^Add profile$/);

      // Switch profile from the switcher, by keys.
      await tabTo(page, /^D\s*Desk/, { backwards: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => app.profiles.list().activeProfileId).toBe(desk.id);
      await expectFocusKept(page);

      // Change the alert rules.
      await openView(page, 'Alerts');
      await tabTo(page, /^Warn below$/);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('320');
      await tabTo(page, /^Save rules$/);
      await page.keyboard.press('Enter');
      await expect.poll(() => app.alertRules(desk.id).warnBelowPct).toBe(320);
      await expectFocusKept(page);

      // Acknowledge every alert: after each, the keyboard is on the next one still open, at the end on the log.
      await openView(page, 'Alerts');
      await tabTo(page, /^Acknowledge: /);
      for (let left = open(); left > 0; left--) {
        const stop = await focusStop(page);
        expect(stop.name).toMatch(/^Acknowledge: \[/);
        await page.keyboard.press('Enter');
        await expect.poll(open).toBe(left - 1);
        await expect.poll(async () => (await focusStop(page)).name).toMatch(left > 1 ? /^Acknowledge: / : /^Alert log$/);
      }
      await harness.screenshot('keyboard-alerts-acknowledged');
    } finally {
      await harness.close();
    }
  });

  it('gives every Acknowledge button its own name', async () => {
    const harness = await startHarness();
    const { page, app, exchange } = harness;
    try {
      const sub = addAlertingDesk(exchange);
      // Three profiles on the same account: the same alert three times.
      for (const name of ['Desk A', 'Desk B', 'Desk C']) {
        const key = exchange.addKey({ account: sub.uid, permissions: READ_ONLY });
        const profile = await app.profiles.create({ name, colour: '#e5484d', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
        await app.scheduler.refreshNow(profile.id);
      }
      exchange.setMarkPrice('pf_xbtusd', '63900');
      for (const profile of app.profiles.list().profiles) await app.scheduler.refreshNow(profile.id);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Alerts/ }).click();
      const buttons = page.getByRole('button', { name: /^Acknowledge: / });
      await expect.poll(() => buttons.count()).toBe(3);
      const names = await buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
      expect(new Set(names).size).toBe(3);
    } finally {
      await harness.close();
    }
  });
});
