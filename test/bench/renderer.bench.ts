/**
 * Renderer figures, measured in Debian's Chromium on the built renderer wired to the real handlers
 * (the end-to-end harness): the JS the window loads (gzipped), time to the first painted cached
 * overview against a blank page served the same way in the same browser, the subaccounts view with
 * 1,000 rows (render, re-sort), and the time from Ctrl+N to the other profile's figures painted.
 * First paints are the browser's own presentation times (Element Timing, see PAINT_PROBE); the
 * in-page actions (switch, render, re-sort) are timed until their result is in the DOM and the next
 * animation frame has run.
 *
 * First paint is measured as the app starts on a later launch: its scripts' compiled code cached
 * (app:// is registered with `codeCache`; here the hashed assets are served immutable, see
 * ../e2e/support/renderer-server.ts), the window's opening written into the page as the app://
 * protocol writes it, and later calls answered about as fast as Electron's IPC (over loopback HTTP).
 * Two more series show what that model leaves out: nothing cached at all (a first start after an
 * install or update), and the opening asked for over the bridge (as the dev server's page does).
 * The alarm: the cached overview's first paint at most twice the blank page's.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { closeBrowser, startHarness } from '../e2e/support/app-harness.ts';
import { BLANK_PAGE_PATH } from '../e2e/support/renderer-server.ts';
import { MemorySecretStore } from '../../src-main/profiles/memory-secret-store.ts';
import type { BenchResult } from './bench-result.ts';
import { median } from './measure.ts';
import { timeUntil } from './page-timing.ts';

const RUNS = Number(process.env.MD_BENCH_RUNS ?? 31);

/** The cached overview's first paint may take at most this many times a blank page's. */
const FIRST_PAINT_ALARM = 2;

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * In the page, from its start: the time the figures were painted, as Chromium reports it (Element
 * Timing: the presentation time of the frame that first drew an element's text). When an element
 * with `data-profile-id` first exists, its first element with text of its own is marked with
 * `elementtiming` before any frame can paint it; the blank peer's paragraph is marked the same way.
 * The time goes out through a binding: nothing of the test driver's runs in the page while it loads
 * (an evaluate after `load` used to land in the middle of the app's start and was timed with it).
 *
 * Until session 4 "painted" meant "in the DOM and the next animation frame has begun": that leaves
 * out the frame's own style, layout, paint and raster, which the blank page hardly has and the
 * overview does (about 30 ms here), and so flattered the overview.
 */
const PAINT_PROBE = `
  new MutationObserver((_records, observer) => {
    const figures = document.querySelector('[data-profile-id]');
    if (!figures) return;
    observer.disconnect();
    const walker = document.createTreeWalker(figures, NodeFilter.SHOW_TEXT, (node) => (node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP));
    walker.nextNode()?.parentElement?.setAttribute('elementtiming', 'figures');
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntries().find((candidate) => candidate.identifier === 'figures');
    if (!entry) return;
    observer.disconnect();
    window.__mdPainted(entry.renderTime);
  }).observe({ type: 'element', buffered: true });
`;

/** Where the page's paint report goes: the pending timeToPaint's resolver. */
let reportPaint: (time: number) => void = () => {};

async function installPaintProbe(page: Page): Promise<void> {
  await page.exposeFunction('__mdPainted', (time: number) => reportPaint(time));
  await page.addInitScript({ content: PAINT_PROBE });
}

async function timeToPaint(page: Page, url: string): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const painted = new Promise<number>((resolve, reject) => {
    reportPaint = resolve;
    timer = setTimeout(() => reject(new Error(`${url}: no paint of the figures reported within 10 s`)), 10_000);
  });
  await page.goto(url, { waitUntil: 'commit' });
  const time = await painted.finally(() => clearTimeout(timer));
  // What a page does after its first paint (layout, mounts and loads it defers) must not spill into
  // the next page's measurement: wait until its main thread is idle before navigating on.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  return time;
}

function rendererJsGzip(): { total: number; initial: number } {
  const assets = join('out/renderer/assets');
  const html = readFileSync('out/renderer/index.html', 'utf8');
  let total = 0;
  let initial = 0;
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    total += size;
    if (html.includes(file)) initial += size;
  }
  return { total, initial };
}

