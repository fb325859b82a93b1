/**
 * Timings of the built renderer in Chromium, each the median of several runs, measured inside the
 * page from the user's action to the next animation frame after the result is in the DOM (so they
 * are quantised to frames). Reported, never asserted.
 */
import type { Page } from 'playwright-core';

export interface Timing {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function repeat(times: number, run: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < times; i++) values.push(await run());
  return Math.round(median(values) * 10) / 10;
}

/** Ctrl+n, then until the status line names the profile and the frame after is painted. */
function switchTo(page: Page, digit: number, profile: string): Promise<number> {
  return page.evaluate(
    async ({ digit, profile }) => {
      const start = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: String(digit), code: `Digit${digit}`, ctrlKey: true, bubbles: true }));
      await new Promise<void>((done) => {
        const poll = () => (document.querySelector('footer')?.textContent?.includes(profile) && document.querySelector('.banner') ? done() : requestAnimationFrame(poll));
        poll();
      });
      await new Promise((done) => requestAnimationFrame(done));
      return performance.now() - start;
    },
    { digit, profile },
  );
}

function openSubaccounts(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const nav = document.querySelector('nav[aria-label="Views"]');
    const button = [...(nav?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.includes('Subaccounts'));
    const start = performance.now();
    button?.click();
    await new Promise<void>((done) => {
      const poll = () => (document.querySelectorAll('tr[data-uid]').length > 0 ? done() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((done) => requestAnimationFrame(done));
    return performance.now() - start;
  });
}

function leave(page: Page): Promise<void> {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Views"]');
    [...(nav?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.includes('Overview'))?.click();
  });
}

function resort(page: Page, column: string): Promise<number> {
  return page.evaluate(async (column) => {
    const header = [...document.querySelectorAll('th[aria-sort]')].find((candidate) => candidate.textContent?.includes(column));
    const before = document.querySelector('tr[data-uid]')?.getAttribute('data-uid');
    const start = performance.now();
    header?.querySelector('button')?.click();
    await new Promise<void>((done) => {
      const poll = () => (document.querySelector('tr[data-uid]')?.getAttribute('data-uid') !== before ? done() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((done) => requestAnimationFrame(done));
    return performance.now() - start;
  }, column);
}

/**
 * Load of a page to its first painted content (the app with a cached overview, or a blank page),
 * without the time the fake bridge spends building its scenario in the page.
 */
async function firstPaint(page: Page, url: string, selector: string): Promise<number> {
  await page.goto('about:blank');
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector(selector);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  const elapsed = Date.now() - start;
  const setup = await page.evaluate(() => (window as unknown as { __bridgeSetupMs?: number }).__bridgeSetupMs ?? 0);
  return elapsed - setup;
}

/** `baseUrl` serves the app and `/blank.html`; the "many" scenario has 1,000 subaccounts, Bot account second. */
export async function measure(page: Page, baseUrl: string): Promise<Timing[]> {
  const app = await repeat(5, () => firstPaint(page, `${baseUrl}/?scenario=seed`, '.banner'));
  const blank = await repeat(5, () => firstPaint(page, `${baseUrl}/blank.html`, 'p'));
  // Ends on the many scenario, where the remaining timings are taken.
  const manyApp = await repeat(3, () => firstPaint(page, `${baseUrl}/?scenario=many`, '.banner'));
  const switchMs = await repeat(6, async () => {
    const there = await switchTo(page, 2, 'Bot account');
    await switchTo(page, 1, 'Main');
    return there;
  });
  const render = await repeat(5, async () => {
    await leave(page);
    return openSubaccounts(page);
  });
  const sort = await repeat(6, () => resort(page, 'Margin equity'));
  return [
    { name: 'first paint, cached overview', value: app, unit: 'ms', note: 'navigation to painted health banner, fake bridge setup excluded' },
    { name: 'first paint, cached overview, 1,000 subaccounts', value: manyApp, unit: 'ms', note: 'navigation to painted health banner' },
    { name: 'first paint, blank page', value: blank, unit: 'ms', note: 'same server and browser' },
    { name: 'first paint ratio app / blank', value: Math.round((app / blank) * 100) / 100, unit: '×' },
    { name: 'profile switch to painted cached snapshot', value: switchMs, unit: 'ms', note: 'Ctrl+2 to next frame' },
    { name: 'subaccounts view, 1,000 rows, render', value: render, unit: 'ms', note: 'click to next frame' },
    { name: 'subaccounts view, 1,000 rows, re-sort', value: sort, unit: 'ms', note: 'click to next frame' },
  ];
}
