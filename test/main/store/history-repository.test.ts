import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  FULL_RESOLUTION_MS,
  QUARTER_HOUR_MS,
  QUARTER_HOUR_RESOLUTION_MS,
} from '../../../src-main/store/history-repository.ts';
import type { HistoryPoint } from '../../../src-shared/history-model.ts';
import type { Store } from '../../../src-main/store/store.ts';
import { historyPoint, historyWalk } from './fixtures/history-point-fixture.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

const HOUR_MS = 3_600_000;
const POLL_MS = 10_000;
/** A "now" on a day boundary plus a bit, so cutoffs are easy to reason about. */
const NOW = Date.UTC(2026, 5, 1) + 5 * HOUR_MS + 7 * 60_000;

function storeWithProfile(): Store {
  const store = openTestStore();
  store.profiles.insert(buildProfile('p'));
  return store;
}

/** 10-second polls of a drifting account from `from` (inclusive) to `to` (exclusive). */
function polls(from: number, to: number, seed = 1): HistoryPoint[] {
  const walk = historyWalk(seed);
  const points: HistoryPoint[] = [];
  for (let t = from; t < to; t += POLL_MS) points.push(walk(t));
  return points;
}

function appendAll(store: Store, accountKey: string, points: readonly HistoryPoint[]): void {
  store.history.append('p', points.map((point) => ({ accountKey, point })));
}

const all = (store: Store, accountKey = 'flex'): HistoryPoint[] => store.history.query('p', accountKey, 0, Number.MAX_SAFE_INTEGER);

describe('HistoryRepository: append and query', () => {
  it('keeps points per profile and account key, oldest first, range inclusive, figures exact', () => {
    const store = storeWithProfile();
    store.profiles.insert(buildProfile('q'));
    const a = historyPoint(2_000, 50_000.12, 10_000.5);
    const b = { ...historyPoint(1_000, 40_000, 20_000), marginEquity: '0.00000000000000000001' as HistoryPoint['marginEquity'] };
    const noMargin = { ...historyPoint(3_000, 1_000, 0), marginRatio: null };
    store.history.append('p', [
      { accountKey: 'flex', point: a },
      { accountKey: 'flex', point: b },
      { accountKey: 'sub:7c1e', point: noMargin },
    ]);
    store.history.append('q', [{ accountKey: 'flex', point: a }]);
    expect(store.history.query('p', 'flex', 1_000, 2_000)).toEqual([b, a]);
    expect(store.history.query('p', 'flex', 1_001, 2_000)).toEqual([a]);
    expect(store.history.query('p', 'sub:7c1e', 0, 5_000)).toEqual([noMargin]);
    expect(store.history.query('p', 'wallet:fi_xbtusd', 0, 5_000)).toEqual([]);
    expect(store.history.query('q', 'flex', 0, 5_000)).toEqual([a]);
    expect(store.history.query('p', 'flex', 2_000, 1_000)).toEqual([]);
  });

  it('a second point at the same instant replaces the first', () => {
    const store = storeWithProfile();
    appendAll(store, 'flex', [historyPoint(1_000, 50_000, 10_000)]);
    appendAll(store, 'flex', [historyPoint(1_000, 60_000, 10_000)]);
    expect(all(store).map((p) => p.marginEquity)).toEqual(['60000']);
  });

  it('rejects an account key outside flex / sub:<uid> / wallet:<key>, writing nothing of the batch', () => {
    const store = storeWithProfile();
    const point = historyPoint(1_000, 50_000, 10_000);
    expect(() =>
      store.history.append('p', [
        { accountKey: 'flex', point },
        { accountKey: 'subaccount-1', point },
      ]),
    ).toThrow(/account key/);
    expect(all(store)).toEqual([]);
  });

  it('downsamples to at most maxPoints, keeping the worst point of each slice', () => {
    const store = storeWithProfile();
    const points = polls(0, 6 * HOUR_MS);
    const dipAt = 3 * HOUR_MS + 123 * POLL_MS;
    const dip = historyPoint(dipAt, 10_500, 10_000);
    appendAll(store, 'flex', [...points.filter((p) => p.t !== dipAt), dip]);
    const sampled = store.history.query('p', 'flex', 0, 6 * HOUR_MS, 100);
    expect(sampled.length).toBeLessThanOrEqual(100);
    expect(sampled.length).toBeGreaterThan(90);
    expect(sampled).toContainEqual(dip);
    expect(sampled.map((p) => p.t)).toEqual([...sampled.map((p) => p.t)].sort((x, y) => x - y));
    // a range that fits is returned whole
    expect(store.history.query('p', 'flex', 0, HOUR_MS, 1_000)).toHaveLength(361);
    expect(() => store.history.query('p', 'flex', 0, 1, 0)).toThrow(RangeError);
  });
});

