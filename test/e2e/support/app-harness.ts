/**
 * The whole app minus Electron, for the end-to-end suite: the real AppServices (SQLite in a temp
 * folder, the OS keychain through keytar when a Secret Service is there, the Kraken client over real
 * loopback HTTP against the simulated exchange), the real handler table behind the real dispatcher,
 * and the built renderer in Debian's Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AppServices } from '../../../src-main/app/app-services.ts';
import { createDispatcher } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { SimulatedExchange, type ExchangeServer } from '../../../src-main/kraken/simulator/exchange.ts';
import { createSampleExchange } from '../../../src-main/kraken/simulator/sample-exchange.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import type { SchedulerTiming } from '../../../src-main/monitor/refresh-scheduler.ts';
import { KeytarSecretStore } from '../../../src-main/profiles/keytar-secret-store.ts';
import type { SecretStore } from '../../../src-main/profiles/secret-store.ts';
import { launchChromium } from './browser.ts';
import { connectBridge, emitToPage } from './browser-bridge.ts';
import { serveBuiltRenderer, type RendererServer } from './renderer-server.ts';

export const SCREENSHOT_DIR = resolve('test-results/screenshots');
/** The page's locale: the screenshots and the figures the tests read are written in it. */
const PAGE_LOCALE = 'en-US';

export interface Harness {
  readonly app: AppServices;
  /** The exchange on loopback that kraken profiles of this harness talk to. */
  readonly exchange: SimulatedExchange;
  readonly exchangeUrl: string;
  /** The same exchange's Unified WebSocket, for Kraken API key profiles. */
  readonly exchangeStreamUrl: string;
  readonly page: Page;
  /** Where the built renderer is served (the app's origin in this harness). */
  readonly rendererUrl: string;
  readonly dataDir: string;
  /** Hook calls the desktop would have performed (open link, show log file, login item). */
  readonly hookCalls: string[];
  screenshot(name: string): Promise<string>;
  /** Stops the exchange's server (to play an outage); `restartExchange` brings it back on the same port. */
  stopExchange(): Promise<void>;
  restartExchange(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly subaccounts?: number;
  readonly colorScheme?: 'light' | 'dark';
  /** Keychain service name: unique per test file so runs never see each other's entries. */
  readonly keychainService?: string;
  /** Another secret store than the real keychain: the renderer benchmark measures paint, not keytar. */
  readonly secrets?: SecretStore;
  /** Shorter staleness and probing, to watch a whole outage within a test. */
  readonly monitorTiming?: SchedulerTiming;
  /** The file the native open dialog "chooses" for an import of keys; none: the dialog is closed without one. */
  readonly keyFile?: string;
}

let browser: Browser | null = null;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-e2e-'));
  const exchange = new SimulatedExchange({ seed: 7 });
  exchange.setMarkPrice('pf_xbtusd', '64250.5');
  exchange.setMarkPrice('pi_xbtusd', '64250.5');
  exchange.setMarkPrice('pf_ethusd', '3180.25');
  exchange.setUsdRate('EUR', '1.1009');
  exchange.deposit('USD', '20000');
  exchange.deposit('BTC', '0.5');
  exchange.deposit('EUR', '4540.5837374453');
  exchange.setCash('xbt', '141.31756797');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '2', entryPrice: '64000' });
  if (options.subaccounts) exchange.addSubaccounts(options.subaccounts);
  let server: ExchangeServer = await exchange.listen();
  const port = Number(new URL(server.url).port);

  const hookCalls: string[] = [];
  const app = new AppServices({
    dataDir,
    appVersion: '0.1.0-e2e',
    platform: 'linux',
    secrets: options.secrets ?? new KeytarSecretStore({ service: options.keychainService ?? `com.margindesk.e2e.${process.pid}.${Date.now()}` }),
    logger: createLogger({ filePath: join(dataDir, 'logs', 'main.log') }),
    hooks: {
      showLogFile: (path) => void hookCalls.push(`showLogFile ${path}`),
      openExternal: (url) => void hookCalls.push(`openExternal ${url}`),
      setStartAtLogin: (enabled, hidden) => void hookCalls.push(`startAtLogin ${enabled} ${hidden}`),
      chooseKeyFile: async () => {
        hookCalls.push('chooseKeyFile');
        return options.keyFile ?? null;
      },
    },
    sampleExchange: createSampleExchange(),
    monitorTiming: options.monitorTiming,
  });
  await app.start();

  const renderer: RendererServer = await serveBuiltRenderer();
  const colorScheme = options.colorScheme ?? 'light';
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 820 }, colorScheme, locale: PAGE_LOCALE });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A CSP violation is a bug: something the app needs is blocked, or something unexpected ran.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await connectBridge(page, createDispatcher({ handlers: createHandlerTable(app), appOrigin: renderer.url, logger: app.logger }), renderer);
  const unsubscribe = app.events.subscribe((name, payload) => void emitToPage(page, name, payload));
  await page.goto(renderer.url);

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    app,
    exchange,
    get exchangeUrl() {
      return server.url;
    },
    get exchangeStreamUrl() {
      return server.uwsUrl;
    },
    page,
    rendererUrl: renderer.url,
    dataDir,
    hookCalls,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    stopExchange: () => server.close(),
    async restartExchange() {
      server = await exchange.listen({ port });
    },
    async close() {
      unsubscribe();
      await context.close();
      await renderer.close();
      await server.close().catch(() => {});
      app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      if (pageErrors.length) throw new Error(`Errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}
