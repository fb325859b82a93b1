/**
 * A cursor over JSON text that keeps Kraken's numbers digit for digit and lets a reader take a
 * body straight into the model, without building a tree first.
 *
 * Why not `JSON.parse`: it turns 0.1185308247 or -0.0009056832839642471 into binary floats; most
 * survive the round trip, but not all (a 16th or 17th significant digit), and once a figure is a
 * float its exact decimal is gone. Here every number is read as its exact source text.
 *
 * Why a cursor rather than a tree: a `/subaccounts` body of 1,000 subaccounts holds 22,000 figures.
 * Parsing it into a tree of objects and then reading the tree into the model did the work twice:
 * measured on that body (0.79 MB, Node 24, medians of 150 runs), the exact tree alone took 7.8 ms
 * and the model built from it 5.8 ms, while `JSON.parse` (floats, no model) took 5.3 ms. Readers on
 * this cursor (./parse-*.ts) match each key against the field names they know, read each figure
 * where it sits and allocate only the model. Parse, validation and model together now take
 * 1.07–1.12× what `JSON.parse` alone takes on that body, 0.93× what ccxt does with it (JSON.parse
 * and a scan for unsafe integers), and 0.94× on a 50-subaccount body.
 *
 * Why bytes: the cursor reads one byte per UTF-16 unit of the text (see `unitBytes`) and slices
 * strings and numbers from the text. Indexing a Uint8Array is a plain load, where `charCodeAt`
 * dispatches on the string's representation: a loop counting quotes over the 0.79 MB body took
 * 1.3 ms on bytes and 2.8 ms with charCodeAt, and the whole read went from 1.6× to 1.2× JSON.parse.
 *
 * Why fast paths: Kraken sends compact JSON with every object of a kind keyed in the same order.
 * `nextField` checks `,"expected":` in place before anything else, `nextElement` a comma, and a
 * quoted figure written as a plain number is taken as it stands; any other layout, order or
 * spelling takes the general path, which accepts all of JSON. The field step alone took the
 * 50-subaccount body from 1.32× to 0.96× ccxt's parse.
 *
 * Measured and not kept: quoting every number with one scan and then JSON.parse (the scan plus a
 * longer text of strings: slower than the tree); the reviver's source-text access
 * (`JSON.parse(text, (k, v, { source }) => …)`), which calls back for every value: 5–6× slower than
 * plain JSON.parse; finding string ends with indexOf instead of the charCodeAt loop: no faster.
 *
 * Strictness: the cursor accepts exactly JSON (RFC 8259). On anything else it throws `NotJson`;
 * ./exact-json.ts then lets `JSON.parse(text)` produce the SyntaxError (message and position in the
 * text Kraken sent) the client uses to tell HTML, truncated and other bodies apart.
 *
 * A cursor answers "not this type" by returning null without moving, so a reader can name the JSON
 * path in its SchemaError; everything that is not JSON is a `NotJson`.
 */
import { parseDecimal, type Decimal } from './decimal.ts';

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

/** The text is not JSON; the reader's caller asks `JSON.parse` for the precise SyntaxError. */
export class NotJson extends Error {}

function notJson(): never {
  throw new NotJson();
}

function isDigit(code: number): boolean {
  return code >= ZERO_DIGIT && code <= NINE_DIGIT;
}

/**
 * One byte per UTF-16 unit of `text`: the unit when it is ASCII, 0x80 when not. Every JSON token
 * outside strings is ASCII, so the cursor finds the same structure in these bytes as in the text,
 * at the same indexes; a non-ASCII unit (only valid inside a string) is just a byte above 0x1F
 * there, and the string's real text is sliced from `text`.
 */
export function unitBytes(text: string): Uint8Array {
  const utf8 = Buffer.from(text, 'utf8');
  // as many UTF-8 bytes as units: every unit is ASCII (anything else takes 2 bytes or more)
  if (utf8.length === text.length) return utf8;
  const bytes = Buffer.from(text, 'latin1');
  for (const match of text.matchAll(NON_ASCII)) bytes[match.index] = NON_ASCII_BYTE;
  return bytes;
}

