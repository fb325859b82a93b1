/**
 * The shell end to end: first start offers the Sample profile, and every view renders through the
 * real handlers, with a screenshot of each (light and dark), under the app's real CSP.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_CHANNELS, SERVER_RENDERED_ATTRIBUTE } from '../../src-preload/contract.ts';
import type { Page } from 'playwright-core';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './support/app-harness.ts';
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

  it('keeps main\'s drawing on screen until the live app has the figures, even when the opening must be asked for slowly', async () => {
    const harness = await startHarness();
    const { page } = harness;
    try {
      const profile = await cachedProfile(harness, 'Desk');
      const url = new URL('?bridge=http', harness.rendererUrl).href;
      // The opening's data block arrives unreadable, so the page asks main for it, and main is slow to
      // answer: well past the moment a page without the drawing would show its loading screen.
      await servePageRewritten(page, url, (html) => html.replace(/(<script type="application\/json" id="md-opening">)[^<]*/, '$1{"ok":tru'));
      await page.route(`**${BRIDGE_HTTP_PATH}`, async (route) => {
        if (route.request().postData()?.includes(CALL_CHANNELS.openWindow)) await new Promise((done) => setTimeout(done, 600));
        await route.continue();
      });
      const seen = new Set<string>();
      await page.exposeFunction('__mdSeen', (text: string) => void seen.add(text));
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const text = document.getElementById('app')?.textContent ?? '';
          (window as unknown as { __mdSeen(text: string): void }).__mdSeen(
            text.includes('Opening your cached figures') ? 'loading screen' : text.includes('USD') ? 'figures' : 'other',
          );
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(url);
      await page.locator(`#app:not([${SERVER_RENDERED_ATTRIBUTE}]) [data-profile-id="${profile.id}"]`).waitFor();
      expect(seen.has('loading screen')).toBe(false);
      expect(await page.locator('#app').getAttribute('inert')).toBeNull();
    } finally {
      await harness.close();
    }
  });

  it('builds the live app afresh when the drawing in the page is not what it expects', async () => {
    const harness = await startHarness();
    const { page } = harness;
    try {
      const profile = await cachedProfile(harness, 'Desk');
      const url = new URL('?bridge=http', harness.rendererUrl).href;
      let served = '';
      await servePageRewritten(page, url, (html) => (served = html.replace(/(<div id="app"[^>]*>)[\s\S]*?(<script type="application\/json")/, '$1<p>Something else entirely</p></div>$2')));
      await page.goto(url);
      expect(served).toMatch(new RegExp(`<div id="app" inert ${SERVER_RENDERED_ATTRIBUTE}><p>Something else entirely</p></div>`));
      await page.locator(`#app:not([${SERVER_RENDERED_ATTRIBUTE}]) [data-profile-id="${profile.id}"]`).waitFor();
      expect(await page.locator('#app').innerText()).not.toContain('Something else entirely');
      expect(await page.locator(`[data-profile-id="${profile.id}"]`).first().innerText()).toMatch(/USD/);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Flex collateral' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Flex collateral');
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
      expect(surface.keys).toEqual(
        [...calls, 'onAlert', 'onNavigate', 'onProfileStatus', 'onProfilesChanged', 'onSettingsChanged', 'onSnapshot'].sort(),
      );
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

  it('starts from the first frame main drew into the page, which the live app takes over; the same figures as without the drawing or when it asks over either bridge', async () => {
    const harness = await startHarness();
    const { page, exchange } = harness;
    try {
      // A name that would end the page's data block, were it written into it unescaped.
      const hostile = '</script><script>window.__pwned = 1</script><!--';
      exchange.addSubaccount({ email: 'trader@example.com', fullName: hostile });
      // The profile's name is in the drawn first frame (the switcher): it must stay text there too.
      const profile = await cachedProfile(harness, '<img src=x onerror="window.__pwned = 2">');
      const openingCalls: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.postData()?.includes(CALL_CHANNELS.openWindow)) openingCalls.push(request.url());
      });
      const live = (url: string) => new URL(url, harness.rendererUrl).href;
      const overview = async (url: string) => {
        await page.goto(url);
        // The live app has mounted once main's drawing is gone.
        await page.locator(`#app:not([${SERVER_RENDERED_ATTRIBUTE}])`).waitFor({ state: 'attached' });
        const figures = page.locator(`[data-profile-id="${profile.id}"]`).first();
        await figures.waitFor();
        // the data age may have moved on between the loads
        return (await figures.innerText()).replace(/DATA AGE\n.*\n/, 'DATA AGE\n');
      };

      // What the window shows before any script has run: main's drawing of the overview.
      const scriptless = await page.context().browser()!.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 820 } });
      try {
        const drawnPage = await scriptless.newPage();
        await drawnPage.goto(live('?bridge=http'));
        const app$ = drawnPage.locator('#app');
        expect(await app$.getAttribute('inert')).toBe('');
        expect(await drawnPage.locator('html').getAttribute('data-theme')).toBe('light');
        expect(await drawnPage.locator('script[type="module"][blocking="render"]').count()).toBe(0);
        const drawn = (await drawnPage.locator(`[data-profile-id="${profile.id}"]`).first().innerText()).replace(/DATA AGE\n.*\n/, 'DATA AGE\n');
        expect(drawn).toMatch(/\d,\d{3}\.\d{2} USD/);
        expect(await drawnPage.getByRole('group', { name: 'Switch profile' }).innerText()).toContain(profile.name);
        expect(await drawnPage.locator('img').count()).toBe(0);
        await drawnPage.screenshot({ path: join(SCREENSHOT_DIR, 'first-frame-drawn-by-main.png') });

        // The figures' element as the page first has it: main's drawing, parsed from the document.
        await page.addInitScript(() => {
          new MutationObserver((_records, observer) => {
            const figures = document.querySelector('[data-profile-id]');
            if (!figures) return;
            observer.disconnect();
            (figures as Element & { firstSeen?: boolean }).firstSeen = true;
          }).observe(document, { childList: true, subtree: true });
        });
        const fromPage = await overview(live('?bridge=http'));
        // The live app shows what main drew, in main's very elements (hydrated, not built again).
        expect(fromPage).toBe(drawn);
        expect(await page.evaluate(() => (document.querySelector('[data-profile-id]') as Element & { firstSeen?: boolean }).firstSeen)).toBe(true);
        // Answered from the document: no call went out for the opening, and its block is gone.
        expect(openingCalls).toEqual([]);
        expect(await page.locator('#md-opening').count()).toBe(0);
        expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.locator('#app').getAttribute('inert')).toBeNull();
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Subaccounts' }).click();
        await expect.poll(() => page.getByRole('table', { name: 'Subaccounts' }).innerText()).toContain(hostile);

        // Without the drawing, nothing renders before the entry script has mounted the figures.
        expect(await overview(live('?bridge=http&render=none'))).toBe(fromPage);
        expect(await page.locator('script[type="module"][blocking="render"]').count()).toBe(1);
        expect(await overview(live('?bridge=http&opening=bridge'))).toBe(fromPage);
        expect(openingCalls).toHaveLength(1);
        // Through the binding, which carries the frame's identity to the dispatcher.
        expect(await overview(live('?opening=bridge'))).toBe(fromPage);
        expect(await overview(harness.rendererUrl)).toBe(fromPage);
        expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      } finally {
        await scriptless.close();
      }
    } finally {
      await harness.close();
    }
  });
});
