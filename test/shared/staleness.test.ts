import { describe, expect, it } from 'vitest';
import { isStale, staleLimitMs } from '../../src-shared/staleness.ts';

describe('the staleness rule', () => {
  it('three missed refreshes, never less than 45 s; the user’s minutes when set', () => {
    expect(staleLimitMs(15_000)).toBe(45_000);
    expect(staleLimitMs(5_000)).toBe(45_000);
    expect(staleLimitMs(60_000)).toBe(180_000);
    expect(staleLimitMs(15_000, 10)).toBe(600_000);
  });

  it('is about the age of the figures alone', () => {
    expect(isStale(null, 1_000_000, 45_000)).toBe(false);
    expect(isStale(0, 44_999, 45_000)).toBe(false);
    expect(isStale(0, 45_000, 45_000)).toBe(true);
  });
});
