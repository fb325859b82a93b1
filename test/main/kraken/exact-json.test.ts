import BigJs from 'big.js';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src-main/kraken/decimal.ts';
import { normaliseCurrencyCode, sameCurrency, toCurrency } from '../../../src-main/kraken/currency.ts';
import { parseJsonExact } from '../../../src-main/kraken/exact-json.ts';

describe('parseJsonExact', () => {
  it('keeps every number as its source text, where JSON.parse would round', () => {
    const text = '{"a":0.12345678901234567890123,"b":3.46e-9,"c":[1,-0.0,4998.721054420551],"s":"7","t":true,"n":null}';
    expect(parseJsonExact(text)).toEqual({ a: '0.12345678901234567890123', b: '3.46e-9', c: ['1', '-0.0', '4998.721054420551'], s: '7', t: true, n: null });
    expect(String((JSON.parse(text) as { a: number }).a)).not.toBe('0.12345678901234567890123');
  });

  it('leaves numbers inside strings alone, escapes included', () => {
    const text = '{"k\\\\":"1234567890123456789","q":"say \\"12345678901234567\\"","x":12345678901234567}';
    expect(parseJsonExact(text)).toEqual({ 'k\\': '1234567890123456789', q: 'say "12345678901234567"', x: '12345678901234567' });
    expect(parseJsonExact('["\\\\",1]')).toEqual(['\\', '1']);
  });

  it('gives every figure exactly, whatever its length (checked against big.js)', () => {
    let state = 99;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let i = 0; i < 3_000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(random() * 22) }, () => Math.floor(random() * 10)).join('');
      const point = Math.floor(random() * (digits.length + 1));
      const mantissa = point === digits.length ? digits.replace(/^0+(?=\d)/, '') : `${digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'}.${digits.slice(point)}`;
      const exponent = random() < 0.2 ? `e${random() < 0.5 ? '-' : '+'}${Math.floor(random() * 12)}` : '';
      const text = `${random() < 0.3 ? '-' : ''}${mantissa}${exponent}`;
      const [parsed] = parseJsonExact(`[${text}]`) as unknown[];
      const expected = new BigJs(text).toFixed();
      expect(parseDecimal(parsed)).toBe(expected === '-0' ? '0' : expected);
    }
  });

  it('throws the SyntaxError of the original text on text that is not JSON', () => {
    expect(() => parseJsonExact('<html>')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"accounts":{')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"a":1.1234567890123456789')).toThrow(/position 26/);
  });
});

describe('currency codes', () => {
  it('upper-cases and maps XBT to BTC, keeping the raw code', () => {
    expect(toCurrency('xbt')).toEqual({ code: 'BTC', raw: 'xbt' });
    expect(toCurrency('XBT')).toEqual({ code: 'BTC', raw: 'XBT' });
    expect(toCurrency('BTC')).toEqual({ code: 'BTC', raw: 'BTC' });
    expect(normaliseCurrencyCode('usd credit')).toBe('USD CREDIT');
    expect(sameCurrency('xbt', 'BTC')).toBe(true);
    expect(sameCurrency('eth', 'ETH')).toBe(true);
    expect(sameCurrency('eth', 'etc')).toBe(false);
  });
});
