import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src-shared/decimal.ts';
import { compareScaled, difference, scaled, truncatedRatio } from '../../../src-main/monitor/scaled-decimal.ts';

const d = toDecimal;

/** The reference: big.js's exact division rounded toward zero, written as the model writes decimals. */
function reference(numerator: string, denominator: string, places: number): string | null {
  if (new Big(denominator).lte(0)) return null;
  const text = new Big(numerator).div(denominator).round(places, 0).toFixed();
  return text === '-0' ? '0' : text;
}

describe('scaled decimals', () => {
  it('gives big.js’s digits, truncated toward zero, for crafted cases', () => {
    const cases: [string, string][] = [
      ['3', '1'],
      ['2.9999999999', '1'],
      ['1', '3'],
      ['-1', '3'],
      ['-0.000000001', '1'],
      ['0', '5'],
      ['123456789.123456789', '0.000001'],
      ['0.00000001', '123456789012'],
      ['12345.6789012345678', '1234.56789012345678'],
      ['100', '100'],
    ];
    for (const [n, m] of cases) expect(truncatedRatio(d(n), d(m), 8), `${n} / ${m}`).toBe(reference(n, m, 8));
  });

  it('is null without a positive denominator', () => {
    expect(truncatedRatio(d('1'), d('0'), 8)).toBeNull();
    expect(truncatedRatio(d('1'), d('-2'), 8)).toBeNull();
  });

  it('agrees with big.js on thousands of figures with the digits exchange amounts carry (and so do comparison and difference)', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const figure = () => {
      const whole = String(next() % 10_000_000);
      const fraction = String(next()).padStart(10, '0').slice(0, 1 + (next() % 10)).replace(/0+$/, '');
      return `${next() % 7 === 0 ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
    };
    for (let i = 0; i < 5_000; i++) {
      const n = d(figure());
      const m = d(figure());
      expect(truncatedRatio(n, m, 8)).toBe(reference(n, m, 8));
      expect(compareScaled(scaled(n), scaled(m))).toBe(new Big(n).cmp(m));
      const minus = new Big(n).minus(m).toFixed();
      expect(difference(scaled(n), scaled(m))).toBe(minus === '-0' ? '0' : minus);
    }
  });
});
