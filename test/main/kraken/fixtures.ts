/** Raw seed responses from test/fixtures, as the client would receive them (text) and parse them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseJsonExact } from '../../../src-main/kraken/decode/exact-json.ts';

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
}

/** A fixture parsed the way the client parses bodies: numbers kept as their exact source text. */
export function fixtureJson(name: string): unknown {
  return parseJsonExact(fixtureText(name));
}
