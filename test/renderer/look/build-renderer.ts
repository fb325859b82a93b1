/**
 * Builds only the renderer, with exactly the configuration `electron-vite build` uses (resolved from
 * electron.vite.config.ts), so the renderer can be looked at and measured while main is elsewhere
 * in progress or broken. Writes out/renderer unless told otherwise.
 */
import { resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig } from 'vite';

export async function buildRenderer(outDir = resolve('out/renderer')): Promise<string> {
  const resolved = await resolveConfig({}, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer configuration');
  await build(mergeConfig(renderer, { build: { outDir, emptyOutDir: true }, logLevel: 'warn' }));
  return outDir;
}

if (import.meta.main) {
  console.log(`renderer built into ${await buildRenderer(process.argv[2])}`);
}