export async function run(): Promise<BenchResult[]> {
  // Always a fresh build: figures of an older renderer would be figures of other code.
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  const results: BenchResult[] = [];
  const js = rendererJsGzip();
  results.push({ name: 'renderer JS, gzipped, all chunks', value: round(js.total / 1024), unit: 'KiB', note: 'target ≤ 120 KiB incl. uPlot' });
  results.push({ name: 'renderer JS, gzipped, loaded at start', value: round(js.initial / 1024), unit: 'KiB', note: 'uPlot loads with the History view' });

  let firstPaintRatio: number | undefined;
  // Secrets in memory: `npm run bench` needs no keyring, and paint does not depend on keytar.
  const harness = await startHarness({ subaccounts: 1000, secrets: new MemorySecretStore() });
  try {
    const { page, app, exchange } = harness;
    const profiles = [];
    // Master keys (1,000 subaccounts in every snapshot) and one subaccount's own key (one account).
    for (const name of ['Main', 'Desk two', 'Desk three']) {
      const key = exchange.addKey({ permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
      profiles.push(await app.profiles.create({ name, colour: '#2f80ed', source: 'rest', baseUrl: harness.exchangeUrl, ...key }));
    }
    const subaccountKey = exchange.addKey({ account: exchange.subaccounts()[0]!.uid, permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' } });
    const single = await app.profiles.create({ name: 'One account', colour: '#12a150', source: 'rest', baseUrl: harness.exchangeUrl, ...subaccountKey });
    profiles.push(single);
    for (const profile of profiles) {
      app.activate(profile.id);
      await app.scheduler.refreshNow(profile.id);
    }
    app.activate(profiles[0]!.id);
    // Cached figures only from here on: no refresh may land while measuring.
    app.scheduler.pause();
    await installPaintProbe(page);

    // Later calls go over loopback HTTP, answered in about a millisecond as Electron's IPC does
    // (the end-to-end suite's default, a Playwright binding, takes 13–40 ms a call).
    const appUrl = new URL('?bridge=http', harness.rendererUrl).href;
    // The page as the dev server serves it: no opening written into it, asked for over the bridge.
    const askedUrl = new URL('?bridge=http&opening=bridge', harness.rendererUrl).href;
    const blankUrl = new URL(BLANK_PAGE_PATH, harness.rendererUrl).href;
    // DevTools' network domain only around the uncached loads: it reports every request while on.
    const network = await page.context().newCDPSession(page);
    const uncached = async (url: string) => {
      await network.send('Network.enable');
      await network.send('Network.setCacheDisabled', { cacheDisabled: true });
      try {
        return await timeToPaint(page, url);
      } finally {
        await network.send('Network.setCacheDisabled', { cacheDisabled: false });
        await network.send('Network.disable');
      }
    };

    const blank: number[] = [];
    const overview: number[] = [];
    const overviewUncached: number[] = [];
    const overviewAsked: number[] = [];
    const overviewLarge: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      blank.push(await timeToPaint(page, blankUrl));
      app.activate(single.id);
      overview.push(await timeToPaint(page, appUrl));
      overviewUncached.push(await uncached(appUrl));
      overviewAsked.push(await timeToPaint(page, askedUrl));
      app.activate(profiles[0]!.id);
      overviewLarge.push(await timeToPaint(page, appUrl));
    }
    const ratio = (times: number[]) => Math.round((median(times) / median(blank)) * 100) / 100;
    results.push({ name: 'first paint, blank page (peer)', value: round(median(blank)), unit: 'ms' });
    results.push({ name: 'first paint, cached overview (one account)', value: round(median(overview)), unit: 'ms', note: 'opening in the page, code cached' });
    results.push({ name: 'cached overview / blank page', value: ratio(overview), unit: '×', note: `alarm over ${FIRST_PAINT_ALARM}×` });
    firstPaintRatio = ratio(overview);
    results.push({ name: 'cached overview / blank, nothing cached', value: ratio(overviewUncached), unit: '×', note: 'first start after install/update' });
    results.push({ name: 'cached overview / blank, opening asked over the bridge', value: ratio(overviewAsked), unit: '×', note: 'not written into the page' });
    results.push({
      name: 'first paint, cached overview (master, 1,000 subaccounts)',
      value: round(median(overviewLarge)),
      unit: 'ms',
      note: 'its 1,000 subaccounts follow after the paint',
    });

    const switches: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      const target = index % 2 === 0 ? 2 : 1;
      const id = profiles[target - 1]!.id;
      switches.push(
        await timeUntil(
          page,
          `window.dispatchEvent(new KeyboardEvent('keydown', { key: '${target}', code: 'Digit${target}', ctrlKey: true, bubbles: true }))`,
          `[data-profile-id="${id}"]`,
        ),
      );
    }
    results.push({ name: 'profile switch (Ctrl+N) to painted cached snapshot', value: round(median(switches)), unit: 'ms', note: 'target < 50 ms' });

    await page.goto(harness.rendererUrl);
    // The navigation rail mounts the frame after the figures: wait for it before clicking it.
    await page.locator('nav[aria-label="Views"]').waitFor();
    const render: number[] = [];
    const resort: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      render.push(
        await timeUntil(
          page,
          `[...document.querySelectorAll('nav[aria-label="Views"] button')].find((b) => b.textContent.includes('Subaccounts')).click()`,
          'table[aria-label="Subaccounts"] tbody tr[data-uid]',
        ),
      );
      const first = await page.locator('table[aria-label="Subaccounts"] tbody tr[data-uid]').first().getAttribute('data-uid');
      resort.push(
        await timeUntil(
          page,
          `document.querySelectorAll('table[aria-label="Subaccounts"] thead th button')[1].click()`,
          `table[aria-label="Subaccounts"] tbody tr[data-uid]:not([data-uid="${first}"]):first-of-type, table[aria-label="Subaccounts"] tbody tr.spacer + tr[data-uid]:not([data-uid="${first}"])`,
        ),
      );
      await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('nav[aria-label="Views"] button')).find((b) => b.textContent?.includes('Overview'))?.click());
      await page.locator('[data-profile-id]').first().waitFor();
    }
    results.push({ name: 'subaccounts view, 1,000 rows: render', value: round(median(render)), unit: 'ms' });
    results.push({ name: 'subaccounts view, 1,000 rows: re-sort', value: round(median(resort)), unit: 'ms' });
    results.push({
      name: 'subaccount rows in the DOM (virtualised)',
      value: await page.evaluate(() => {
        Array.from(document.querySelectorAll<HTMLElement>('nav[aria-label="Views"] button')).find((b) => b.textContent?.includes('Subaccounts'))?.click();
        return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(document.querySelectorAll('tbody tr[data-uid]').length)));
      }),
      unit: 'rows',
    });
  } finally {
    await harness.close();
    await closeBrowser();
  }
  if (firstPaintRatio !== undefined && firstPaintRatio > FIRST_PAINT_ALARM) {
    throw new Error(`Cached overview's first paint is ${firstPaintRatio}× a blank page's (alarm over ${FIRST_PAINT_ALARM}×): ${JSON.stringify(results)}`);
  }
  return results;
}

if (import.meta.main) console.table(await run());
