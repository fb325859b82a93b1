import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../../src-main/kraken/exact-json.ts';
import { FieldNames, JsonCursor, NotJson } from '../../../src-main/kraken/json-cursor.ts';
import { parseAccounts } from '../../../src-main/kraken/parse-accounts.ts';
import { parseSubaccounts } from '../../../src-main/kraken/parse-subaccounts.ts';
import { computeAuthent } from '../../../src-main/kraken/sign.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { DOCS_STYLE, REAL_2026_STYLE, type ResponseStyle } from '../../../src-main/kraken/simulator/render.ts';
import { fixtureText } from './fixtures.ts';
import { ManualClock } from './manual-clock.ts';

/** Every field of the object at the cursor, as `[key, value]` with known names read by `fields`. */
function fieldsOf(text: string, fields: FieldNames): [string, unknown][] {
  const json = new JsonCursor(text);
  expect(json.enterObject()).toBe(true);
  const seen: [string, unknown][] = [];
  for (let field = json.nextField(fields); field !== null; field = json.nextField(fields)) seen.push([field, json.value()]);
  json.end();
  return seen;
}

describe('JsonCursor.nextField', () => {
  const fields = new FieldNames(['quantity', 'value']);

  it('answers with the very strings of the field names, in any order, unknown keys as written', () => {
    const seen = fieldsOf('{"value":1,"extra":{"a":[1,2]},"quantity":"2"}', fields);
    expect(seen).toEqual([
      ['value', '1'],
      ['extra', { a: ['1', '2'] }],
      ['quantity', '2'],
    ]);
    expect(seen[0]![0]).toBe(fields.names[1]);
    expect(seen[2]![0]).toBe(fields.names[0]);
  });

  it('matches a known name written with escapes, and not a name that merely starts the same', () => {
    expect(fieldsOf('{"q\\u0075antity":5,"values":6,"value":7}', fields)).toEqual([
      ['quantity', '5'],
      ['values', '6'],
      ['value', '7'],
    ]);
  });

  it.each([
    ['{"value":1"quantity":2}'],
    ['{"value":1,,"quantity":2}'],
    ['{,"value":1}'],
    ['{"value":1,}'],
    ['{"value" 1}'],
    ['{"value"::1}'],
    ['{"value":}'],
    ['{value:1}'],
    ['{"value":1}}'],
    ['{"value":1 "quantity":2}'],
    ['{"value":1}"quantity":2'],
  ])('refuses %j as JSON does, on the compact fast path as on the general one', (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => fieldsOf(text, fields)).toThrow(NotJson);
  });

  it('reads the same fields from compact text and from text with whitespace anywhere JSON allows it', () => {
    const compact = '{"quantity":1,"value":{"a":[1,2]},"extra":"x"}';
    const spaced = ' {\n  "quantity" :\t1 ,\r\n "value": { "a" : [ 1 , 2 ] } , "extra":"x"\n}\n';
    expect(fieldsOf(spaced, fields)).toEqual(fieldsOf(compact, fields));
  });

  it('reads objects of one kind one after another, whatever order each writes its keys in', () => {
    const json = new JsonCursor('[{"quantity":1,"value":2},{"value":3,"quantity":4},{"quantity":5}]');
    const rows: string[] = [];
    expect(json.enterArray()).toBe(true);
    while (json.nextElement()) {
      expect(json.enterObject()).toBe(true);
      for (let field = json.nextField(fields); field !== null; field = json.nextField(fields)) rows.push(`${field}=${String(json.decimal())}`);
    }
    json.end();
    expect(rows).toEqual(['quantity=1', 'value=2', 'value=3', 'quantity=4', 'quantity=5']);
  });

  it.each([['{,"value":1}'], ['{"value":1 "quantity":2}'], ['{"value":1,}'], ['{"value" 1}'], ['{value:1}'], ['{"value":1']])(
    'refuses %j as not JSON',
    (text) => {
      expect(() => fieldsOf(text, fields)).toThrow(NotJson);
    },
  );
});

