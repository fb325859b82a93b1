import { describe, expect, it } from 'vitest';
import { normaliseCurrencyCode, sameCurrency, toCurrency } from '../../../src-main/kraken/currency.ts';
import { parseJsonExact } from '../../../src-main/kraken/exact-json.ts';

describe('parseJsonExact', () => {
  it('keeps the source text of every number, where JSON.parse would round', () => {
    const text = '{"a":0.12345678901234567890123,"b":3.46e-9,"c":[1,-0.0],"s":"7","t":true,"n":null}';
    expect(parseJsonExact(text)).toEqual({ a: '0.12345678901234567890123', b: '3.46e-9', c: ['1', '-0.0'], s: '7', t: true, n: null });
    expect(String((JSON.parse(text) as { a: number }).a)).not.toBe('0.12345678901234567890123');
  });

  it('throws SyntaxError on text that is not JSON', () => {
    expect(() => parseJsonExact('<html>')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"accounts":{')).toThrow(SyntaxError);
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
