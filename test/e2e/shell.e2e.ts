/**
 * The shell end to end: first start offers the Sample profile, and every view renders through the
 * real handlers, with a screenshot of each (light and dark), under the app's real CSP.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../src-preload/contract.ts';
import type { Page } from 'playwright-core';
import { closeBrowser, startHarness, type Harness } from './support/app-harness.ts';
import { BRIDGE_HTTP_PATH } from './support/bridge-http-path.ts';

const VIEWS = ['Overview', 'Flex collateral', 'Subaccounts', 'History', 'Alerts', 'Profiles', 'Settings'];

afterAll(closeBrowser);

/** A kraken profile on the simulator with cached figures, made active; no refresh lands afterwards. */
async function cachedProfile(harness: Harness, name: string) {
  const key = harness.exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
  const profile = await harness.app.profiles.create({ name, colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...key });
  harness.app.activate(profile.id);
  await harness.app.scheduler.refreshNow(profile.id);
  harness.app.scheduler.pause();
  return profile;
}

/** Serves the page at `url` as the server writes it, changed by `rewrite` on its way to the browser. */
async function servePageRewritten(page: Page, url: string, rewrite: (html: string) => string): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: rewrite(await response.text()) });
  });
}

describe('app shell', () => {
  it.each(['light', 'dark'] as const)('starts empty, adds the Sample profile and shows every view (%s)', async (colorScheme) => {
    const harness = await startHarness({ colorScheme });
    const { page } = harness;
    try {
      await page.getByRole('button', { name: 'Add sample profile' }).click();
      await expect.poll(() => page.getByText('SAMPLE DATA').first().isVisible(), { timeout: 15_000 }).toBe(true);
      // The sample exchange answers in-process: wait for live figures in the status line.
      await expect.poll(() => page.getByTestId('data-age').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      for (const view of VIEWS) {
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain(view);
        await harness.screenshot(`${colorScheme}-${view.toLowerCase().replace(/ /g, '-')}-sample`);
      }
    } finally {
      await harness.close();
    }
  });

  it('shows its loading screen while a slow opening is asked for, then the cached figures as soon as they arrive', async () => {
    const harness = await startHarness();
    const { page } = harness;
    try {
      const profile = await cachedProfile(harness, 'Desk');
      const url = new URL('?bridge=http', harness.rendererUrl).href;
      // The opening's data block arrives unreadable, so the page asks main for it, and main is slow to answer.
      await servePageRewritten(page, url, (html) => html.replace(/(<script type="application\/json" id="md-opening">)[^<]*/, '$1{"ok":tru'));
      await page.route(`**${BRIDGE_HTTP_PATH}`, async (route) => {
        if (route.request().postData()?.includes(CALL_CHANNELS.openWindow)) await new Promise((done) => setTimeout(done, 600));
        await route.continue();
      });
      const seen: string[] = [];
      await page.exposeFunction('__mdSeen', (state: string) => void (state === 'other' || seen.at(-1) === state || seen.push(state)));
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const text = document.getElementById('app')?.textContent ?? '';
          (window as unknown as { __mdSeen(text: string): void }).__mdSeen(
            text.includes('Opening your cached figures') ? 'loading screen' : text.includes('USD') ? 'figures' : 'other',
          );
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(url);
      await page.locator(`[data-profile-id="${profile.id}"]`).first().waitFor();
      expect(seen).toEqual(['loading screen', 'figures']);
    } finally {
      await harness.close();
    }
  });

  it('exposes only the contract on the window global, with no Node objects', async () => {
    const harness = await startHarness();
    try {
      const surface = await harness.page.evaluate(() => ({
        keys: Object.keys((window as unknown as { marginDesk: object }).marginDesk).sort(),
        process: typeof (globalThis as Record<string, unknown>).process,
        require: typeof (globalThis as Record<string, unknown>).require,
        isolated: crossOriginIsolated,
      }));
      const calls = Object.keys(CALL_CHANNELS);
      const subscribers = Object.keys(EVENT_CHANNELS).map((event) => `on${event[0]!.toUpperCase()}${event.slice(1)}`);
      expect(surface.keys).toEqual([...calls, ...subscribers].sort());
      expect(surface.process).toBe('undefined');
      // Served with COOP and COEP, as app:// serves it: the window is cross-origin isolated.
      expect(surface.isolated).toBe(true);
      expect(surface.require).toBe('undefined');
    } finally {
      await harness.close();
    }
  });

  it('refuses calls from a subframe through the real dispatcher', async () => {
    const harness = await startHarness();
    try {
      const result = await harness.page.evaluate(async () => {
        const frame = document.createElement('iframe');
        frame.srcdoc = '<p>child</p>';
        document.body.append(frame);
        await new Promise((done) => frame.addEventListener('load', done));
        const child = frame.contentWindow as unknown as { marginDesk?: { listProfiles(): Promise<unknown> } };
        return child.marginDesk ? child.marginDesk.listProfiles() : 'no bridge in the subframe';
      });
      // Either the frame has no bridge at all, or the dispatcher refuses it as a subframe.
      if (typeof result === 'string') expect(result).toBe('no bridge in the subframe');
      else expect(result).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    } finally {
      await harness.close();
    }
  });

  it('starts from the opening written into the page, with the same figures as when it asks over either bridge; hostile names stay text', async () => {
    const harness = await startHarness();
    const { page, exchange } = harness;
    try {
      // A name that would end the page's data block, were it written into it unescaped.
      const hostile = '</script><script>window.__pwned = 1</script><!--';
      exchange.addSubaccount({ email: 'trader@example.com', fullName: hostile });
      const profile = await cachedProfile(harness, '<img src=x onerror="window.__pwned = 2">');
      const openingCalls: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.postData()?.includes(CALL_CHANNELS.openWindow)) openingCalls.push(request.url());
      });
      const live = (url: string) => new URL(url, harness.rendererUrl).href;
      const overview = async (url: string) => {
        await page.goto(url);
        const figures = page.locator(`[data-profile-id="${profile.id}"]`).first();
        await figures.waitFor();
        // the data age may have moved on between the loads
        return (await figures.innerText()).replace(/DATA AGE\n.*\n/, 'DATA AGE\n');
      };

      const fromPage = await overview(live('?bridge=http'));
      expect(fromPage).toMatch(/\d,\d{3}\.\d{2} USD/);
      // Answered from the document: no call went out for the opening, and its block is gone.
      expect(openingCalls).toEqual([]);
      expect(await page.locator('#md-opening').count()).toBe(0);
      // Nothing renders before the entry script has mounted the figures.
      expect(await page.locator('script[type="module"][blocking="render"]').count()).toBe(1);
      expect(await page.getByRole('group', { name: 'Switch profile' }).innerText()).toContain(profile.name);
      expect(await page.locator('img').count()).toBe(0);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Subaccounts' }).click();
      await expect.poll(() => page.getByRole('table', { name: 'Subaccounts' }).innerText()).toContain(hostile);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      expect(await overview(live('?bridge=http&opening=bridge'))).toBe(fromPage);
      expect(openingCalls).toHaveLength(1);
      // Through the binding, which carries the frame's identity to the dispatcher.
      expect(await overview(live('?opening=bridge'))).toBe(fromPage);
      expect(await overview(harness.rendererUrl)).toBe(fromPage);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await harness.close();
    }
  });
});
