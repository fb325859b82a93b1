/**
 * Typed reads at a JsonCursor that throw a SchemaError naming the JSON path.
 *
 * Hand-written rather than a schema library because the rules are few (objects, arrays, strings,
 * decimals; unknown keys ignored) and these run for every figure of a 1,000-subaccount response.
 * Paths are relative to what is being read: each container puts its key or index in front on the
 * way out (`located`), so the path string is only built when something is wrong.
 */
import type { RootReader } from './exact-json.ts';
import type { JsonCursor } from './json-cursor.ts';
import type { Decimal } from '../../src-shared/account-model.ts';
import { joinPath, SchemaError } from './errors.ts';

export const A_DECIMAL = 'a decimal number';
export const A_TEXT = 'a text';
export const AN_OBJECT = 'an object';
export const A_LIST = 'a list';

/** The SchemaError for the value of `key` in the object being read. */
export function mismatch(key: string, expected: string): SchemaError {
  return new SchemaError(joinPath(key, ''), expected);
}

/** `error` seen from one level further out: a SchemaError gets `segment` in front of its path. */
function located(error: unknown, segment: string | number): unknown {
  return error instanceof SchemaError ? error.within(segment) : error;
}

/** A field read (or left undefined) while reading an object, required once the object is done. */
export function required<T>(value: T | undefined, key: string, expected: string): T {
  if (value === undefined) throw mismatch(key, expected);
  return value;
}

/** The decimal at the cursor, the value of `key`: a JSON number or a decimal string, exponent form included. */
export function readDecimal(json: JsonCursor, key: string): Decimal {
  const decimal = json.decimal();
  if (decimal === null) throw mismatch(key, A_DECIMAL);
  return decimal;
}

/** A decimal, or null for a JSON null; anything else is an error. */
export function readOptionalDecimal(json: JsonCursor, key: string): Decimal | null {
  return json.isNull() ? null : readDecimal(json, key);
}

export function readText(json: JsonCursor, key: string): string {
  const text = json.string();
  if (text === null) throw mismatch(key, A_TEXT);
  return text;
}

/** A string, or null for a JSON null (a null `fullName`). */
export function readOptionalText(json: JsonCursor, key: string): string | null {
  return json.isNull() ? null : readText(json, key);
}

/** The object at the cursor (the value of `key`), read field by field by `read`. */
export function readObject<T>(json: JsonCursor, key: string, read: (json: JsonCursor) => T): T {
  if (!json.enterObject()) throw mismatch(key, AN_OBJECT);
  try {
    return read(json);
  } catch (error) {
    throw located(error, key);
  }
}

/** The object at the cursor, or null for a JSON null. */
export function readOptionalObject<T>(json: JsonCursor, key: string, read: (json: JsonCursor) => T): T | null {
  return json.isNull() ? null : readObject(json, key, read);
}

/** The array at the cursor (the value of `key`), every element read by `readElement`. */
export function readList<T>(json: JsonCursor, key: string, readElement: (json: JsonCursor) => T): T[] {
  if (!json.enterArray()) throw mismatch(key, A_LIST);
  const list: T[] = [];
  for (let index = 0; json.nextElement(); index++) {
    try {
      list.push(readElement(json));
    } catch (error) {
      throw located(located(error, index), key);
    }
  }
  return list;
}

/** The array of objects at the cursor (the value of `key`), each object read field by field by `read`. */
export function readObjectList<T>(json: JsonCursor, key: string, read: (json: JsonCursor) => T): T[] {
  return readList(json, key, (element) => {
    if (!element.enterObject()) throw new SchemaError('', AN_OBJECT);
    return read(element);
  });
}

/**
 * The object at the cursor (the value of `key`) as a map: every entry read by `readEntry` with its
 * name, at the entry's value (its errors name the entry, as readDecimal(json, name) does).
 */
export function readEntries<T>(json: JsonCursor, key: string, readEntry: (name: string, json: JsonCursor) => T): T[] {
  if (!json.enterObject()) throw mismatch(key, AN_OBJECT);
  const entries: T[] = [];
  for (let name = json.nextKey(); name !== null; name = json.nextKey()) {
    try {
      entries.push(readEntry(name, json));
    } catch (error) {
      throw located(error, key);
    }
  }
  return entries;
}

/** The reader of a body whose figures are one list of objects under `key` (`openPositions`, `tickers`). */
export function rootListReader<T>(key: string, read: (json: JsonCursor) => T): RootReader<T[]> {
  let list: T[] | undefined;
  return {
    field(name, json) {
      if (name !== key) return false;
      list = readObjectList(json, key, read);
      return true;
    },
    result: () => required(list, key, A_LIST),
  };
}