const NON_ASCII = /[\u0080-\uffff]/g;
const NON_ASCII_BYTE = 0x80;

/** Whether `bytes` hold exactly `name` followed by a closing quote at `start`. */
function writtenAt(bytes: Uint8Array, start: number, name: Uint8Array): boolean {
  const length = name.length;
  if (bytes[start + length] !== QUOTE) return false;
  for (let i = 0; i < length; i++) if (bytes[start + i] !== name[i]) return false;
  return true;
}

/**
 * The keys a reader knows for one kind of object. `nextField` answers with these very strings
 * (string literals, so a reader's `switch` compares them by identity) and remembers where the last
 * match was: Kraken writes every object of a kind with its keys in the same order, so the next key
 * is nearly always the next name, found with one byte comparison and no new string.
 */
export class FieldNames {
  readonly names: readonly string[];
  /** The names as bytes, compared with the text's bytes in place. */
  readonly codes: readonly Uint8Array[];
  /** Index of the name expected next. */
  next = 0;

  constructor(names: readonly string[]) {
    this.names = names;
    this.codes = names.map((name) => unitBytes(name));
  }

  /** The name at `index` was just read: expect the one after it (after the last, the first again). */
  matched(index: number): void {
    this.next = index + 1 === this.names.length ? 0 : index + 1;
  }
}

/** Keys remembered per shape by `value()`; an object with more keys has the rest sliced every time. */
const MAX_REMEMBERED_KEYS = 64;

export class JsonCursor {
  readonly #text: string;
  /** `unitBytes(text)`; past the end an index gives undefined, which compares like NaN. */
  readonly #bytes: Uint8Array;
  #pos = 0;
  /**
   * True right after `{` or `[`: the next field or element takes no comma. One flag is enough
   * because a nested container is always finished before its parent reads on.
   */
  #opened = false;
  /** Set by #scanNumber: whether the number it last scanned is written canonically. */
  #scannedCanonical = true;
  /**
   * For `value()`: under each key (or array key) the keys its objects had, in order. A response
   * repeats the same few shapes thousands of times; reusing the remembered key strings makes every
   * such object take the same hidden-class path in V8 instead of storing under fresh strings.
   */
  readonly #shapes = new Map<string, string[]>();

  /** `bytes`, when the caller has them already (an ASCII body as received), must be `unitBytes(text)`. */
  constructor(text: string, bytes: Uint8Array = unitBytes(text)) {
    this.#text = text;
    this.#bytes = bytes;
  }

