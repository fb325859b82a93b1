/**
 * JSON parsing that keeps Kraken's numbers digit for digit.
 *
 * `JSON.parse` turns 0.1185308247 or -0.0009056832839642471 into binary floats; most survive the
 * round trip, but not all (a 16th or 17th significant digit), and once a figure is a float its
 * exact decimal is gone. So this is a small recursive-descent parser (a charCodeAt loop over the
 * text) that yields every number as its exact source text, a string such as "3.46e-9"; the parsers
 * accept numbers and decimal strings alike (Kraken sends both), and ./decimal.ts checks and
 * canonicalises them.
 *
 * Choices measured on a 1,000-subaccount body (0.79 MB, Node 24, best of 200 runs), where
 * JSON.parse of the plain text (floats) takes 3.3 ms:
 * - this parser: 4.6 ms;
 * - the previous approach, one scan wrapping every number in quotes then native JSON.parse: 7.9 ms
 *   (the scan, then JSON.parse of a longer text made of strings only);
 * - the reviver's source-text access (`JSON.parse(text, (k, v, { source }) => …)`) calls back for
 *   every value: 5–6× slower than plain JSON.parse;
 * - this parser without key reuse (below): about 1.6× slower, most of it in storing properties
 *   under freshly sliced key strings;
 * - finding string ends with indexOf (plus tracking the next backslash and control character)
 *   instead of the charCodeAt loop: no faster, so not kept;
 * - reading /subaccounts straight into the model without a tree (a schema-directed reader, as a
 *   prototype): 7.0 ms against 7.1 ms for this parser plus the parsers in this folder, so not
 *   worth a second, order-dependent implementation of every schema rule.
 *
 * Key reuse: a response repeats the same few object shapes thousands of times (every subaccount,
 * every flex currency). For each object the parser remembers, under the key its parent stored it
 * by, the keys it had in order; the next object met under that key is first tried against them
 * with `startsWith`. A hit takes the remembered string instead of slicing a new one, so every
 * such object gets its properties under the same key strings, in the same order: V8 stores them
 * along one hidden-class path instead of looking up a new string each time.
 *
 * Strictness: the parser accepts exactly JSON (RFC 8259). On anything else it defers to
 * `JSON.parse(text)`, whose SyntaxError (message and position in the text Kraken sent) the client
 * uses to tell HTML, truncated and other bodies apart.
 */

const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO_DIGIT = 48;
const ONE_DIGIT = 49;
const NINE_DIGIT = 57;
const COLON = 58;
const UPPER_E = 69;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_T = 116;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Thrown inside the parser only; `parseJsonExact` replaces it with JSON.parse's own SyntaxError. */
class NotJson extends Error {}

/** Keys remembered per shape; an object with more keys has the rest sliced every time (no shape worth remembering). */
const MAX_REMEMBERED_KEYS = 64;

/** Parser state for one `parseJsonExact` call (synchronous, so module-level state cannot interleave). */
let text = '';
let pos = 0;
let shapes = new Map<string, string[]>();

function notJson(): never {
  throw new NotJson();
}

function isDigit(code: number): boolean {
  return code >= ZERO_DIGIT && code <= NINE_DIGIT;
}

/** Skips whitespace; returns the code at the new position (NaN at the end). */
function skipWhitespace(): number {
  let code = text.charCodeAt(pos);
  while (code === SPACE || code === LINE_FEED || code === CARRIAGE_RETURN || code === TAB) code = text.charCodeAt(++pos);
  return code;
}

/** A string literal starting at the `"` at `pos`. */
function readString(): string {
  const start = ++pos;
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === QUOTE) return text.slice(start, pos++);
    // An escape (rare in Kraken's bodies): JSON.parse decodes this one literal. Control characters
    // and the end of the text (NaN) are errors.
    if (code === BACKSLASH) return readEscapedString(start);
    if (!(code >= SPACE)) notJson();
    pos++;
  }
}

function readEscapedString(start: number): string {
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === QUOTE) break;
    if (!(code >= SPACE)) notJson();
    pos += code === BACKSLASH ? 2 : 1;
  }
  pos++;
  return JSON.parse(text.slice(start - 1, pos)) as string;
}

