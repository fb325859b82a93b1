import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { DEVELOPMENT_CONTENT_SECURITY_POLICY } from './src-main/security/content-security-policy.ts';

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;

/**
 * `npm run dev` only: the dev server injects <style> tags and reloads over a WebSocket, which the
 * production policy in index.html blocks. The meta tag gets main's development policy instead (the
 * one its header sends while the dev server serves the page), less frame-ancestors, which a meta tag
 * cannot carry. Builds keep index.html's policy untouched.
 */
function developmentCsp(): Plugin {
  const policy = DEVELOPMENT_CONTENT_SECURITY_POLICY.split(';')
    .map((directive) => directive.trim())
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'margin-desk:development-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!CSP_META.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag to relax for the dev server');
      return html.replace(CSP_META, `$1${policy}$2`);
    },
  };
}

const ENTRY_SCRIPT = /<script type="module" crossorigin src=/;

/**
 * Builds only: the entry script blocks rendering until it has run (`blocking="render"`). The page
 * has nothing to show before it (main.ts mounts the frame with the cached figures, which the page
 * carries, in the same task as it runs), and without it Chromium paints an empty frame first, whose
 * raster and compositing then compete with the script on a 2-core machine (renderer benchmark).
 * Vite writes the entry's tag itself and drops attributes it does not know, so the attribute goes
 * in after it.
 */
function renderBlockingEntry(): Plugin {
  return {
    name: 'margin-desk:render-blocking-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!ENTRY_SCRIPT.test(html)) throw new Error('index.html: the entry script tag Vite writes has changed; update renderBlockingEntry');
        return html.replace(ENTRY_SCRIPT, '<script type="module" blocking="render" crossorigin src=');
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [
      // Components build their DOM with createElement calls rather than by parsing an HTML string
      // per template (innerHTML): the parsing was the largest script cost of the first paint in the
      // renderer benchmark's CPU profile (about 4 ms of the overview's start), and the bundle is no larger.
      svelte({ compilerOptions: { fragments: 'tree' } }),
      developmentCsp(),
      renderBlockingEntry(),
    ],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default; minified it stays inside the
      // 120 KB gzip budget and parses faster at start.
      minify: true,
      rollupOptions: {
        input: { index: resolve('src-renderer/index.html') },
        output: {
          // Everything the entry imports statically (the shell and the overview) in one file, as
          // one request at start; the other views and uPlot stay chunks of their own, loaded on
          // first visit. Without this, modules the entry shares with those views go to a chunk
          // of their own: two requests on the way to the first paint.
          codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
        },
      },
    },
  },
});
