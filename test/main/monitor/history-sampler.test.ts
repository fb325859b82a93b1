import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { HealthFigure, HealthLevel, HealthReport } from '../../../src-shared/health-model.ts';
import { HistorySampler, SUBACCOUNT_SAMPLE_MS } from '../../../src-main/monitor/history-sampler.ts';
import type { HistoryEntry } from '../../../src-main/store/history-repository.ts';

const d = (value: string) => value as Decimal;

function entry(accountKey: string, t: number, equity: string): HistoryEntry {
  return {
    accountKey,
    point: { t, marginEquity: d(equity), maintenanceMargin: d('100'), initialMargin: d('200'), collateralValue: d(equity), availableMargin: d('10'), marginRatio: null },
  };
}

function health(levels: Record<string, HealthLevel>): HealthReport {
  const figures = Object.entries(levels).map(([accountKey, level]) => ({ accountKey, level }) as unknown as HealthFigure);
  return { worst: null, figures };
}

describe('history sampler', () => {
  it('keeps every master and wallet point', () => {
    const sampler = new HistorySampler();
    for (let t = 0; t < 10; t++) {
      expect(sampler.select('p', [entry('flex', t * 10_000, '1'), entry('wallet:fi_xbtusd', t * 10_000, '1')], health({}))).toHaveLength(2);
    }
  });

  it('keeps a healthy subaccount once per 6 hours, and an unchanged one never again', () => {
    const sampler = new HistorySampler();
    const kept: number[] = [];
    for (let t = 0; t <= 2 * SUBACCOUNT_SAMPLE_MS; t += 10_000) {
      if (sampler.select('p', [entry('sub:a', t, String(1000 + t / 10_000))], health({ 'sub:a': 'healthy' })).length) kept.push(t);
    }
    expect(kept).toEqual([0, SUBACCOUNT_SAMPLE_MS, 2 * SUBACCOUNT_SAMPLE_MS]);
    const idle = new HistorySampler();
    let points = 0;
    for (let t = 0; t <= 3 * SUBACCOUNT_SAMPLE_MS; t += 10_000) points += idle.select('p', [entry('sub:b', t, '5')], health({})).length;
    expect(points).toBe(1);
  });

  it('keeps every changed point of a subaccount at warn or worse', () => {
    const sampler = new HistorySampler();
    let points = 0;
    for (let t = 0; t < 60_000; t += 10_000) points += sampler.select('p', [entry('sub:a', t, String(t))], health({ 'sub:a': 'critical' })).length;
    expect(points).toBe(6);
  });

  it('keeps the point where a subaccount recovers, so its chart shows the way out', () => {
    const sampler = new HistorySampler();
    const keep = (t: number, level: HealthLevel) => sampler.select('p', [entry('sub:a', t, String(t))], health({ 'sub:a': level })).length;
    expect(keep(0, 'healthy')).toBe(1);
    expect(keep(10_000, 'healthy')).toBe(0);
    expect(keep(20_000, 'warn')).toBe(1);
    expect(keep(30_000, 'healthy')).toBe(1);
    expect(keep(40_000, 'healthy')).toBe(0);
  });

  it('tracks profiles apart and forgets a removed one', () => {
    const sampler = new HistorySampler();
    expect(sampler.select('p', [entry('sub:a', 0, '1')], health({}))).toHaveLength(1);
    expect(sampler.select('q', [entry('sub:a', 0, '1')], health({}))).toHaveLength(1);
    sampler.forget('p');
    expect(sampler.select('p', [entry('sub:a', 1, '1')], health({}))).toHaveLength(1);
    expect(sampler.select('q', [entry('sub:a', 1, '1')], health({}))).toHaveLength(0);
  });
});
