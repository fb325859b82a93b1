/**
 * Profiles end to end: add kraken profiles through the form (key check against the simulated
 * exchange over loopback, secret stored in the real keychain), see their permissions, switch between
 * three profiles by keyboard, and prove the secret went nowhere but the keychain.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness, type Harness } from './support/app-harness.ts';

afterAll(closeBrowser);

async function addProfileThroughForm(page: Page, harness: Harness, name: string, credentials: { apiKey: string; apiSecret: string }, screenshot: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.locator('form').filter({ has: page.getByLabel('API key (public)') });
  // These are Futures keys (the REST API): the form offers a Kraken API key first.
  await form.getByRole('radio', { name: /Futures key/ }).check();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('API key (public)').fill(credentials.apiKey);
  await form.getByLabel('Private key (secret)').fill(credentials.apiSecret);
  await form.getByText('Advanced').click();
  await form.getByLabel('API base URL').fill(harness.exchangeUrl);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await form.getByRole('table').filter({ hasText: 'Transfers and withdrawals' }).waitFor({ timeout: 15_000 });
  await harness.screenshot(screenshot);
  await form.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('heading', { name: 'Add a Kraken profile' }).waitFor({ state: 'detached', timeout: 15_000 });
}

describe('profiles', () => {
  it('adds two kraken profiles with their permissions, switches between three by keyboard, and leaks no secret', async () => {
    const harness = await startHarness();
    const { page, exchange, app } = harness;
    const readOnly = exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
    const fullAccess = exchange.addKey({ permissions: { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS' } });
    // Record every result and event crossing the bridge, for the leak check.
    const crossed: string[] = [];
    app.events.subscribe((name, payload) => crossed.push(JSON.stringify({ name, payload })));
    try {
      await page.getByRole('button', { name: 'Add sample profile' }).click();
      await addProfileThroughForm(page, harness, 'Main', readOnly, 'profiles-add-read-only');
      expect(await page.getByText('Connected: a read-only key, as recommended.').count()).toBe(0); // form closed
      await addProfileThroughForm(page, harness, 'Trading bot key', fullAccess, 'profiles-add-full-access');
      const list = app.profiles.list();
      expect(list.profiles.map((profile) => profile.name).sort()).toEqual(['Main', 'Sample', 'Trading bot key']);
      expect(list.profiles.find((profile) => profile.name === 'Main')?.permissions).toMatchObject({ general: 'READ_ONLY', transfer: 'NO_ACCESS' });
      expect(list.profiles.find((profile) => profile.name === 'Trading bot key')?.keyFingerprint).toBe(fullAccess.apiKey.slice(-4));
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Profiles' }).click();
      await harness.screenshot('profiles-list');

      // Ctrl+1…3 follow the switcher's order; each switch shows that profile's figures.
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Overview' }).click();
      const names = app.profiles.list().profiles.map((profile) => profile.name);
      for (const [index, name] of names.entries()) {
        await page.keyboard.press(`Control+${index + 1}`);
        await expect.poll(() => app.profiles.list().activeProfileId).toBe(app.profiles.list().profiles[index]!.id);
        await expect.poll(() => page.locator('header').first().textContent()).toContain(name);
        await expect
          .poll(() => page.getByTestId('data-age').textContent(), { timeout: 15_000 })
          .toMatch(/\d/);
      }
      await harness.screenshot('profiles-switched');

      // The secrets went to the keychain and nowhere else.
      await page.waitForTimeout(500);
      const html = await page.content();
      const stored = readdirSync(harness.dataDir).filter((file) => file.includes('.sqlite') || file.includes('.db'));
      expect(stored.length).toBeGreaterThan(0);
      const bytes = stored.map((file) => readFileSync(join(harness.dataDir, file)).toString('latin1'));
      const log = readFileSync(join(harness.dataDir, 'logs', 'main.log'), 'utf8');
      for (const secret of [readOnly.apiSecret, fullAccess.apiSecret]) {
        expect(html).not.toContain(secret);
        for (const content of bytes) expect(content).not.toContain(secret);
        expect(log).not.toContain(secret);
        expect(crossed.join('\n')).not.toContain(secret);
      }
    } finally {
      await harness.close();
    }
  });
});
