/**
 * A desk of three subaccount keys in Chromium, through the real handlers against the simulated
 * exchange on loopback (two Kraken API keys streamed over the Unified WebSocket, one Futures key
 * polled over REST): made from the REST master's subaccounts list in one action, it shows the same
 * rows, totals and worst health as that list; an alert on one member names it. Screenshots of the
 * master's list, the desk's table, the desk's overview and the alert go to test-results/screenshots.
 * axe-core (WCAG 2.2 AA) checks every desk screen on the way. A desk of many keys leads the switcher
 * at Ctrl/Cmd+1, and the loose profiles that do not fit are in its "more" menu.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness } from './support/app-harness.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
import { showView } from './support/show-view.ts';

afterAll(closeBrowser);

interface TableText {
  readonly rows: readonly string[];
  readonly totals: string;
  readonly worst: string;
}

/** Each row as it reads (the name and every figure cell, not a member's freshness chip), the totals and the worst account. */
async function tableText(page: Page, name: string): Promise<TableText> {
  const table = page.getByRole('table', { name });
  const rows = await table.locator('tbody tr[data-uid]').evaluateAll((elements) =>
    elements.map((row) => [...row.querySelectorAll('.label, td')].map((cell) => (cell as HTMLElement).innerText.trim()).join(' | ')),
  );
  const totals = (await table.locator('tfoot').innerText()).replace(/\s+/g, ' ').trim();
  const worst = (await page.locator('dt', { hasText: 'Closest to liquidation' }).locator('xpath=following-sibling::dd').innerText()).trim();
  return { rows, totals, worst };
}

/** axe over the page as it is now; the findings are collected with where they were seen. */
async function audit(page: Page, where: string, findings: string[]): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) findings.push(`${where}:\n${describeViolations(violations)}`);
}

