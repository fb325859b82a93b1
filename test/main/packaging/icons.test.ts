/**
 * The committed icons and tray images: generated from their sources (and in sync with them), at the
 * sizes each OS needs, in containers the OSes can read, and tray states that differ in shape, not
 * only in colour.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_DIR, generateIcons, LINUX_ICON_SIZES, TEMPLATE_SCALES, TRAY_SCALES, WINDOWS_ICON_SIZES } from '../../../scripts/generate-icons.ts';
import { ICNS_TYPES } from '../../../scripts/icons/icns.ts';
import { TRAY_STATES, TRAY_VARIANTS } from '../../../scripts/icons/tray-artwork.ts';

const read = (relative: string): Buffer => readFileSync(join(BUILD_DIR, relative));
const png = (data: Buffer): PNG => PNG.sync.read(data);

/** Entries of an .icns file: four-character type and payload. */
function icnsEntries(file: Buffer): { type: string; data: Buffer }[] {
  expect(file.toString('latin1', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const entries = [];
  for (let offset = 8; offset < file.length; offset += file.readUInt32BE(offset + 4)) {
    entries.push({ type: file.toString('latin1', offset, offset + 4), data: file.subarray(offset + 8, offset + file.readUInt32BE(offset + 4)) });
  }
  return entries;
}

/** Sizes in an .ico directory (0 means 256), each checked against its bitmap header. */
function icoSizes(file: Buffer): number[] {
  expect([file.readUInt16LE(0), file.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: file.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const size = file.readUInt8(entry) || 256;
    const offset = file.readUInt32LE(entry + 12);
    expect(file.readUInt32LE(offset), 'BITMAPINFOHEADER').toBe(40);
    expect([file.readInt32LE(offset + 4), file.readInt32LE(offset + 8), file.readUInt16LE(offset + 14)]).toEqual([size, size * 2, 32]);
    return size;
  });
}

/** Share of pixels whose coverage differs clearly between two same-size images. */
function alphaDifference(a: PNG, b: PNG): number {
  let differing = 0;
  for (let i = 3; i < a.data.length; i += 4) if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > 96) differing++;
  return differing / (a.width * a.height);
}

let generated: Map<string, Buffer>;
beforeAll(async () => {
  generated = await generateIcons();
});

describe('app icons', () => {
  it('are exactly what the generator makes from build/icon.svg (run `npm run icons` after editing a source)', () => {
    for (const [relative, data] of generated) expect(read(relative).equals(data), relative).toBe(true);
    const committedTray = readdirSync(join(BUILD_DIR, 'tray')).map((name) => `tray/${name}`);
    expect(committedTray.sort()).toEqual([...generated.keys()].filter((path) => path.startsWith('tray/')).sort());
  });

  it('include a 1024 px master and every Linux size', () => {
    expect([png(read('icon.png')).width, png(read('icon.png')).height]).toEqual([1024, 1024]);
    for (const size of LINUX_ICON_SIZES) {
      const image = png(read(`icons/${size}x${size}.png`));
      expect([image.width, image.height]).toEqual([size, size]);
    }
    expect(LINUX_ICON_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  it('put Windows sizes from 16 to 256 into icon.ico', () => {
    expect(icoSizes(read('icon.ico'))).toEqual([...WINDOWS_ICON_SIZES]);
  });

  it('put every macOS slot from 16 to 1024 into icon.icns, each a PNG of its size', () => {
    const entries = icnsEntries(read('icon.icns'));
    expect(entries.map((entry) => entry.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [index, [type, pixels]] of ICNS_TYPES.entries()) {
      const image = png(entries[index]!.data);
      expect([image.width, image.height], type).toEqual([pixels, pixels]);
    }
  });

  it('are a real picture: an opaque plate with a transparent margin', () => {
    const image = png(read('icon.png'));
    const alpha = (x: number, y: number): number => image.data[(y * image.width + x) * 4 + 3] ?? -1;
    expect(alpha(10, 10)).toBe(0);
    expect(alpha(512, 512)).toBe(255);
  });
});

describe('tray images', () => {
  it('exist for every state, light and dark tray, at 16, 24 and 32 px', () => {
    for (const state of TRAY_STATES) {
      for (const variant of TRAY_VARIANTS) {
        for (const { suffix, pixels } of TRAY_SCALES) {
          const image = png(read(`tray/tray-${state}-${variant}${suffix}.png`));
          expect([image.width, image.height]).toEqual([pixels, pixels]);
        }
      }
    }
  });

  it('have macOS template images in black and alpha only, at 16 and 32 px', () => {
    for (const state of TRAY_STATES) {
      for (const { suffix, pixels } of TEMPLATE_SCALES) {
        const image = png(read(`tray/trayTemplate-${state}${suffix}.png`));
        expect(image.width).toBe(pixels);
        const colours = new Set<number>();
        for (let i = 0; i < image.data.length; i += 4) if ((image.data[i + 3] ?? 0) > 0) colours.add((image.data[i] ?? 0) | (image.data[i + 1] ?? 0) | (image.data[i + 2] ?? 0));
        expect([...colours], `${state}${suffix}`).toEqual([0]);
      }
    }
  });

  it('tell every state from every other by shape alone', () => {
    for (const [i, a] of TRAY_STATES.entries()) {
      for (const b of TRAY_STATES.slice(i + 1)) {
        const difference = alphaDifference(png(read(`tray/trayTemplate-${a}.png`)), png(read(`tray/trayTemplate-${b}.png`)));
        expect(difference, `${a} vs ${b}`).toBeGreaterThan(0.04);
      }
    }
  });

  it('draw light-tray images dark and dark-tray images light', () => {
    const luminance = (image: PNG): number => {
      let sum = 0;
      let weight = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        const alpha = (image.data[i + 3] ?? 0) / 255;
        sum += alpha * (0.2126 * (image.data[i] ?? 0) + 0.7152 * (image.data[i + 1] ?? 0) + 0.0722 * (image.data[i + 2] ?? 0));
        weight += alpha;
      }
      return sum / weight;
    };
    for (const state of TRAY_STATES) {
      expect(luminance(png(read(`tray/tray-${state}-light@2x.png`))), state).toBeLessThan(110);
      expect(luminance(png(read(`tray/tray-${state}-dark@2x.png`))), state).toBeGreaterThan(150);
    }
  });
});
