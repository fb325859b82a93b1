/**
 * JSON text → plain data with every number kept exactly: the native `JSON.parse`, whose reviver
 * is handed each number's source text (`context.source`, in Node 24 and Electron's Chromium), so a
 * figure such as 0.12345678901234567890123 is never rounded through a double. Numbers come out as
 * their source text (a string); ./schema.ts turns them into canonical Decimals.
 *
 * Decoding takes a faster road when it can (`parseJsonForDecoding`): the reviver costs several
 * times the parse itself on a large body, and is only needed for numbers a double cannot hold.
 *
 * Text that is not JSON throws JSON.parse's own SyntaxError (message and position in the text
 * Kraken sent): the client tells HTML, truncated and other bodies apart by it.
 */

/**
 * Deepest nesting accepted. Kraken's bodies nest about six levels; a reviver walks the parsed tree
 * recursively, so without a bound a hostile body of nested brackets would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Text nested deeper than MAX_JSON_DEPTH, refused before it is parsed. */
export class JsonTooDeep extends SyntaxError {
  constructor() {
    super(`JSON nested too deeply (more than ${MAX_JSON_DEPTH} levels)`);
    this.name = 'JsonTooDeep';
  }
}

/** The character codes the scan looks for. */
const code = (character: string): number => character.charCodeAt(0);
const [QUOTE, BACKSLASH, OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE] = [code('"'), code('\\'), code('['), code('{'), code(']'), code('}')];
const [DIGIT_0, DIGIT_9, DOT, MINUS, LOWER_E, UPPER_E] = [code('0'), code('9'), code('.'), code('-'), code('e'), code('E')];
/** A decimal of at most this many significant digits survives the trip through a double. */
const DIGITS_A_DOUBLE_HOLDS = 15;

/** Index of the quote that closes the string opened at `open`, or text.length when none does. */
function stringEnd(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

/**
 * One pass over the text outside its strings: throws JsonTooDeep when brackets nest deeper than
 * MAX_JSON_DEPTH, and tells whether every number would survive JSON.parse's doubles exactly (at
 * most 15 digits, leading zeros counted to err on the safe side, and no exponent: 1e-400 becomes 0).
 * Only counts: whether the text is JSON at all is JSON.parse's judgement.
 */
function scan(text: string): { readonly numbersFitDoubles: boolean } {
  let depth = 0;
  let digits = 0;
  let numbersFitDoubles = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      if (++digits > DIGITS_A_DOUBLE_HOLDS) numbersFitDoubles = false;
    } else if (code === DOT || code === MINUS) {
      // within a number: its digits go on counting
    } else if ((code === LOWER_E || code === UPPER_E) && digits > 0) numbersFitDoubles = false;
    else {
      digits = 0;
      if (code === QUOTE) i = stringEnd(text, i);
      else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
        if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeep();
      } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth--;
    }
  }
  return { numbersFitDoubles };
}

const keepNumberSource = (_key: string, value: unknown, context?: { source?: string }): unknown =>
  typeof value === 'number' ? context?.source : value;

/** Parses JSON text into plain data with every number as its exact source text. */
export function parseJsonExact(text: string): unknown {
  scan(text);
  return JSON.parse(text, keepNumberSource as (key: string, value: unknown) => unknown);
}

/**
 * Like parseJsonExact, except that when every number of the text fits a double exactly (see
 * `scan`), the text is parsed without the reviver and numbers stay JS numbers: a decimal of at
 * most 15 significant digits survives the trip through a double, so `String(number)` is exactly
 * the value sent. The decoding schemas (./schema.ts) accept both forms.
 */
export function parseJsonForDecoding(text: string): unknown {
  return scan(text).numbersFitDoubles ? JSON.parse(text) : JSON.parse(text, keepNumberSource as (key: string, value: unknown) => unknown);
}

/** Plain data with every number as its text: what parseJsonExact gives, from data parseJsonForDecoding gave. */
export function numbersAsText(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(numbersAsText);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersAsText(item)]));
}
