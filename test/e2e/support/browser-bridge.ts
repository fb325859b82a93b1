/// <reference lib="dom" />
/**
 * Connects a page to the real main-process handler table: the page gets the same bridge object the
 * preload exposes (bundled from src-preload/bridge.ts), every call goes through the real dispatcher,
 * and main's events are delivered to the page's subscribers.
 *
 * Calls arrive through a Playwright binding, with the calling frame as their sender; or, for pages
 * opened with `?bridge=http`, as POSTs to the renderer server, with the page's address as the
 * sender's URL and the main frame assumed (the app's CSP allows no frames; the dispatcher's frame
 * checks are covered through the binding and in its unit tests).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'rolldown';
import { EVENT_CHANNELS, type EventName, type Events } from '../../../src-preload/contract.ts';
import type { Dispatcher } from '../../../src-main/bridge/dispatcher.ts';
import type { RendererServer } from './renderer-server.ts';

let bundled: Promise<string> | null = null;

function bridgeScript(): Promise<string> {
  bundled ??= build({
    input: fileURLToPath(new URL('./browser-bridge-entry.ts', import.meta.url)),
    write: false,
    output: { format: 'iife' },
    logLevel: 'silent',
  }).then((result) => result.output[0].code);
  return bundled;
}

export async function connectBridge(page: Page, dispatcher: Dispatcher, renderer: RendererServer): Promise<void> {
  renderer.serveBridge(
    (channel, input, pageUrl) => dispatcher.dispatch(channel, { fromAppWindow: true, isMainFrame: true, frameUrl: pageUrl }, [input]),
    () => dispatcher.openingForPage(),
  );
  await page.exposeBinding('__mdInvoke', ({ frame }, channel: string, args: unknown[]) =>
    dispatcher.dispatch(channel, { fromAppWindow: true, isMainFrame: frame === page.mainFrame(), frameUrl: frame.url() }, args),
  );
  await page.addInitScript({ content: await bridgeScript() });
}

/** Delivers a main → renderer event to the page, as webContents.send would. */
export async function emitToPage<K extends EventName>(page: Page, name: K, payload: Events[K]): Promise<void> {
  if (page.isClosed()) return;
  await page
    .evaluate(([channel, data]) => window.__mdEmit(channel, data), [EVENT_CHANNELS[name], payload] as const)
    .catch(() => {
      // The page may be navigating or closing between the check and the call; the event is moot then.
    });
}
