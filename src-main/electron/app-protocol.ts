/**
 * Serves the built renderer from `app://margin-desk/` instead of file://. A real origin lets the CSP
 * say 'self', lets the IPC gate recognise the app's own pages, and keeps the page away from the file
 * system: only files inside out/renderer are served, with the CSP and cross-origin isolation headers
 * on every response (../security/response-headers.ts).
 *
 * The page itself (index.html) goes out with the window's opening written into it, so the renderer
 * starts without an IPC round trip (src-main/bridge/page-with-opening.ts); it is never stored in a
 * cache, as it carries the user's figures.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import type { BridgeResult } from '../../src-preload/contract.ts';
import { pageWithOpening } from '../bridge/page-with-opening.ts';
import { contentTypeOf, resolveInside } from '../security/renderer-files.ts';
import { RENDERER_RESPONSE_HEADERS } from '../security/response-headers.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://margin-desk/`;

/**
 * Must run before the app is ready: the scheme is standard and secure like https, and Chromium keeps
 * compiled scripts between launches (code cache), which shortens every start's first paint.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, codeCache: true } },
  ]);
}

export function serveRendererFrom(root: string, openingForPage: () => Promise<BridgeResult<unknown>>): void {
  const page = join(root, 'index.html');
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === 'margin-desk' ? resolveInside(root, url.pathname) : null;
    if (!path) return new Response('Not found', { status: 404 });
    const headers = { 'content-type': contentTypeOf(path), ...RENDERER_RESPONSE_HEADERS };
    try {
      if (path === page) {
        const html = pageWithOpening(await readFile(path, 'utf8'), await openingForPage());
        return new Response(html, { headers: { ...headers, 'cache-control': 'no-store' } });
      }
      return new Response(await readFile(path), { headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