  /** Skips whitespace; returns the byte at the new position (undefined at the end). */
  #peek(): number {
    const bytes = this.#bytes;
    let pos = this.#pos;
    let code = bytes[pos] as number;
    while (code === SPACE || code === LINE_FEED || code === CARRIAGE_RETURN || code === TAB) code = bytes[++pos] as number;
    this.#pos = pos;
    return code;
  }

  /** After the root value: nothing but whitespace may follow. */
  end(): void {
    this.#peek();
    if (this.#pos !== this.#text.length) notJson();
  }

  /** Enters the object at the cursor; false (not moved) when the value there is not an object. */
  enterObject(): boolean {
    if (this.#peek() !== OPEN_BRACE) return false;
    this.#pos++;
    this.#opened = true;
    return true;
  }

  /** Whether the value at the cursor is an array (not moving). */
  atArray(): boolean {
    return this.#peek() === OPEN_BRACKET;
  }

  /** Enters the array at the cursor; false (not moved) when the value there is not an array. */
  enterArray(): boolean {
    if (this.#peek() !== OPEN_BRACKET) return false;
    this.#pos++;
    this.#opened = true;
    return true;
  }

  /** Moves past the comma before the next field or element, or the closing bracket; false at the end. */
  #next(close: number): boolean {
    const code = this.#peek();
    if (code === close) {
      this.#pos++;
      this.#opened = false;
      return false;
    }
    if (this.#opened) this.#opened = false;
    else {
      if (code !== COMMA) notJson();
      this.#pos++;
      this.#peek();
    }
    return true;
  }

  /** In an array: true when another element follows (the cursor is then at it). */
  nextElement(): boolean {
    // compact JSON: a comma right after the previous element (what follows it is the element
    // reader's to check; a stray `]` or `,` there is not a value, and the body not JSON)
    if (!this.#opened && this.#bytes[this.#pos] === COMMA) {
      this.#pos++;
      return true;
    }
    return this.#next(CLOSE_BRACKET);
  }

  /**
   * In an object: the next key (the cursor is then at its value), as the very string in `fields`
   * when it is one of them; null after the last field. A reader skips the value of a key it does
   * not know.
   */
  nextField(fields: FieldNames): string | null {
    // The common case in one go: compact JSON, the expected name next. `,"name":` (or `"name":`
    // right after `{`), and the cursor lands after the colon (readers skip whitespace before a value).
    const bytes = this.#bytes;
    const at = this.#opened ? this.#pos : this.#pos + 1;
    if (bytes[at] === QUOTE && (this.#opened || bytes[at - 1] === COMMA)) {
      const index = fields.next;
      const name = fields.codes[index];
      if (name !== undefined && writtenAt(bytes, at + 1, name) && bytes[at + name.length + 2] === COLON) {
        this.#opened = false;
        this.#pos = at + name.length + 3;
        fields.matched(index);
        return fields.names[index] as string;
      }
    }
    return this.#nextFieldInAnyLayout(fields);
  }

  /** nextField for any whitespace, any key order, escaped and unknown keys. */
  #nextFieldInAnyLayout(fields: FieldNames): string | null {
    if (!this.#next(CLOSE_BRACE)) return null;
    if (this.#peek() !== QUOTE) notJson();
    const bytes = this.#bytes;
    const start = this.#pos + 1;
    const names = fields.names;
    const codes = fields.codes;
    let index = fields.next;
    let name = names[index];
    if (name === undefined || !writtenAt(bytes, start, codes[index] as Uint8Array)) {
      name = undefined;
      for (index = 0; index < names.length; index++) {
        if (writtenAt(bytes, start, codes[index] as Uint8Array)) {
          name = names[index] as string;
          break;
        }
      }
    }
    let key: string;
    if (name === undefined) {
      // Not one of the names as written: an unknown key, or a known one with escapes (`"p\u006El"`).
      key = this.#readString();
      index = names.indexOf(key);
      if (index !== -1) key = names[index] as string;
    } else {
      this.#pos = start + name.length + 1;
      key = name;
    }
    if (index !== -1) fields.matched(index);
    this.#colon();
    return key;
  }

  /** In an object: the next key (the cursor is then at its value), or null after the last field. */
  nextKey(): string | null {
    if (!this.#next(CLOSE_BRACE)) return null;
    if (this.#peek() !== QUOTE) notJson();
    const key = this.#readString();
    this.#colon();
    return key;
  }

  #colon(): void {
    if (this.#peek() !== COLON) notJson();
    this.#pos++;
    this.#peek();
  }

  /** Consumes a `null`; false (not moved) when the value is something else. */
  isNull(): boolean {
    if (this.#peek() !== LOWER_N) return false;
    this.#literal('null');
    return true;
  }

  /** The string at the cursor, or null (not moved) when the value is not a string. */
  string(): string | null {
    return this.#peek() === QUOTE ? this.#readString() : null;
  }

  /**
   * The exact decimal at the cursor: a JSON number (its source text) or a decimal string such as
   * "3.46e-9" (Kraken sends both), canonicalised; null (not moved) when the value is neither,
   * such as "n/a" or an object.
   */
  decimal(): Decimal | null {
    const code = this.#peek();
    if (code === QUOTE) return this.#quotedDecimal();
    if (code !== MINUS && !isDigit(code)) return null;
    const start = this.#pos;
    const canonical = this.#readNumber();
    const source = this.#text.slice(start, this.#pos);
    // JSON has no leading zeros or '+': a plain number is canonical unless it has an exponent, a
    // trailing fractional zero, or is -0. Those few take parseDecimal's full path.
    return canonical && source !== '-0' ? (source as Decimal) : parseDecimal(source);
  }

  /**
   * A decimal string. Kraken's 2026 responses quote every figure ("3192.1376"): one written as a
   * canonical JSON number is taken as it stands, like an unquoted one; anything else ("3.46e-9",
   * "+1", " 2") goes through parseDecimal.
   */
  #quotedDecimal(): Decimal | null {
    const start = this.#pos;
    const end = this.#scanNumber(start + 1);
    if (end !== -1 && this.#bytes[end] === QUOTE && this.#scannedCanonical) {
      const source = this.#text.slice(start + 1, end);
      if (source !== '-0') {
        this.#pos = end + 1;
        return source as Decimal;
      }
    }
    const decimal = parseDecimal(this.#readString());
    if (decimal === null) this.#pos = start;
    return decimal;
  }

  /**
   * Any value, as plain data with every number as its exact source text (a string). For what the
   * model keeps raw (an account type Margin Desk does not know) and for skipping unknown fields.
   */
  value(): unknown {
    return this.#value('');
  }

  /** Skips the value at the cursor (checking that it is JSON). */
  skip(): void {
    this.#value('');
  }

  /**
   * The string value of `key` in the object at the cursor, without moving: for objects whose other
   * fields mean something different depending on one of them (an account's `type`). Null when the
   * value there is not an object, or has no such key, or the key's value is not a string.
   */
  peekString(key: string): string | null {
    const pos = this.#pos;
    const opened = this.#opened;
    let found: string | null = null;
    if (this.enterObject()) {
      for (let field = this.nextKey(); field !== null; field = this.nextKey()) {
        const value = field === key ? this.string() : null;
        if (value !== null) {
          found = value;
          break;
        }
        this.skip();
      }
    }
    this.#pos = pos;
    this.#opened = opened;
    return found;
  }

  /** A string literal starting at the `"` at the cursor. */
  #readString(): string {
    const bytes = this.#bytes;
    const start = ++this.#pos;
    for (let pos = start; ; pos++) {
      const code = bytes[pos] as number;
      if (code === QUOTE) {
        this.#pos = pos + 1;
        return this.#text.slice(start, pos);
      }
      // An escape (rare in Kraken's bodies): JSON.parse decodes this one literal. Control
      // characters and the end of the text (undefined) are errors.
      if (code === BACKSLASH) return this.#readEscapedString(start, pos);
      if (!(code >= SPACE)) notJson();
    }
  }

  #readEscapedString(start: number, from: number): string {
    const text = this.#text;
    let pos = from;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) break;
      if (!(code >= SPACE)) notJson();
      pos += code === BACKSLASH ? 2 : 1;
    }
    this.#pos = pos + 1;
    try {
      return JSON.parse(text.slice(start - 1, pos + 1)) as string;
    } catch {
      // a bad escape: the whole text's SyntaxError (with its position) is the one to report
      return notJson();
    }
  }

  /**
   * Moves past a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Returns whether
   * its text is already canonical apart from "-0" (no exponent, no trailing fractional zero).
   */
  #readNumber(): boolean {
    const end = this.#scanNumber(this.#pos);
    if (end === -1) notJson();
    this.#pos = end;
    return this.#scannedCanonical;
  }

  /**
   * Where the number starting at `from` ends, or -1 when the bytes there are not a JSON number;
   * `#scannedCanonical` then tells whether its text is canonical (see #readNumber).
   */
  #scanNumber(from: number): number {
    const bytes = this.#bytes;
    let pos = from;
    let code = bytes[pos] as number;
    let canonical = true;
    if (code === MINUS) code = bytes[++pos] as number;
    if (code === ZERO_DIGIT) code = bytes[++pos] as number;
    else if (code >= ONE_DIGIT && code <= NINE_DIGIT) {
      do code = bytes[++pos] as number;
      while (isDigit(code));
    } else return -1;
    if (code === DOT) {
      code = bytes[++pos] as number;
      if (!isDigit(code)) return -1;
      do code = bytes[++pos] as number;
      while (isDigit(code));
      if (bytes[pos - 1] === ZERO_DIGIT) canonical = false;
    }
    if (code === LOWER_E || code === UPPER_E) {
      canonical = false;
      code = bytes[++pos] as number;
      if (code === PLUS || code === MINUS) code = bytes[++pos] as number;
      if (!isDigit(code)) return -1;
      do code = bytes[++pos] as number;
      while (isDigit(code));
    }
    this.#scannedCanonical = canonical;
    return pos;
  }

  #literal(word: string): void {
    if (!this.#text.startsWith(word, this.#pos)) notJson();
    this.#pos += word.length;
  }

  /** The value at the cursor; `key` is the key or array key its parent holds it under. */
  #value(key: string): unknown {
    const code = this.#peek();
    if (code === QUOTE) return this.#readString();
    if (code === OPEN_BRACE) return this.#object(key);
    if (code === OPEN_BRACKET) return this.#array(key);
    if (code === MINUS || isDigit(code)) {
      const start = this.#pos;
      this.#readNumber();
      return this.#text.slice(start, this.#pos);
    }
    const literal = code === LOWER_T ? true : code === LOWER_F ? false : code === LOWER_N ? null : notJson();
    this.#literal(String(literal));
    return literal;
  }

  /** The key at the cursor: the remembered one when the text repeats it, else a new slice. */
  #key(shape: string[], index: number): string {
    const text = this.#text;
    const pos = this.#pos;
    const expected = shape[index];
    if (expected !== undefined && text.charCodeAt(pos + 1 + expected.length) === QUOTE && text.startsWith(expected, pos + 1)) {
      this.#pos = pos + expected.length + 2;
      return expected;
    }
    const key = this.#readString();
    // Only keys read without escapes (raw length = decoded length): a remembered key then holds no
    // quote, backslash or control character, so matching it against the raw text is exact.
    if (index < MAX_REMEMBERED_KEYS && this.#pos - pos - 2 === key.length) shape[index] = key;
    return key;
  }

  #object(parentKey: string): Record<string, unknown> {
    this.#pos++;
    const object: Record<string, unknown> = {};
    let code = this.#peek();
    if (code === CLOSE_BRACE) {
      this.#pos++;
      return object;
    }
    let shape = this.#shapes.get(parentKey);
    if (shape === undefined) {
      shape = [];
      this.#shapes.set(parentKey, shape);
    }
    for (let index = 0; ; index++) {
      if (code !== QUOTE) notJson();
      const key = this.#key(shape, index);
      this.#colon();
      const value = this.#value(key);
      // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype.
      if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      else object[key] = value;
      code = this.#peek();
      if (code === CLOSE_BRACE) {
        this.#pos++;
        return object;
      }
      if (code !== COMMA) notJson();
      this.#pos++;
      code = this.#peek();
    }
  }

  /** Elements share their array's key, so objects in a list share one remembered shape. */
  #array(key: string): unknown[] {
    this.#pos++;
    const array: unknown[] = [];
    if (this.#peek() === CLOSE_BRACKET) {
      this.#pos++;
      return array;
    }
    for (;;) {
      array.push(this.#value(key));
      const code = this.#peek();
      if (code === CLOSE_BRACKET) {
        this.#pos++;
        return array;
      }
      if (code !== COMMA) notJson();
      this.#pos++;
    }
  }
}
