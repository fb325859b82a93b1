/**
 * JSON text → plain data with every number kept exactly: the native `JSON.parse`, whose reviver
 * is handed each number's source text (`context.source`, in Node 24 and Electron's Chromium), so a
 * figure such as 0.12345678901234567890123 is never rounded through a double. Numbers come out as
 * their source text (a string); ./schema.ts turns them into canonical Decimals.
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

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

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
 * Throws JsonTooDeep when brackets outside strings nest deeper than MAX_JSON_DEPTH. Only counts:
 * whether the text is JSON at all is JSON.parse's judgement.
 */
function checkDepth(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = stringEnd(text, i);
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeep();
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth--;
  }
}

const keepNumberSource = (_key: string, value: unknown, context?: { source?: string }): unknown =>
  typeof value === 'number' ? context?.source : value;

/** Parses JSON text into plain data with every number as its exact source text. */
export function parseJsonExact(text: string): unknown {
  checkDepth(text);
  return JSON.parse(text, keepNumberSource as (key: string, value: unknown) => unknown);
}
