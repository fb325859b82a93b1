/**
 * ELECTRON_RENDERER_URL is a development switch: a packaged app loads its own page whatever the
 * environment says, so no page the environment names can become the origin the IPC gate trusts.
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from '../../../src-main/security/content-security-policy.ts';
import { rendererPage } from '../../../src-main/security/renderer-page.ts';

const APP_ORIGIN = 'app://margin-desk/';
const BUILT = { url: 'app://margin-desk/index.html', origin: APP_ORIGIN, contentSecurityPolicy: CONTENT_SECURITY_POLICY };

function page(packaged: boolean, devServer?: string) {
  const warnings: string[] = [];
  const result = rendererPage({ packaged, env: { ELECTRON_RENDERER_URL: devServer }, appOrigin: APP_ORIGIN, warn: (message) => warnings.push(message) });
  return { result, warnings };
}

describe('the page the window loads', () => {
  it('is the built page with the strict CSP when no dev server is named', () => {
    expect(page(true).result).toEqual(BUILT);
    expect(page(false).result).toEqual(BUILT);
    expect(page(false, '').warnings).toEqual([]);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, remote or local, and says so in the log', () => {
    for (const devServer of ['https://evil.example/', 'http://localhost:5173/']) {
      const { result, warnings } = page(true, devServer);
      expect(result).toEqual(BUILT);
      expect(warnings).toEqual(['ELECTRON_RENDERER_URL is ignored: it is a development switch and this is a packaged app']);
    }
  });

  it('loads the dev server in development, trusting its origin, with the development CSP', () => {
    expect(page(false, 'http://localhost:5173/').result).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173/',
      contentSecurityPolicy: DEVELOPMENT_CONTENT_SECURITY_POLICY,
    });
    expect(page(false, 'http://127.0.0.1:5173').result.origin).toBe('http://127.0.0.1:5173/');
  });

  it('refuses a dev server that is not on this machine or not http, even in development', () => {
    for (const devServer of ['https://evil.example/', 'http://localhost.evil.example/', 'file:///etc/passwd', 'http://user:pw@localhost:5173/', 'not a url']) {
      const { result, warnings } = page(false, devServer);
      expect(result).toEqual(BUILT);
      expect(warnings).toHaveLength(1);
    }
  });
});
