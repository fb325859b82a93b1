/**
 * Looks at the built renderer the way a user would: builds it, serves it on 127.0.0.1 with a fake
 * bridge injected before the page runs, and screenshots every view per scenario in light and dark
 * with Debian's Chromium. Reports CSP violations and page errors, and the gzipped JS size.
 *
 *   node test/renderer/look/look.ts [outDir] [--only=scenario,scenario] [--views=Overview,History] [--measure]
 */
import { readdir, readFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildRenderer } from './build-renderer.ts';
import { measure, type Timing } from './measure.ts';
import { SCENARIOS } from './scenario-names.ts';

const VIEWS = ['Overview', 'Flex collateral', 'Subaccounts', 'History', 'Alerts', 'Profiles', 'Settings'] as const;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

async function bundleBridge(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: resolve('test/renderer/look/browser-bridge.ts'), formats: ['iife'], name: 'lookBridge', fileName: () => 'bridge.js' },
    },
  });
  return join(outDir, 'bridge.js');
}

function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/blank.html') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>blank</p>');
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

export async function jsSizeGzipped(rendererDir: string): Promise<{ file: string; raw: number; gzip: number }[]> {
  const assets = join(rendererDir, 'assets');
  const files = (await readdir(assets)).filter((file) => file.endsWith('.js'));
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(join(assets, file));
      return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }),
  );
}

async function showView(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: false }).first().click();
  await page.getByRole('heading', { level: 1, name: view }).waitFor();
  if (view === 'History') await page.waitForTimeout(400);
}

/** States worth a picture that need a few clicks: the subaccount detail pane, a tested key. */
async function extras(page: Page, shot: (name: string) => Promise<void>): Promise<void> {
  await showView(page, 'Subaccounts');
  await page.getByRole('searchbox').fill('redacted');
  await page.getByRole('button', { name: /fullname redacted/ }).click();
  await shot('subaccount-detail');
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox').fill('');
  await showView(page, 'Profiles');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Treasury');
  await page.getByLabel('API key (public)').fill('pubFULLkey0000X9fQ');
  await page.getByLabel('Private key (secret)').fill(Buffer.alloc(64, 7).toString('base64'));
  await page.getByRole('region', { name: 'Add a Kraken profile' }).getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('Connected, but this key can do more').waitFor();
  await shot('add-profile-tested');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? '/tmp/margin-desk-look');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
  const views = args.find((arg) => arg.startsWith('--views='))?.slice(8).split(',') ?? VIEWS.map((view) => view);
  const rendererDir = await buildRenderer(join(outDir, 'renderer'));
  const bridgeScript = await bundleBridge(join(outDir, 'bridge'));
  const shots = join(outDir, 'shots');
  await mkdir(shots, { recursive: true });
  const server = await serve(rendererDir);
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const problems: string[] = [];
  let timings: Timing[] = [];
  try {
    if (args.includes('--measure')) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ path: bridgeScript });
      timings = await measure(page, `http://127.0.0.1:${port}`);
      await page.close();
    }
    for (const theme of ['light', 'dark'] as const) {
      for (const name of SCENARIOS.filter((candidate) => only === undefined || only.includes(candidate))) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
        page.on('console', (message) => {
          const text = message.text();
          if (text.includes('Content Security Policy') || (message.type() === 'error' && !text.startsWith('Failed to load resource'))) problems.push(`${name}/${theme}: ${text}`);
        });
        page.on('pageerror', (error) => problems.push(`${name}/${theme}: ${error.message}`));
        page.on('response', (response) => {
          if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${name}/${theme}: ${response.status()} ${response.url()}`);
        });
        await page.addInitScript({ path: bridgeScript });
        await page.goto(`http://127.0.0.1:${port}/?scenario=${name}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        for (const view of name === 'first-run' ? ['Overview', 'Profiles'] : views) {
          await showView(page, view);
          const file = join(shots, `${name}-${view.toLowerCase().replace(/ /g, '-')}-${theme}.png`);
          await page.screenshot({ path: file });
        }
        if (name === 'seed' && views.length === VIEWS.length) {
          await extras(page, (extra) => page.screenshot({ path: join(shots, `${name}-${extra}-${theme}.png`) }).then(() => undefined));
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sizes = await jsSizeGzipped(rendererDir);
  console.table(sizes);
  console.log(`renderer JS gzipped: ${(sizes.reduce((sum, entry) => sum + entry.gzip, 0) / 1024).toFixed(1)} KB`);
  console.log(`screenshots in ${shots}`);
  if (timings.length > 0) console.table(timings);
  if (problems.length > 0) {
    console.log('problems:\n' + problems.join('\n'));
    process.exitCode = 1;
  }
}

if (import.meta.main) await main();
