import BigJs from 'big.js';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src-shared/decimal.ts';
import { normaliseCurrencyCode, sameCurrency, toCurrency } from '../../../src-main/kraken/currency.ts';
import { parseJsonExact } from '../../../src-main/kraken/decode/exact-json.ts';
import { fixtureText } from './fixtures.ts';

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

/** The reference: JSON.parse with source-text access (slow, but the native parser's own judgement). */
function referenceParse(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => (typeof value === 'number' ? context?.source : value));
}

describe('parseJsonExact agrees with the native parser', () => {
  it.each([
    ['01'], ['1.'], ['.5'], ['-'], ['+1'], ['1e'], ['1e+'], ['-a'], ['tru'], ['nul'], ['[1,]'], ['{"a":1,}'], ['{"a" 1}'], ['{a:1}'],
    ["{'a':1}"], ['"\u0001"'], ['"\\x"'], ['"abc'], ['[1 2]'], ['{"a":1}}'], ['1 2'], [''], ['  '], ['\u00a01'], ['[1]\u00a0'], ['NaN'],
    ['Infinity'], ['{"a":{"b":[1,{"c":}]}}'], ['["\\u12"]'],
    // a key first met escaped must not let its decoded text pass unescaped in a sibling
    ['[{"a\\"b":1},{"a"b":2}]'], ['[{"a\\nb":1},{"a\nb":2}]'],
    // non-ASCII where JSON allows only ASCII (after a backslash, as a digit, outside strings), and
    // U+0122, whose low byte is a quote, in an unterminated string
    ['"\\é"'], ['[1,２]'], ['{"a":1}é'], ['{é:1}'], ['["\u0122]'],
  ])('refuses %j with the native SyntaxError', (text) => {
    let expected: unknown;
    try {
      JSON.parse(text);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(SyntaxError);
    expect(() => parseJsonExact(text)).toThrow((expected as SyntaxError).message);
  });

  it('reads non-ASCII text, surrogate pairs and lone surrogates in strings and keys as the native parser does', () => {
    // U+0122 and U+015C have a quote and a backslash as their low bytes
    const text = '{"José":"Zürich ✓ \u{1F680}","\u0122\u015C":["\ud800","é\\n"],"n":-1.5}';
    expect(parseJsonExact(text)).toEqual(referenceParse(text));
  });

  it('reads whitespace, escapes, literals, empty containers, and "__proto__" as an own key', () => {
    const text = ' \t\r\n{ "a" : [ ] , "b":{}, "c":"\\u00e9\\n\\"\\\\/", "d":[true,false,null,-0,0.5e-3,1E+2], "__proto__": {"x": 1} } \n';
    const parsed = parseJsonExact(text) as Record<string, unknown>;
    expect(parsed).toEqual(referenceParse(text));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['a', 'b', 'c', 'd', '__proto__']);
  });

  it('keeps the last of duplicate keys in the first one’s place, as JSON.parse does', () => {
    const text = '{"a":1,"b":2,"a":3}';
    expect(Object.entries(parseJsonExact(text) as object)).toEqual(Object.entries(referenceParse(text) as object));
  });

  it('reads sibling objects with changing keys right (remembered keys that no longer match)', () => {
    const text = '[{"ab":1,"c":2},{"a":3,"c":4},{"ab":5},{"abc":6,"ab":7},{"a\\u0062":8},{}]';
    expect(parseJsonExact(text)).toEqual(referenceParse(text));
  });

  it('reads valid JSON nested deeper than its stack, or refuses it with a SyntaxError (never a RangeError)', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
    let result: unknown;
    try {
      result = parseJsonExact(text);
    } catch (error) {
      expect(error).toBeInstanceOf(SyntaxError);
      expect((error as Error).message).toMatch(/nested too deeply/);
      return;
    }
    for (let i = 0; i < depth; i++) result = (result as unknown[])[0];
    expect(result).toBe('x');
  });

  it('matches the reference on the seed documents', () => {
    for (const name of ['seed-accounts.json', 'seed-subaccounts.json']) {
      const text = fixtureText(name);
      expect(parseJsonExact(text)).toEqual(referenceParse(text));
    }
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