describe('HistoryRepository: thinning', () => {
  it('keeps every point for 48 h and one per quarter hour before, at the bucket start', () => {
    const store = storeWithProfile();
    appendAll(store, 'flex', polls(NOW - 4 * DAY_MS, NOW));
    const folded = store.history.thin(NOW);
    const points = all(store);

    const cutoff = Math.floor((NOW - FULL_RESOLUTION_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    expect(folded).toBe((cutoff - (NOW - 4 * DAY_MS)) / POLL_MS);
    const thinned = points.filter((p) => p.t < cutoff);
    const full = points.filter((p) => p.t >= cutoff);
    expect(full).toHaveLength((NOW - cutoff) / POLL_MS);
    const firstBucket = Math.floor((NOW - 4 * DAY_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    expect(thinned).toHaveLength((cutoff - firstBucket) / QUARTER_HOUR_MS);
    for (const p of thinned) expect(p.t % QUARTER_HOUR_MS).toBe(0);
    expect(new Set(thinned.map((p) => p.t)).size).toBe(thinned.length);
  });

  it('the kept point of a bucket is its worst observation, whole, so a near-liquidation survives', () => {
    const store = storeWithProfile();
    const bucketStart = Math.floor((NOW - 3 * DAY_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const bucket = polls(bucketStart, bucketStart + QUARTER_HOUR_MS);
    const dipAt = bucketStart + 40 * POLL_MS;
    const dip = historyPoint(dipAt, 10_310.55, 10_000.25); // ratio 1.03…: almost liquidated
    appendAll(store, 'flex', [...bucket.filter((p) => p.t !== dipAt), dip]);
    store.history.thin(NOW);
    expect(all(store)).toEqual([{ ...dip, t: bucketStart }]);

    // and it is still the day's point once the day is older than 90 days
    const later = bucketStart + QUARTER_HOUR_RESOLUTION_MS + 2 * DAY_MS;
    appendAll(store, 'flex', polls(bucketStart + QUARTER_HOUR_MS, bucketStart + 6 * HOUR_MS, 2));
    store.history.thin(NOW);
    store.history.thin(later);
    const dayStart = Math.floor(bucketStart / DAY_MS) * DAY_MS;
    expect(all(store)).toEqual([{ ...dip, t: dayStart }]);
  });

  it('a bucket without margin in use keeps its last observation', () => {
    const store = storeWithProfile();
    const bucketStart = Math.floor((NOW - 3 * DAY_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const idle = polls(bucketStart, bucketStart + QUARTER_HOUR_MS).map((p) => ({ ...p, marginRatio: null }));
    appendAll(store, 'sub:idle', idle);
    store.history.thin(NOW);
    expect(all(store, 'sub:idle')).toEqual([{ ...idle.at(-1), t: bucketStart }]);
  });

  it('a point using margin outranks points without margin in its bucket', () => {
    const store = storeWithProfile();
    const bucketStart = Math.floor((NOW - 3 * DAY_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const risky = historyPoint(bucketStart + 60_000, 80_000, 10_000);
    appendAll(store, 'flex', [
      { ...historyPoint(bucketStart, 50_000, 0), marginRatio: null },
      risky,
      { ...historyPoint(bucketStart + 120_000, 50_000, 0), marginRatio: null },
    ]);
    store.history.thin(NOW);
    expect(all(store)).toEqual([{ ...risky, t: bucketStart }]);
  });

  it('a point arriving for a bucket already thinned (the clock went back) keeps the worse of the two', () => {
    const store = storeWithProfile();
    const bucketStart = Math.floor((NOW - 3 * DAY_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const first = historyPoint(bucketStart + 60_000, 20_000, 10_000); // ratio 2
    appendAll(store, 'flex', [first]);
    store.history.thin(NOW);
    appendAll(store, 'flex', [historyPoint(bucketStart + 120_000, 30_000, 10_000)]); // ratio 3: better
    store.history.thin(NOW);
    expect(all(store)).toEqual([{ ...first, t: bucketStart }]);
    const worse = historyPoint(bucketStart + 180_000, 12_000, 10_000); // ratio 1.2
    appendAll(store, 'flex', [worse]);
    store.history.thin(NOW);
    expect(all(store)).toEqual([{ ...worse, t: bucketStart }]);
  });

  it('a year of polls thinned weekly ends as 48 h full, quarter hours to 90 days, days before; a rerun changes nothing', () => {
    const store = storeWithProfile();
    const start = NOW - 365 * DAY_MS;
    const walk = historyWalk(3);
    // a poll every 15 minutes (off the bucket starts) keeps this test fast; the tiers only depend on times
    for (let day = 0; day < 365; day += 1) {
      const points: HistoryPoint[] = [];
      for (let t = start + day * DAY_MS; t < start + (day + 1) * DAY_MS; t += QUARTER_HOUR_MS) points.push(walk(t));
      appendAll(store, 'flex', points);
      if (day % 7 === 6) store.history.thin(start + (day + 1) * DAY_MS);
    }
    store.history.thin(NOW);
    const before = all(store);
    expect(store.history.thin(NOW)).toBe(0);
    expect(all(store)).toEqual(before);

    const quarterCutoff = Math.floor((NOW - FULL_RESOLUTION_MS) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const dayCutoff = Math.floor((NOW - QUARTER_HOUR_RESOLUTION_MS) / DAY_MS) * DAY_MS;
    const daily = before.filter((p) => p.t < dayCutoff);
    const quarters = before.filter((p) => p.t >= dayCutoff && p.t < quarterCutoff);
    const full = before.filter((p) => p.t >= quarterCutoff);
    for (const p of daily) expect(p.t % DAY_MS).toBe(0);
    for (const p of quarters) expect(p.t % QUARTER_HOUR_MS).toBe(0);
    expect(daily).toHaveLength((dayCutoff - Math.floor(start / DAY_MS) * DAY_MS) / DAY_MS);
    expect(quarters).toHaveLength((quarterCutoff - dayCutoff) / QUARTER_HOUR_MS);
    expect(full.length).toBeGreaterThanOrEqual(FULL_RESOLUTION_MS / QUARTER_HOUR_MS);
  });
});
