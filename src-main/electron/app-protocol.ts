/**
 * Serves the built renderer from `app://margin-desk/` instead of file://. A real origin lets the CSP
 * say 'self', lets the IPC gate recognise the app's own pages, and keeps the page away from the file
 * system: only files inside out/renderer are served, with the CSP header on every response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.ts';
import { contentTypeOf, resolveInside } from '../security/renderer-files.ts';

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

export function serveRendererFrom(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === 'margin-desk' ? resolveInside(root, url.pathname) : null;
    if (!path) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(path),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
