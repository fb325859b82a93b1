import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../../src-main/kraken/decode/exact-json.ts';
import { decimal, decodeJson, object } from '../../../src-main/kraken/decode/schema.ts';
import { parseAccounts } from '../../../src-main/kraken/parse-accounts.ts';
import { parseSubaccounts } from '../../../src-main/kraken/parse-subaccounts.ts';
import { computeAuthent } from '../../../src-main/kraken/sign.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { DOCS_STYLE, REAL_2026_STYLE, type ResponseStyle } from '../../../src-main/kraken/simulator/render.ts';
import { fixtureText } from './fixtures.ts';
import { ManualClock } from './manual-clock.ts';

describe('decimal figures in bodies', () => {
  /** The decimal a body's only figure is read as. */
  const decimalOf = (text: string) => decodeJson(object({ figure: decimal }), `{"figure":${text}}`).figure;

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

  it('refuses what is not a decimal, naming the figure', () => {
    for (const text of ['"n/a"', '"12abc"', '"-"', '""', '{"a":1}', '[1]', 'null', 'true']) {
      expect(() => decimalOf(text), text).toThrow(expect.objectContaining({ kind: 'schemaMismatch', path: 'figure' }));
    }
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
