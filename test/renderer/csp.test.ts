/**
 * The page's Content-Security-Policy: the production build's meta tag says what main's header says
 * (one policy, two carriers), and only the dev server relaxes it, to main's development policy.
 * Builds the renderer with the project's own configuration, as `electron-vite build` does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { createServer, mergeConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy.ts';
import { buildRenderer } from './look/build-renderer.ts';

/** Directives a <meta> policy cannot carry: browsers ignore them there (CSP 3, §3.3). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/** A policy as directive → sorted sources, so order and spacing do not matter. */
function parsePolicy(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    expect(directives, `${name} appears twice`).not.toHaveProperty(name.toLowerCase());
    directives[name.toLowerCase()] = sources.sort();
  }
  return directives;
}

function asMeta(policy: string): Record<string, string[]> {
  const directives = parsePolicy(policy);
  for (const name of HEADER_ONLY) delete directives[name];
  return directives;
}

function metaPolicy(html: string): string {
  const tags = html.match(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi) ?? [];
  expect(tags).toHaveLength(1);
  const content = /content="([^"]*)"/i.exec(tags[0]!)?.[1];
  if (content === undefined) throw new Error('the CSP meta tag has no content');
  return content;
}

const outDir = mkdtempSync(join(tmpdir(), 'md-csp-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Content-Security-Policy of the page', () => {
  it('the built index.html carries the header policy, less what a meta tag cannot carry', async () => {
    await buildRenderer(outDir);
    const meta = parsePolicy(metaPolicy(readFileSync(join(outDir, 'index.html'), 'utf8')));
    expect(meta).toEqual(asMeta(CONTENT_SECURITY_POLICY));
    for (const name of HEADER_ONLY) expect(meta).not.toHaveProperty(name);
  }, 120_000);

  it('the dev server serves main development policy instead, allowing its style tags and reload socket only', async () => {
    const resolved = await resolveConfig({}, 'serve', 'development');
    const renderer = resolved.config?.renderer;
    if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer configuration');
    const server = await createServer(mergeConfig(renderer, { configFile: false, logLevel: 'silent', server: { middlewareMode: true, hmr: false } }));
    try {
      const html = await server.transformIndexHtml('/index.html', readFileSync(resolve('src-renderer/index.html'), 'utf8'));
      const meta = parsePolicy(metaPolicy(html));
      expect(meta).toEqual(asMeta(DEVELOPMENT_CONTENT_SECURITY_POLICY));
      expect(meta['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(meta['script-src']).toEqual(["'self'"]);
      expect(meta['connect-src']).toContain('ws://localhost:*');
    } finally {
      await server.close();
    }
  }, 120_000);
});