describe('JsonCursor.decimal', () => {
  /** The decimal at the start of `text`, which must then be wholly read. */
  const decimalOf = (text: string) => {
    const json = new JsonCursor(text);
    const decimal = json.decimal();
    json.end();
    return decimal;
  };

  it('takes canonical numbers as written and canonicalises the others', () => {
    const cases: [string, string][] = [
      ['0.1185308247', '0.1185308247'],
      ['-0.0009056832839642471', '-0.0009056832839642471'],
      ['5000', '5000'],
      ['1.50', '1.5'],
      ['-0', '0'],
      ['-0.0', '0'],
      ['3.46e-9', '0.00000000346'],
      ['1E+2', '100'],
      // quoted, as Kraken's 2026 responses send every figure
      ['"34122.66"', '34122.66'],
      ['"-0.0009056832839642471"', '-0.0009056832839642471'],
      ['"1e-3"', '0.001'],
      ['"1.50"', '1.5'],
      ['"-0"', '0'],
      ['"+2"', '2'],
      ['"007"', '7'],
      ['"1\\u0032"', '12'],
    ];
    for (const [text, expected] of cases) expect(decimalOf(text), text).toBe(expected);
  });

  it('answers null without moving for what is not a decimal, so the reader can name it or skip it', () => {
    for (const text of ['"n/a"', '"12abc"', '"-"', '""', '{"a":1}', '[1]', 'null', 'true']) {
      const json = new JsonCursor(text);
      expect(json.decimal(), text).toBeNull();
      json.skip();
      json.end();
    }
  });
});

describe('JsonCursor.peekString', () => {
  it('finds a string field anywhere in the object without moving', () => {
    const json = new JsonCursor('{"balances":{"type":"not this one"},"n":[1,{"type":2}],"type":"cashAccount"}');
    expect(json.peekString('type')).toBe('cashAccount');
    expect(json.peekString('missing')).toBeNull();
    expect(json.value()).toEqual({ balances: { type: 'not this one' }, n: ['1', { type: '2' }], type: 'cashAccount' });
    json.end();
  });
});

/** The subaccounts body the simulated exchange sends for `count` subaccounts in `style`. */
async function simulatedBody(count: number, style: ResponseStyle, path: string): Promise<string> {
  const exchange = new SimulatedExchange({ clock: new ManualClock(), style });
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.setMarkPrice('pi_xbtusd', '64000');
  exchange.setUsdRate('EUR', '1.08');
  exchange.deposit('USD', '10000');
  exchange.deposit('BTC', '0.25');
  exchange.addSubaccounts(count);
  const key = exchange.addKey();
  const response = await exchange.handle(
    new Request(`http://sim${path}`, { headers: { 'User-Agent': 'test', APIKey: key.apiKey, Authent: computeAuthent(key.apiSecret, path, '', '') } }),
  );
  return response.text();
}

/** Rewrites a body with every object's keys in reverse order, numbers as decimal strings and indentation. */
function reshuffled(text: string): string {
  const reverse = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reverse);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverse(item)]));
  };
  return JSON.stringify(reverse(parseJsonExact(text)), null, 2);
}

/** The model with every list in a fixed order: a map's entries (flex currencies in /accounts) come in the order written. */
function unordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unordered).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unordered(item)]));
}

describe('readers refuse lists that are not JSON', () => {
  const subaccount = '{"holdingAccounts":[],"futuresAccounts":[],"flexAccount":null,"fullName":null,"email":"e","accountUid":"u"}';
  it.each([
    [`[${subaccount},]`],
    [`[,${subaccount}]`],
    [`[${subaccount},,${subaccount}]`],
    [`[${subaccount} ${subaccount}]`],
  ])('%s', (list) => {
    const text = `{"result":"success","masterAccountUid":"m","subaccounts":${list}}`;
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseSubaccounts(text)).toThrow(SyntaxError);
  });
});

describe('readers do not depend on key order or layout', () => {
  it.each([
    ['docs style', DOCS_STYLE],
    ['real 2026 style', REAL_2026_STYLE],
  ])('reads the same subaccounts from a body with every object reversed and indented (%s)', async (_name, style) => {
    const text = await simulatedBody(40, style, '/derivatives/api/v3/subaccounts');
    const model = parseSubaccounts(text);
    expect(model.subaccounts).toHaveLength(40);
    expect(unordered(parseSubaccounts(reshuffled(text)))).toEqual(unordered(model));
  });

  it('reads the same accounts from the seed document reversed and indented', () => {
    const text = fixtureText('seed-accounts.json');
    expect(unordered(parseAccounts(reshuffled(text)))).toEqual(unordered(parseAccounts(text)));
  });
});