/** A number's source text: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
function readNumber(): string {
  const start = pos;
  let code = text.charCodeAt(pos);
  if (code === MINUS) code = text.charCodeAt(++pos);
  if (code === ZERO_DIGIT) code = text.charCodeAt(++pos);
  else if (code >= ONE_DIGIT && code <= NINE_DIGIT) {
    do code = text.charCodeAt(++pos);
    while (isDigit(code));
  } else notJson();
  if (code === DOT) {
    code = text.charCodeAt(++pos);
    if (!isDigit(code)) notJson();
    do code = text.charCodeAt(++pos);
    while (isDigit(code));
  }
  if (code === LOWER_E || code === UPPER_E) {
    code = text.charCodeAt(++pos);
    if (code === PLUS || code === MINUS) code = text.charCodeAt(++pos);
    if (!isDigit(code)) notJson();
    do code = text.charCodeAt(++pos);
    while (isDigit(code));
  }
  return text.slice(start, pos);
}

function readLiteral<T>(word: string, value: T): T {
  if (!text.startsWith(word, pos)) notJson();
  pos += word.length;
  return value;
}

/** The value at `pos` (after whitespace); `key` is the key or array key its parent holds it under. */
function readValue(key: string): unknown {
  const code = skipWhitespace();
  if (code === QUOTE) return readString();
  if (code === OPEN_BRACE) return readObject(key);
  if (code === OPEN_BRACKET) return readArray(key);
  if (code === MINUS || isDigit(code)) return readNumber();
  if (code === LOWER_T) return readLiteral('true', true);
  if (code === LOWER_F) return readLiteral('false', false);
  if (code === LOWER_N) return readLiteral('null', null);
  return notJson();
}

/** The key at `pos`: the remembered one when the text repeats it, else a new slice (see the header). */
function readKey(shape: string[], index: number): string {
  const expected = shape[index];
  if (expected !== undefined && text.charCodeAt(pos + 1 + expected.length) === QUOTE && text.startsWith(expected, pos + 1)) {
    pos += expected.length + 2;
    return expected;
  }
  const start = pos;
  const key = readString();
  // Only keys read without escapes (raw length = decoded length): a remembered key then holds no
  // quote, backslash or control character, so matching it against the raw text is exact.
  if (index < MAX_REMEMBERED_KEYS && pos - start - 2 === key.length) shape[index] = key;
  return key;
}

function readObject(parentKey: string): Record<string, unknown> {
  pos++;
  const object: Record<string, unknown> = {};
  let code = skipWhitespace();
  if (code === CLOSE_BRACE) {
    pos++;
    return object;
  }
  let shape = shapes.get(parentKey);
  if (shape === undefined) {
    shape = [];
    shapes.set(parentKey, shape);
  }
  for (let index = 0; ; index++) {
    if (code !== QUOTE) notJson();
    const key = readKey(shape, index);
    if (skipWhitespace() !== COLON) notJson();
    pos++;
    const value = readValue(key);
    // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype.
    if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    else object[key] = value;
    code = skipWhitespace();
    if (code === CLOSE_BRACE) {
      pos++;
      return object;
    }
    if (code !== COMMA) notJson();
    pos++;
    code = skipWhitespace();
  }
}

/** Elements share their array's key, so objects in a list share one remembered shape. */
function readArray(key: string): unknown[] {
  pos++;
  const array: unknown[] = [];
  if (skipWhitespace() === CLOSE_BRACKET) {
    pos++;
    return array;
  }
  for (;;) {
    array.push(readValue(key));
    const code = skipWhitespace();
    if (code === CLOSE_BRACKET) {
      pos++;
      return array;
    }
    if (code !== COMMA) notJson();
    pos++;
  }
}

/**
 * Parses JSON text with every number kept as its exact source text (a string). Throws the
 * SyntaxError JSON.parse gives for the text when it is not JSON (the client tells HTML, truncated
 * and other bodies apart by it, positions included).
 */
export function parseJsonExact(source: string): unknown {
  text = source;
  pos = 0;
  shapes = new Map();
  try {
    const value = readValue('');
    skipWhitespace();
    if (pos !== text.length) notJson();
    return value;
  } catch (error) {
    // NotJson, a bad escape in one string literal (its SyntaxError has the literal's position, not
    // the text's), or a RangeError from nesting deeper than the stack: the native parser judges.
    if (!(error instanceof NotJson || error instanceof SyntaxError || error instanceof RangeError)) throw error;
    JSON.parse(source);
    // Valid JSON this parser could not read: only nesting deeper than the stack gets here.
    throw new SyntaxError(`JSON nested too deeply to read exactly, at position ${pos}`, { cause: error });
  } finally {
    text = '';
    shapes = new Map();
  }
}
