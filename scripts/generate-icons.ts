/**
 * Renders every app icon and tray image from vector sources into build/:
 *   build/icon.png                      1024 px master (electron-builder's fallback for all OSes)
 *   build/icons/<n>x<n>.png             Linux hicolor sizes, 16…512
 *   build/icon.ico                      Windows, 16…256 in one file
 *   build/icon.icns                     macOS, 16…1024 (1x and 2x slots)
 *   build/tray/tray-<state>-<variant>.png, @1.5x, @2x   16, 24, 32 px for Linux and Windows trays
 *   build/tray/trayTemplate-<state>.png, @2x            16, 32 px macOS template images
 * The app icon's source is build/icon.svg; the tray glyph is drawn in scripts/icons/tray-artwork.ts.
 * The outputs are committed, so packaging needs no renderer; run `npm run icons` after changing a
 * source (test/main/packaging/icons.test.ts fails while the committed files are out of date).
 *
 * Run: node scripts/generate-icons.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';
import { ICNS_TYPES, writeIcns } from './icons/icns.ts';
import { TRAY_PALETTES, TRAY_STATES, TRAY_VARIANTS, traySvg } from './icons/tray-artwork.ts';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Windows picks from these for the taskbar, Explorer views and the installer (256 is required by electron-builder). */
export const WINDOWS_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Electron's nativeImage loads `name@<scale>x.png` siblings as extra representations of `name.png`. */
export const TRAY_SCALES = [
  { suffix: '', pixels: 16 },
  { suffix: '@1.5x', pixels: 24 }, // Linux panels draw tray icons at 22–24 px
  { suffix: '@2x', pixels: 32 },
] as const;
export const TEMPLATE_SCALES = [
  { suffix: '', pixels: 16 },
  { suffix: '@2x', pixels: 32 },
] as const;

export const BUILD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'build');

/** Rasterises SVG markup to a PNG of `pixels` × `pixels`; no fonts (the artwork has no text) keeps it reproducible. */
export function renderPng(svg: string, pixels: number): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: pixels }, font: { loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}

/** Every generated file, keyed by its path relative to build/. */
export async function generateIcons(buildDir: string = BUILD_DIR): Promise<Map<string, Buffer>> {
  const iconSvg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
  const appIcon = new Map<number, Buffer>();
  const appIconAt = (pixels: number): Buffer => {
    let png = appIcon.get(pixels);
    if (!png) appIcon.set(pixels, (png = renderPng(iconSvg, pixels)));
    return png;
  };

  const files = new Map<string, Buffer>();
  files.set('icon.png', appIconAt(1024));
  for (const size of LINUX_ICON_SIZES) files.set(`icons/${size}x${size}.png`, appIconAt(size));
  files.set('icon.ico', await pngToIco(WINDOWS_ICON_SIZES.map(appIconAt)));
  files.set('icon.icns', writeIcns(ICNS_TYPES.map(([type, pixels]) => ({ type, data: appIconAt(pixels) }))));

  for (const state of TRAY_STATES) {
    for (const variant of TRAY_VARIANTS) {
      const svg = traySvg(state, TRAY_PALETTES[variant]);
      for (const { suffix, pixels } of TRAY_SCALES) files.set(`tray/tray-${state}-${variant}${suffix}.png`, renderPng(svg, pixels));
    }
    const template = traySvg(state, TRAY_PALETTES.template);
    for (const { suffix, pixels } of TEMPLATE_SCALES) files.set(`tray/trayTemplate-${state}${suffix}.png`, renderPng(template, pixels));
  }
  return files;
}

async function main(): Promise<void> {
  const files = await generateIcons();
  for (const [relative, data] of files) {
    const target = join(BUILD_DIR, relative);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  console.log(`wrote ${files.size} files to ${BUILD_DIR}`);
}

if (import.meta.main) await main();
