/**
 * Reading a whole JSON text exactly (every number as its source text, see ./json-cursor.ts):
 * either as plain data (`parseJsonExact`) or field by field into a model (`readRootObject`, what
 * the endpoint readers in ./parse-*.ts use).
 *
 * Both report text that is not JSON with the SyntaxError `JSON.parse` gives for it (message and
 * position in the text Kraken sent): the client tells HTML, truncated and other bodies apart by it.
 */
import { SchemaError } from './errors.ts';
import { JsonCursor, NotJson } from './json-cursor.ts';

/** What a reader does with a response's root object. */
export interface RootFields {
  /** Reads the value of `key` at the cursor; false for a key it does not read (then skipped). */
  field(key: string, json: JsonCursor): boolean;
}

/** A RootFields that, once every field is read, builds the model (or throws a SchemaError for a required field missing). */
export interface RootReader<T> extends RootFields {
  result(): T;
}

/**
 * Runs `read` over the text; anything it finds that is not JSON, and a SchemaError about text that
 * is not JSON either (a truncated body can look like a wrong type), becomes JSON.parse's SyntaxError.
 */
function readExactly<T>(text: string, read: (json: JsonCursor) => T, asciiBytes?: Uint8Array): T {
  const json = new JsonCursor(text, asciiBytes);
  try {
    const value = read(json);
    json.end();
    return value;
  } catch (error) {
    // A RangeError is the stack running out on nesting deeper than any Kraken body.
    if (!(error instanceof NotJson || error instanceof SchemaError || error instanceof RangeError)) throw error;
    JSON.parse(text);
    if (error instanceof SchemaError) throw error;
    // Valid JSON the cursor could not read: only nesting deeper than the stack gets here.
    throw new SyntaxError('JSON nested too deeply to read exactly', { cause: error });
  }
}

/** Parses JSON text into plain data with every number kept as its exact source text (a string). */
export function parseJsonExact(text: string): unknown {
  return readExactly(text, (json) => json.value());
}

/**
 * Hands each field of the text's root object to `fields`; a root that is not an object is a
 * SchemaError. `asciiBytes`: the text's bytes when the caller has them and all are ASCII.
 */
export function readRootObject(text: string, fields: RootFields, asciiBytes?: Uint8Array): void {
  const readFields = (json: JsonCursor) => {
    if (!json.enterObject()) throw new SchemaError('the response', 'an object');
    for (let key = json.nextKey(); key !== null; key = json.nextKey()) {
      if (!fields.field(key, json)) json.skip();
    }
  };
  readExactly(text, readFields, asciiBytes);
}

/** The model a reader builds from a whole body (envelope fields, if any, are skipped). */
export function readBody<T>(text: string, reader: RootReader<T>): T {
  readRootObject(text, reader);
  return reader.result();
}
