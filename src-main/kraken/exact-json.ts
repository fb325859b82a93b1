/**
 * JSON parsing that keeps Kraken's numbers digit for digit.
 *
 * `JSON.parse` turns 0.1185308247 or -0.0009056832839642471 into binary floats; most survive the
 * round trip, but not all (a 16th or 17th significant digit), and once a figure is a float its
 * exact decimal is gone. So before the native parser runs, one linear scan skips string literals
 * (with their escapes) and wraps every number it meets outside them in quotes: each figure then
 * arrives as a string holding exactly the digits Kraken sent; then plain `JSON.parse`.
 *
 * Choices measured on a 1,000-subaccount body (≈0.8 MB):
 * - the reviver's source-text access (`JSON.parse(text, (k, v, { source }) => …)`, TC39 "JSON.parse
 *   source text access", in Node 24) gives the same result but calls back for every value: 5–6×
 *   slower than plain JSON.parse;
 * - quoting only numbers of more than 15 significant digits (the rest survive a double exactly)
 *   makes JSON.parse cheaper, but turning the floats back into text (`String(n)`) later costs more
 *   than it saves;
 * - a hand-written tokenizer would be slower than the native parser.
 *
 * After this, every number in the tree is a string such as "3.46e-9"; the parsers accept numbers
 * and decimal strings alike (Kraken sends both), and ./decimal.ts checks and canonicalises them.
 * A malformed number (`1.2.3`) thus reaches the parsers as a string and is refused there as a
 * schema error naming its path, rather than as a syntax error.
 */

const BACKSLASH = 92; // \
const MINUS = 45; // -
const PLUS = 43; // +
const DOT = 46; // .
const ZERO_DIGIT = 48;
const NINE_DIGIT = 57;
const LOWER_E = 101;
const UPPER_E = 69;

function isNumberStart(code: number): boolean {
  return code === MINUS || (code >= ZERO_DIGIT && code <= NINE_DIGIT);
}

function isNumberPart(code: number): boolean {
  return (code >= ZERO_DIGIT && code <= NINE_DIGIT) || code === DOT || code === LOWER_E || code === UPPER_E || code === PLUS || code === MINUS;
}

/** Whether the `"` at `index` is escaped (preceded by an odd number of backslashes). */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * The JSON text with every number outside string literals wrapped in quotes. String literals are
 * skipped with indexOf (native, fast); only the short stretches between them are scanned.
 */
export function quoteNumbers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  const length = text.length;
  for (let from = 0; from < length; ) {
    const open = text.indexOf('"', from);
    const stretchEnd = open === -1 ? length : open;
    for (let i = from; i < stretchEnd; i++) {
      if (!isNumberStart(text.charCodeAt(i))) continue;
      let end = i + 1;
      while (end < stretchEnd && isNumberPart(text.charCodeAt(end))) end++;
      out += `${text.slice(copiedUpTo, i)}"${text.slice(i, end)}"`;
      copiedUpTo = end;
      i = end - 1;
    }
    if (open === -1) break;
    let close = text.indexOf('"', open + 1);
    while (close !== -1 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    // An unterminated string: nothing more to quote, JSON.parse reports the error.
    if (close === -1) break;
    from = close + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/**
 * Parses JSON text with every number kept as its exact source text (a string). Throws the SyntaxError JSON.parse
 * gives for the original text when it is not JSON (the client tells HTML, truncated and other
 * bodies apart by it, positions included).
 */
export function parseJsonExact(text: string): unknown {
  try {
    return JSON.parse(quoteNumbers(text));
  } catch (error) {
    // Report the error as found in the text Kraken sent, not in the quoted copy.
    JSON.parse(text);
    throw error;
  }
}
