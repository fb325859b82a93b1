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
    plugins: [svelte(), developmentCsp()],
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
