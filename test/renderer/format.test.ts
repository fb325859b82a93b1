import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../src-preload/contract.ts';
import { formatAge, formatAmount, formatFraction, formatHealthRatio, formatNumber, formatPercentValue } from '../../src-renderer/src/lib/format.ts';

const d = (value: string) => value as Decimal;

describe('exact decimal formatting (en-US, the test locale)', () => {
  it('keeps every digit of quantities, including values no float holds exactly', () => {
    expect(formatAmount(d('0.1185308247'), 'BTC', 'exact')).toBe('0.1185308247 BTC');
    expect(formatNumber(d('-0.0009056832839642471'), 'exact')).toBe('-0.0009056832839642471');
    expect(formatNumber(d('0.00000000346'), 'exact')).toBe('0.00000000346');
    expect(formatNumber(d('12345678901234567890.123456789012345678'), 'exact')).toBe('12,345,678,901,234,567,890.123456789012345678');
    expect(formatNumber(d('5000'), 'exact')).toBe('5,000');
  });

  it('rounds USD values to cents half away from zero, from the decimal string', () => {
    expect(formatAmount(d('34122.66'), 'USD', 'usd')).toBe('34,122.66 USD');
    expect(formatNumber(d('4998.721054420551'), 'usd')).toBe('4,998.72');
    expect(formatNumber(d('0.005'), 'usd')).toBe('0.01');
    expect(formatNumber(d('-0.005'), 'usd')).toBe('-0.01');
    // 0.1 + 0.2 as a float would print 0.30000000000000004; as a decimal string it is exact.
    expect(formatNumber(d('0.3'), 'exact')).toBe('0.3');
  });

  it('signs gains and losses on request', () => {
    expect(formatNumber(d('12.42134766'), 'exact', true)).toBe('+12.42134766');
    expect(formatNumber(d('-3.5'), 'exact', true)).toBe('-3.5');
    expect(formatNumber(d('0'), 'usd', true)).toBe('0.00');
  });

  it('formats fractions and percentages exactly', () => {
    expect(formatFraction(d('0.0224499999999993444'), 3)).toBe('2.245%');
    expect(formatHealthRatio(d('6.47049308'))).toBe('647%');
    // Rounded down, as notifications write it (src-shared/margin-ratio.ts): 100.5 % is not yet 101 %.
    expect(formatHealthRatio(d('1.005'))).toBe('100%');
    expect(formatHealthRatio(d('2.996'))).toBe('299%');
    expect(formatPercentValue(d('-27.28'), 2, true)).toBe('-27.28%');
  });

  it('keeps one precision in a column of percentages', () => {
    expect(formatFraction(d('0.02'), 3, 3)).toBe('2.000%');
    expect(formatFraction(d('0.0224499999999993444'), 3, 3)).toBe('2.245%');
  });

  it('writes a health figure far from liquidation as "> 1,000%", not a meaningless five-digit ratio', () => {
    expect(formatHealthRatio(d('376.51'))).toBe('> 1,000%');
    expect(formatHealthRatio(d('10.0001'))).toBe('> 1,000%');
    expect(formatHealthRatio(d('10'))).toBe('1,000%');
    expect(formatHealthRatio(d('-0.5'))).toBe('-50%');
  });

  it('cuts what is available per currency to 8 decimals, never rounding up', () => {
    expect(formatNumber(d('0.0000012345678901'), 'quantity')).toBe('0.00000123');
    expect(formatNumber(d('4540.5837374453'), 'quantity')).toBe('4,540.58373744');
    expect(formatNumber(d('0.999999999'), 'quantity')).toBe('0.99999999');
  });

  it('says how old data is in the largest whole unit', () => {
    expect(formatAge(0)).toBe('now');
    expect(formatAge(30_000)).toBe('30 sec. ago');
    expect(formatAge(5 * 60_000 + 59_000)).toBe('5 min. ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 hr. ago');
    expect(formatAge(3 * 86_400_000)).toBe('3 days ago');
  });
});
