/**
 * Adding many keys end to end, in the built renderer wired to the real handlers: keys imported from
 * a file (the open dialog's choice is the harness's hook; main reads the file, checks every key with
 * the simulated exchange over loopback and stores the secrets in the real keychain), then keys added
 * one after another with "Save and add another". No secret reaches the page, the log or the data files.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness, type Harness } from './support/app-harness.ts';
import { axeViolations, describeViolations } from './support/axe.ts';

afterAll(closeBrowser);

/** The add form, open on Profiles, pointed at the harness's exchange (Kraken API keys, the default kind). */
async function openAddForm(page: Page, harness: Harness) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Profiles' }).click();
  // with no profile yet the view opens with the form
  const heading = page.getByRole('heading', { name: 'Add a Kraken profile' });
  await heading.or(page.getByRole('button', { name: 'Add profile' })).first().waitFor();
  if (!(await heading.isVisible())) await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.locator('form').filter({ has: page.getByLabel('API key (public)') });
  await form.getByText('Advanced').click();
  await form.getByLabel('API base URL').fill(harness.exchangeUrl);
  await form.getByLabel('WebSocket address').fill(harness.exchangeStreamUrl);
  return form;
}

describe('adding many keys', () => {
  it('imports a file of keys, reports each line, says to delete the file; then adds keys one after another', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'md-e2e-keys-'));
    const keyFile = join(folder, 'desk-keys.csv');
    const harness = await startHarness({ subaccounts: 5, keyFile });
    const { page, exchange, app } = harness;
    const [a, b, c, d, e] = exchange.subaccounts().map((sub) => exchange.addKey({ account: sub.uid }));
    const refused = exchange.addKey({ account: exchange.subaccounts()[0]!.uid, spotPermissions: [] });
    writeFileSync(
      keyFile,
      ['name,key,secret', `Desk A,${a!.apiKey},${a!.apiSecret}`, `"Desk B, EU",${b!.apiKey},${b!.apiSecret}`, `Desk C,${c!.apiKey},${c!.apiSecret}`, `No websocket,${refused.apiKey},${refused.apiSecret}`, `Cut off,${c!.apiKey}`].join('\n'),
    );
    const crossed: string[] = [];
    app.events.subscribe((name, payload) => crossed.push(JSON.stringify({ name, payload })));
    try {
      const form = await openAddForm(page, harness);
      await form.getByRole('button', { name: /Import a file of keys/ }).click();
      const result = form.getByRole('region', { name: '3 of 5 keys added from desk-keys.csv' });
      await result.waitFor({ timeout: 30_000 });
      expect(await result.textContent()).toContain('did not copy or keep it');
      const rows = await result.getByRole('row').allTextContents();
      expect(rows.slice(1)).toEqual([expect.stringMatching(/^5No websocketRefused/), expect.stringMatching(/^6—Not a key lineLine 6 has 2 fields/)]);
      await harness.screenshot('profiles-import-keys');
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(harness.hookCalls).toContain('chooseKeyFile');
      expect(app.profiles.list().profiles.map((profile) => profile.name).sort()).toEqual(['Desk A', 'Desk B, EU', 'Desk C']);

      // then one after another, without leaving the form
      for (const [name, key] of [['Desk D', d!], ['Desk E', e!]] as const) {
        await form.getByLabel('Name').fill(name);
        await form.getByLabel('API key (public)').fill(key.apiKey);
        await form.getByLabel('Private key (secret)').fill(key.apiSecret);
        await form.getByRole('button', { name: 'Save and add another' }).click();
        await form.getByText(`"${name}" saved. Add the next key.`).waitFor({ timeout: 15_000 });
        expect(await form.getByLabel('Name').inputValue()).toBe('');
        expect(await form.getByLabel('Private key (secret)').inputValue()).toBe('');
        expect(await form.getByLabel('WebSocket address').inputValue()).toBe(harness.exchangeStreamUrl);
      }
      await harness.screenshot('profiles-add-another');
      const afterAdding = await axeViolations(page);
      expect(afterAdding, describeViolations(afterAdding)).toEqual([]);
      await form.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('heading', { name: 'Add a Kraken profile' }).waitFor({ state: 'detached' });
      const profiles = app.profiles.list().profiles;
      expect(profiles.map((profile) => profile.name).sort()).toEqual(['Desk A', 'Desk B, EU', 'Desk C', 'Desk D', 'Desk E']);
      expect(profiles.every((profile) => profile.source === 'uws' && profile.streamUrl === harness.exchangeStreamUrl)).toBe(true);

      // no key or secret in the page, what crossed the bridge, the log or the data files
      const html = await page.content();
      const log = readFileSync(join(harness.dataDir, 'logs', 'main.log'), 'utf8');
      const files = readdirSync(harness.dataDir).filter((file) => file.includes('.sqlite') || file.includes('.db')).map((file) => readFileSync(join(harness.dataDir, file)).toString('latin1'));
      for (const key of [a!, b!, c!, d!, e!, refused]) {
        for (const value of [key.apiKey, key.apiSecret]) {
          for (const text of [html, log, crossed.join('\n'), ...files]) expect(text).not.toContain(value);
        }
      }
    } finally {
      await harness.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
