import { describe, expect, it } from 'vitest';
import { JsonTooDeep, MAX_JSON_DEPTH, numbersAsText, parseJsonExact } from '../../../../src-main/kraken/decode/exact-json.ts';
import {
  decimal,
  decodeJson,
  decodeValue,
  entries,
  keyedList,
  list,
  object,
  optionalDecimal,
  optionalText,
  text,
} from '../../../../src-main/kraken/decode/schema.ts';
import { SchemaError } from '../../../../src-main/kraken/errors.ts';

function schemaErrorOf(run: () => unknown): SchemaError {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  throw new Error('expected a SchemaError');
}

describe('decimal', () => {
  it('turns JSON numbers (exact source text) and decimal strings, exponent form included, into canonical Decimals', () => {
    const schema = object({ a: decimal, b: decimal, c: decimal, d: decimal, e: decimal });
    expect(decodeJson(schema, '{"a":0.12345678901234567890123,"b":"3.46e-9","c":1.50,"d":"-0","e":1E+2}')).toEqual({
      a: '0.12345678901234567890123',
      b: '0.00000000346',
      c: '1.5',
      d: '0',
      e: '100',
    });
    expect(decodeValue(decimal, 0.5)).toBe('0.5');
  });

  it('refuses what is not a decimal, and a missing one, naming the field', () => {
    const schema = object({ amount: decimal });
    for (const body of ['{"amount":"n/a"}', '{"amount":null}', '{"amount":{}}', '{}', '{"amount":true}']) {
      const error = schemaErrorOf(() => decodeJson(schema, body));
      expect(error.path, body).toBe('amount');
      expect(error.expected).toBe('a decimal number');
    }
  });

  it('optionalDecimal and optionalText read null or absence as null', () => {
    const schema = object({ price: optionalDecimal, time: optionalText });
    expect(decodeJson(schema, '{}')).toEqual({ price: null, time: null });
    expect(decodeJson(schema, '{"price":null,"time":null}')).toEqual({ price: null, time: null });
    expect(decodeJson(schema, '{"price":"7.0","time":"t"}')).toEqual({ price: '7', time: 't' });
    expect(schemaErrorOf(() => decodeJson(schema, '{"price":"x"}')).path).toBe('price');
    expect(schemaErrorOf(() => decodeJson(schema, '{"time":{}}')).expected).toBe('a text');
  });
});

describe('object and list', () => {
  it('keeps unknown fields as sent, numbers exact whichever road the parse takes', () => {
    const long = decodeJson(object({ a: text }), '{"a":"x","extra":{"n":0.12345678901234567890}}');
    expect(long).toEqual({ a: 'x', extra: { n: '0.12345678901234567890' } });
    const short = decodeJson(object({ a: text }), '{"a":"x","extra":{"n":1.10}}');
    expect(numbersAsText(short)).toEqual({ a: 'x', extra: { n: '1.1' } });
  });

  it('reads the same figures from a body whose numbers fit doubles and one that needs the exact road', () => {
    const schema = object({ a: decimal, b: decimal, t: text });
    expect(decodeJson(schema, '{"a":1.50,"b":-0.000001,"t":7}')).toEqual({ a: '1.5', b: '-0.000001', t: '7' });
    expect(decodeJson(schema, '{"a":1.50,"b":-0.000001,"t":7,"x":4998.721054420551}')).toEqual({
      a: '1.5',
      b: '-0.000001',
      t: '7',
      x: '4998.721054420551',
    });
    expect(decodeJson(schema, '{"a":3.46e-9,"b":12345678901234567,"t":"t"}')).toMatchObject({ a: '0.00000000346', b: '12345678901234567' });
  });

  it('names the path of the first problem, lists and odd keys included; a wrong root is "the response"', () => {
    const schema = object({ rows: list(object({ 'usd credit': decimal })) });
    expect(schemaErrorOf(() => decodeJson(schema, '{"rows":[{"usd credit":1},{"usd credit":"x"}]}')).path).toBe('rows[1]["usd credit"]');
    expect(schemaErrorOf(() => decodeJson(schema, '{"rows":{}}')).expected).toBe('a list');
    const root = schemaErrorOf(() => decodeJson(schema, '[]'));
    expect([root.path, root.expected]).toEqual(['the response', 'an object']);
  });
});

describe('entries and keyedList', () => {
  it('reads a map as entries in the order sent, "__proto__" as data', () => {
    const read = decodeJson(entries(decimal), '{"b":1,"a":"2","__proto__":3}');
    expect(read).toEqual([
      { key: 'b', value: '1' },
      { key: 'a', value: '2' },
      { key: '__proto__', value: '3' },
    ]);
    expect(schemaErrorOf(() => decodeJson(entries(decimal), '{"a":1,"b c":"x"}')).path).toBe('["b c"]');
  });

  const currencies = keyedList('currency', object({ quantity: decimal }));

  it('reads a map keyed by code and a list of objects with a code field alike', () => {
    const fromMap = decodeJson(currencies, '{"XBT":{"quantity":1},"USD":{"quantity":"2"}}');
    const fromList = decodeJson(currencies, '[{"currency":"XBT","quantity":1},{"currency":"USD","quantity":"2"}]');
    expect(fromMap.map(({ code, value }) => [code, value.quantity])).toEqual([
      ['XBT', '1'],
      ['USD', '2'],
    ]);
    expect(fromList.map(({ code, value }) => [code, value.quantity])).toEqual([
      ['XBT', '1'],
      ['USD', '2'],
    ]);
  });

  it('names paths in both shapes', () => {
    expect(schemaErrorOf(() => decodeJson(currencies, '{"XBT":{"quantity":"x"}}')).path).toBe('XBT.quantity');
    expect(schemaErrorOf(() => decodeJson(currencies, '[{"currency":"xbt","quantity":1},{"quantity":1}]')).path).toBe('[1].currency');
    expect(schemaErrorOf(() => decodeJson(currencies, '[5]')).path).toBe('[0]');
    expect(schemaErrorOf(() => decodeJson(currencies, '"x"')).expected).toBe('an object');
  });
});

describe('parseJsonExact depth bound', () => {
  it('refuses nesting just above the bound before parsing, and reads it at the bound', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(() => parseJsonExact(nested(MAX_JSON_DEPTH + 1))).toThrow(JsonTooDeep);
    expect(() => parseJsonExact(nested(MAX_JSON_DEPTH + 1))).toThrow(SyntaxError);
    expect(JSON.stringify(parseJsonExact(nested(MAX_JSON_DEPTH)))).toBe(nested(MAX_JSON_DEPTH).replace('1', '"1"'));
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `{"a":"${'['.repeat(200)}\\"${'{'.repeat(200)}","b":[1]}`;
    expect(parseJsonExact(text)).toEqual(JSON.parse(text.replace('[1]', '["1"]')));
  });
});
