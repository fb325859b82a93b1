/**
 * Serves the built renderer (out/renderer) on loopback with the same CSP header the app:// protocol
 * sends, so the end-to-end suite tests the page under the real policy.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { contentTypeOf, resolveInside } from '../../../src-main/security/renderer-files.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security/content-security-policy.ts';

export interface RendererServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A page with nothing but one paragraph: the peer the renderer benchmark measures first paint against. */
export const BLANK_PAGE_PATH = '/__blank.html';
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><p data-profile-id="blank">Margin Desk</p></body></html>';

export async function serveBuiltRenderer(root = resolve('out/renderer')): Promise<RendererServer> {
  const server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    if (pathname === BLANK_PAGE_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(BLANK_PAGE);
      return;
    }
    const path = resolveInside(root, pathname);
    try {
      if (!path) throw new Error('outside');
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': contentTypeOf(path), 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
