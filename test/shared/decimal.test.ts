import BigJs from 'big.js';
import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../src-shared/account-model.ts';
import {
  add,
  compareDecimals,
  div,
  isNegative,
  isZero,
  neg,
  parseDecimal,
  round,
  sub,
  sum,
  toDecimal,
  mul,
  relativeDifference,
} from '../../src-shared/decimal.ts';

const d = (text: string) => toDecimal(text);

describe('parseDecimal', () => {
  it.each([
    ['0.1185308247', '0.1185308247'],
    ['3.46e-9', '0.00000000346'],
    ['2.34E-9', '0.00000000234'],
    ['1.045432180096817e-05', '0.00001045432180096817'],
    ['-0.0009056832839642471', '-0.0009056832839642471'],
    ['570.0', '570'],
    ['5000', '5000'],
    ['1e3', '1000'],
    ['1.5e+2', '150'],
    ['+7', '7'],
    ['007.50', '7.5'],
    ['.5', '0.5'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['0', '0'],
  ])('canonicalises %s as %s', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it('takes JS numbers through their shortest round-trip text', () => {
    expect(parseDecimal(0.1185308247)).toBe('0.1185308247');
    expect(parseDecimal(3.46e-9)).toBe('0.00000000346');
    expect(parseDecimal(-0)).toBe('0');
  });

  it.each([['abc'], [''], [' 1'], ['1,5'], ['0x10'], ['NaN'], ['Infinity'], ['1e'], ['--1'], ['1e101']])(
    'refuses %j',
    (input) => {
      expect(parseDecimal(input)).toBeNull();
    },
  );

  it('refuses non-finite numbers and non-numbers', () => {
    expect(parseDecimal(Number.NaN)).toBeNull();
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseDecimal(null)).toBeNull();
    expect(parseDecimal(undefined)).toBeNull();
    expect(parseDecimal(true)).toBeNull();
    expect(parseDecimal({})).toBeNull();
  });

  it('toDecimal throws where parseDecimal returns null', () => {
    expect(() => toDecimal('x')).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds without float artefacts', () => {
    expect(add(d('0.1'), d('0.2'))).toBe('0.3');
    expect(sub(d('0.3'), d('0.1'))).toBe('0.2');
    expect(mul(d('1.1'), d('1.1'))).toBe('1.21');
  });

  it('sums the seed flex values exactly', () => {
    const values = ['4998.721054420551', '5000', '4999.137289089901'].map(d);
    expect(sum(values)).toBe('14997.858343510452');
    expect(sum([])).toBe('0');
  });

  it('divides with a chosen number of decimal places, half-up', () => {
    expect(div(d('2'), d('3'), 4)).toBe('0.6667');
    expect(div(d('1'), d('4'))).toBe('0.25');
    expect(() => div(d('1'), d('0'))).toThrow();
  });

  it('rounds, negates, compares', () => {
    expect(round(d('0.022449999999999344'), 8)).toBe('0.02245');
    expect(neg(d('5'))).toBe('-5');
    expect(neg(d('0'))).toBe('0');
    expect(compareDecimals(d('2'), d('10'))).toBe(-1);
    expect(compareDecimals(d('10'), d('10.0'))).toBe(0);
    expect(compareDecimals(d('-1'), d('-2'))).toBe(1);
    expect(compareDecimals(d('12'), d('12.5'))).toBe(-1);
    expect(compareDecimals(d('0.5'), d('0.49'))).toBe(1);
    expect(compareDecimals(d('-0.5'), d('-0.49'))).toBe(-1);
    expect(compareDecimals(d('-3'), d('2'))).toBe(-1);
    expect(compareDecimals('1.50' as Decimal, d('1.5'))).toBe(0);
    expect(isZero(d('-0.0'))).toBe(true);
    expect(isNegative(d('-0.0009'))).toBe(true);
    expect(isNegative(d('0'))).toBe(false);
  });
});

describe('arithmetic agrees with big.js on random decimals', () => {
  // A seeded generator: the same cases on every run.
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const randomDecimal = () => {
    const digits = Array.from({ length: 1 + Math.floor(random() * 18) }, () => Math.floor(random() * 10)).join('');
    const point = Math.floor(random() * digits.length);
    const text = `${random() < 0.4 ? '-' : ''}${digits.slice(0, point) || '0'}.${digits.slice(point) || '0'}`;
    return toDecimal(text);
  };
  const Reference = BigJs();
  Reference.DP = 30;
  const canonical = (value: InstanceType<typeof Reference>) => {
    const text = value.toFixed();
    return text === '-0' ? '0' : text;
  };

  it('add, sub, mul, compare, sum, and div at 0, 8 and 30 places (half-up, ties away from zero)', () => {
    for (let i = 0; i < 2_000; i++) {
      const a = randomDecimal();
      const b = randomDecimal();
      expect(add(a, b)).toBe(canonical(new Reference(a).plus(b)));
      expect(sub(a, b)).toBe(canonical(new Reference(a).minus(b)));
      expect(mul(a, b)).toBe(canonical(new Reference(a).times(b)));
      expect(compareDecimals(a, b)).toBe(new Reference(a).cmp(b));
      expect(sum([a, b, a])).toBe(canonical(new Reference(a).plus(b).plus(a)));
      for (const places of [0, 8, 30]) {
        Reference.DP = places;
        if (b !== '0') expect(div(a, b, places)).toBe(canonical(new Reference(a).div(b)));
        if (a !== '0') expect(relativeDifference(a, b, places)).toBe(canonical(new Reference(a).minus(b).div(a)));
      }
      Reference.DP = 30;
    }
  });

  it('stays exact where the number tier hands over to BigInt (15/16 digits, alignment and sums past 2^53)', () => {
    const cases: [string, string][] = [
      ['899999999999999', '1'],
      ['999999999999999', '0.000000000000001'],
      ['9007199254740991', '1'],
      ['4503599627370496', '4503599627370496'],
      ['0.000000000000000000000001', '1000000'],
      ['123456789012345', '-0.12345678901234'],
      ['-899999999999999.9', '0.1'],
    ];
    for (const [a, b] of cases) {
      const [x, y] = [d(a), d(b)];
      expect(add(x, y)).toBe(canonical(new Reference(a).plus(b)));
      expect(sub(x, y)).toBe(canonical(new Reference(a).minus(b)));
      expect(compareDecimals(x, y)).toBe(new Reference(a).cmp(b));
      Reference.DP = 8;
      expect(div(x, y, 8)).toBe(canonical(new Reference(a).div(b)));
      expect(div(y, x, 8)).toBe(canonical(new Reference(b).div(a)));
      expect(relativeDifference(x, y, 8)).toBe(canonical(new Reference(a).minus(b).div(a)));
      Reference.DP = 30;
    }
  });

  it('relativeDifference decides ties and near-ties exactly', () => {
    const cases: [string, string, string][] = [
      ['2', '1.99999999', '0.00000001'], // exactly 0.000000005: a tie, rounded up
      ['2', '2.00000001', '-0.00000001'], // exactly -0.000000005: away from zero
      ['1', '0.999999995000000001', '0'], // a hair below the midpoint
      ['1', '0.999999994999999999', '0.00000001'], // a hair above
      ['3654.774', '3572.7243237', '0.02245'], // the seed's EUR haircut, from doubles' noise
      ['14087.91', '14087.91', '0'],
      // subnormal as doubles: their conversion error is not relative, the exact tiers decide
      [`0.${'0'.repeat(319)}1`, `0.${'0'.repeat(320)}6`, '0.4'],
    ];
    for (const [a, b, expected] of cases) expect(relativeDifference(d(a), d(b), 8), `${a} ${b}`).toBe(expected);
  });

  it('relativeDifference agrees with big.js on, and next to, every kind of rounding midpoint', () => {
    const offsets = ['0', '1e-25', '-1e-25', '1e-13', '-1e-13', '0.3'];
    for (let i = 0; i < 3_000; i++) {
      const a = randomDecimal();
      if (a === '0') continue;
      // b such that (a − b) / a is k + 1/2 + offset units of the 8th place, k in (−10^8, 10^8)
      const units = new Reference(Math.floor(random() * 2e8) - 1e8).plus('0.5').plus(offsets[i % offsets.length] as string);
      Reference.DP = 40;
      const b = toDecimal(canonical(new Reference(a).minus(new Reference(a).times(units).div(1e8))));
      Reference.DP = 8;
      expect(relativeDifference(a, b, 8), `${a} ${b}`).toBe(canonical(new Reference(a).minus(b).div(a)));
      Reference.DP = 30;
    }
  });

  it('rounds ties away from zero', () => {
    expect(div(d('1'), d('8'), 2)).toBe('0.13');
    expect(div(d('-1'), d('8'), 2)).toBe('-0.13');
    expect(div(d('1'), d('-8'), 2)).toBe('-0.13');
    expect(div(d('-0.001'), d('3'), 2)).toBe('0');
  });
});
