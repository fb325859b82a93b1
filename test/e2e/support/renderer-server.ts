/**
 * Serves the built renderer (out/renderer) on loopback with the same headers the app:// protocol
 * sends (CSP, cross-origin isolation), so the end-to-end suite tests the page under the real policy.
 *
 * Caching as the app has it: Vite names every file under /assets/ by its content hash, so they are
 * served as immutable and Chromium keeps them with their compiled code between loads, as it keeps
 * the app:// scheme's scripts (registered with `codeCache`, src-main/electron/app-protocol.ts).
 * index.html, which names the current hashes, is asked for every time. The renderer benchmark also
 * measures a load with no cache at all, as after an install or update.
 *
 * With a bridge connected (`serveBridge`), the server writes the window's opening into the page as
 * the app:// protocol does (src-main/bridge/page-with-opening.ts), and takes bridge calls over HTTP
 * (see ./browser-bridge-entry.ts). `?opening=bridge` serves the page without it, as the dev server
 * does: the page asks for its opening over the bridge.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { contentTypeOf, resolveInside } from '../../../src-main/security/renderer-files.ts';
import { RENDERER_RESPONSE_HEADERS } from '../../../src-main/security/response-headers.ts';
import { pageWithOpening } from '../../../src-main/bridge/page-with-opening.ts';
import type { BridgeResult, WindowOpening } from '../../../src-preload/contract.ts';
import { BRIDGE_HTTP_PATH } from './bridge-http-path.ts';

/** Answers one bridge call; `pageUrl` is the calling page's address (its Referer). */
export type BridgeOverHttp = (channel: string, input: unknown, pageUrl: string) => Promise<unknown>;

/** The window's opening, as main writes it into the page it serves. */
export type OpeningForPage = () => Promise<BridgeResult<WindowOpening>>;

export interface RendererServer {
  readonly url: string;
  serveBridge(answer: BridgeOverHttp, openingForPage: OpeningForPage): void;
  close(): Promise<void>;
}

/** A page with nothing but one paragraph: the peer the renderer benchmark measures first paint against. */
export const BLANK_PAGE_PATH = '/__blank.html';
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><p data-profile-id="blank">Margin Desk</p></body></html>';

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function bodyText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveBuiltRenderer(root = resolve('out/renderer')): Promise<RendererServer> {
  let bridge: BridgeOverHttp | null = null;
  let opening: OpeningForPage | null = null;
  const page = resolve(root, 'index.html');
  const server = createServer(async (request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://x');
    if (pathname === BLANK_PAGE_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...RENDERER_RESPONSE_HEADERS });
      response.end(BLANK_PAGE);
      return;
    }
    if (pathname === BRIDGE_HTTP_PATH && request.method === 'POST' && bridge !== null) {
      const { channel, input } = JSON.parse(await bodyText(request)) as { channel: string; input: unknown };
      const result = await bridge(channel, input, request.headers.referer ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
      return;
    }
    const path = resolveInside(root, pathname);
    try {
      if (!path) throw new Error('outside');
      const headers = { 'content-type': contentTypeOf(path), ...RENDERER_RESPONSE_HEADERS };
      if (path === page && opening !== null && searchParams.get('opening') !== 'bridge') {
        const html = pageWithOpening(await readFile(path, 'utf8'), await opening());
        response.writeHead(200, { ...headers, 'cache-control': 'no-store' });
        response.end(html);
        return;
      }
      const body = await readFile(path);
      response.writeHead(200, { ...headers, 'cache-control': pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    serveBridge(answer, openingForPage) {
      bridge = answer;
      opening = openingForPage;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
