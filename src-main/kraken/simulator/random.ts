/**
 * A small seeded PRNG (mulberry32) so simulated subaccounts, secrets and price paths are the same
 * on every run for the same seed: tests and screenshots stay reproducible.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped identifier drawn from `random` (version 4 layout). */
export function randomUuid(random: Random): string {
  const hex = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** `count` random bytes as standard base64 (API secrets are 64 bytes). */
export function randomBase64(random: Random, count: number): string {
  return Buffer.from(Array.from({ length: count }, () => Math.floor(random() * 256))).toString('base64');
}
