/**
 * Writes Apple's .icns container with PNG payloads (what `iconutil` makes from an .iconset).
 *
 * The container is eight bytes of header ('icns' + total length, big-endian) followed by entries of
 * a four-character type, the entry length (header included) and the data. Since macOS 10.7 every
 * type below may hold a PNG, so no legacy RLE/mask encodings are needed. Hand-written because the
 * format is this small and the npm packages for it are unmaintained.
 */

/** Entry type → pixel size, in the order iconutil writes them (1x and 2x slots per point size). */
export const ICNS_TYPES: readonly (readonly [type: string, pixels: number])[] = [
  ['icp4', 16],
  ['ic11', 32], // 16 pt @2x
  ['icp5', 32],
  ['ic12', 64], // 32 pt @2x
  ['ic07', 128],
  ['ic13', 256], // 128 pt @2x
  ['ic08', 256],
  ['ic14', 512], // 256 pt @2x
  ['ic09', 512],
  ['ic10', 1024], // 512 pt @2x
];

export interface IcnsEntry {
  type: string;
  data: Buffer;
}

export function writeIcns(entries: readonly IcnsEntry[]): Buffer {
  const parts = entries.map(({ type, data }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`icns entry type must be four ASCII characters, got "${type}"`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([header, data]);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([header, body]);
}
