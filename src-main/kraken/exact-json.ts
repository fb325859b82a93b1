/**
 * JSON parsing that keeps Kraken's numbers digit for digit.
 *
 * `JSON.parse` turns 0.1185308247 or -0.0009056832839642471 into binary floats; most survive the
 * round trip, but not all (a 17th significant digit, or more), and once a figure is a float its
 * exact decimal is gone. Instead every number becomes the exact source text Kraken sent, through
 * the reviver's third argument (TC39 "JSON.parse source text access", shipped in V8 11.4 and so in
 * Node 24 and Electron 45). The alternative, a hand-written tokenizer, would be slower than the
 * native parser and one more thing to get wrong.
 *
 * After this, every number in the tree is a string such as "3.46e-9"; the parsers accept numbers
 * and decimal strings alike (Kraken sends both), and ./decimal.ts canonicalises them.
 */

interface ReviverContext {
  readonly source?: string;
}

function keepNumberSource(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  return typeof value === 'number' && context?.source !== undefined ? context.source : value;
}

/**
 * Parses JSON text with numbers kept as their source strings. Throws SyntaxError exactly like
 * JSON.parse for text that is not JSON (the client classifies that: HTML, truncated, other).
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, keepNumberSource as (this: unknown, key: string, value: unknown) => unknown);
}