describe('a desk of subaccount keys', () => {
  it('shows the same rows, totals and worst health as the REST master view, and an alert names its member', async () => {
    const harness = await startHarness({ colorScheme: 'light' });
    const { page, app, exchange } = harness;
    const findings: string[] = [];
    try {
      exchange.setUsdRate('GBP', '1.27');
      const subaccounts = exchange.addSubaccounts(3);
      // Margin in use at three levels (about 1 % maintenance margin on 64,250.5 per BTC): healthy,
      // close to liquidation (the alert below) and a warning.
      for (const [index, size] of ['10', '30', '15'].entries()) {
        exchange.openPosition({ account: subaccounts[index]!.uid, symbol: 'pf_xbtusd', size, entryPrice: '64250.5' });
      }
      const master = await app.profiles.create({ name: 'Master', colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...exchange.addKey() });
      const sources = ['uws', 'uws', 'rest'] as const;
      const names: string[] = [];
      for (const [index, sub] of subaccounts.entries()) {
        const name = sub.fullName ?? sub.email;
        names.push(name);
        const key = exchange.addKey({ account: sub.uid });
        const addresses = sources[index] === 'uws' ? { baseUrl: harness.exchangeUrl, streamUrl: harness.exchangeStreamUrl } : { baseUrl: harness.exchangeUrl };
        await app.profiles.create({ name, colour: '#12a150', source: sources[index], ...key, ...addresses });
      }
      app.activate(master.id);
      await expect.poll(() => app.viewOf(master.id)?.status.state, { timeout: 20_000 }).toBe('live');
      await showView(page, 'Subaccounts');
      await expect.poll(() => page.getByRole('table', { name: 'Subaccounts' }).locator('tbody tr[data-uid]').count(), { timeout: 15_000 }).toBe(3);
      const masterText = await tableText(page, 'Subaccounts');
      await harness.screenshot('desk-master-subaccounts');

      // One action: the profiles named like the subaccounts are already picked.
      await page.getByRole('button', { name: 'Make a desk from these subaccounts' }).click();
      for (const name of names) expect(await page.getByRole('combobox', { name: `Profile for ${name}` }).inputValue()).not.toBe('');
      await audit(page, 'make a desk from the subaccounts', findings);
      await page.getByRole('button', { name: 'Make a desk of 3 profiles' }).click();
      const deskTable = page.getByRole('table', { name: 'Desk members' });
      await expect.poll(() => deskTable.locator('tbody tr[data-state="live"]').count(), { timeout: 20_000 }).toBe(3);
      const deskText = await tableText(page, 'Desk members');
      await harness.screenshot('desk-subaccounts');

      expect(deskText.rows).toEqual(masterText.rows);
      expect(deskText.totals).toEqual(masterText.totals);
      expect(deskText.worst).toEqual(masterText.worst);
      expect(masterText.rows).toHaveLength(3);
      expect(app.desks.list().desks.map((desk) => desk.name)).toEqual(['Master subaccounts']);
      expect(masterText.worst).toContain(names[1]);
      await deskTable.locator('tbody tr[data-uid] button').first().click();
      await audit(page, 'desk members with the detail pane', findings);

      await showView(page, 'Overview');
      await expect.poll(() => page.getByRole('table', { name: 'Members of the desk Master subaccounts' }).locator('tbody tr').count()).toBe(3);
      await harness.screenshot('desk-overview');
      await audit(page, 'desk overview', findings);

      // The critical member's alert names it, in the log and on the Alerts view.
      await showView(page, 'Alerts');
      await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain(`[${names[1]}]`);
      const alert = app.store.alertLog.list({ limit: 20 }).find((record) => record.profileName === names[1]);
      expect(alert?.level).toMatch(/^(critical|liquidation)$/);
      expect(alert?.title.startsWith(`[${names[1]}] Margin level `)).toBe(true);
      await harness.screenshot('desk-alert');

      await showView(page, 'Profiles');
      await page.getByRole('list', { name: 'Desks' }).getByRole('button', { name: 'Edit' }).click();
      await audit(page, 'profiles with the desk editor open', findings);
      expect(findings.join('\n\n')).toBe('');

      // Reflow at 320 CSS px: the desk's views never scroll sideways (a table may, inside its card).
      await page.setViewportSize({ width: 320, height: 640 });
      for (const view of ['Overview', 'Subaccounts']) {
        await showView(page, view);
        const overflow = await page.evaluate(() => {
          const main = document.getElementById('main')!;
          return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, main: main.scrollWidth - main.clientWidth };
        });
        expect(overflow, view).toEqual({ page: 0, main: 0 });
        await harness.screenshot(`desk-320px-${view.toLowerCase()}`);
      }
    } finally {
      await harness.close();
    }
  });

  it('a desk of many keys is the first switcher entry at Ctrl/Cmd+1; the loose profiles that do not fit are in the "more" menu', async () => {
    const harness = await startHarness({ colorScheme: 'light' });
    const { page, app, exchange } = harness;
    try {
      const subaccounts = exchange.addSubaccounts(24);
      const members: string[] = [];
      for (const sub of subaccounts) {
        const member = await app.profiles.create({ name: sub.fullName ?? sub.email, colour: '#12a150', source: 'rest', baseUrl: harness.exchangeUrl, ...exchange.addKey({ account: sub.uid }) });
        members.push(member.id);
      }
      const loose: string[] = [];
      for (let index = 1; index <= 12; index += 1) {
        loose.push((await app.profiles.create({ name: `Trader ${index}`, colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...exchange.addKey() })).id);
      }
      const desk = app.desks.create({ name: 'All subaccounts', memberIds: members });
      app.activate(loose[0]!);
      const switcher = page.getByRole('group', { name: 'Switch profile' });
      const entries = switcher.locator('.strip > button');
      await expect.poll(() => entries.count()).toBe(13);
      // Only the entries that fit are shown, the desk first; nothing scrolls sideways.
      const first = entries.first();
      expect(await first.innerText()).toContain('All subaccounts');
      expect(await first.getAttribute('aria-keyshortcuts')).toBe('Control+1');
      expect(await first.evaluate((button) => getComputedStyle(button).visibility)).toBe('visible');
      const more = switcher.getByRole('button', { name: /more/ });
      const hidden = await entries.evaluateAll((buttons) => buttons.filter((button) => getComputedStyle(button).visibility === 'hidden').length);
      expect(hidden).toBeGreaterThan(0);
      expect(await more.innerText()).toContain(`${hidden} more`);
      expect(await switcher.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);

      await page.keyboard.press('Control+1');
      await expect.poll(() => app.desks.list().activeDeskId).toBe(desk.id);

      // The menu button by keys: it opens on its first entry, Escape closes it back onto the button.
      await more.focus();
      await page.keyboard.press('ArrowDown');
      const menu = page.getByRole('menu', { name: 'More profiles and desks' });
      expect(await menu.getByRole('menuitemradio').count()).toBe(hidden);
      const violations = await axeViolations(page);
      expect(describeViolations(violations)).toBe(describeViolations([]));
      await harness.screenshot('desk-switcher-more');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await expect.poll(() => app.profiles.list().activeProfileId).toBe(loose.at(-1));
      expect(await menu.count()).toBe(0);
      expect(await more.innerText()).toContain('Trader 12');
      await page.keyboard.press('Escape');

      await page.setViewportSize({ width: 320, height: 640 });
      await expect.poll(() => first.evaluate((button) => getComputedStyle(button).visibility)).toBe('visible');
      expect(await entries.nth(1).evaluate((button) => getComputedStyle(button).visibility)).toBe('visible');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await harness.screenshot('desk-switcher-320px');
    } finally {
      await harness.close();
    }
  });
});
