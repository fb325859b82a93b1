/**
 * Declarative decoding of Kraken's JSON into the model: zod schemas built from the helpers below,
 * run on the exact data of ./exact-json.ts.
 *
 *   const Position = object({ symbol: text, size: decimal, fillTime: optionalText });
 *   const positions = decodeJson(object({ openPositions: list(Position) }), body);
 *
 * - `decimal`: a JSON number (its exact source text) or a decimal string, exponent form included,
 *   → the canonical Decimal; `optionalDecimal` also takes null or absence (→ null).
 * - `text`, `optionalText` (a JSON number is text too, as the exact parse may keep its source text),
 *   `object(shape)` (unknown fields kept: Kraken adds fields without
 *   notice), `list(item)`.
 * - `entries(value)`: an object read as a map → `{ key, value }[]`, in the order sent.
 * - `keyedList(codeField, item)`: a map keyed by code (`{ XBT: {…} }`) or a list of objects that
 *   carry the code (`[{ currency: 'xbt', … }]`, the field under one of its candidate names)
 *   → `{ code, value }[]`.
 * - `decodeAt(schema, part, context, path)`: inside a transform, a part decoded by a schema chosen
 *   in code (an account by its `type`), its problems located under `path`.
 * - `decodeValue` / `decodeJson`: run a schema; the first problem becomes a SchemaError naming the
 *   JSON path (`subaccounts[0].holdingAccounts[1].amount`) and what was expected there.
 *
 * Maps become lists of entries rather than objects so that a key such as `__proto__` stays data.
 */
import { z } from 'zod';
import { parseDecimal } from '../../../src-shared/decimal.ts';
import { joinPath, SchemaError } from '../errors.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import { parseJsonForDecoding } from './exact-json.ts';

export const A_DECIMAL = 'a decimal number';
export const A_TEXT = 'a text';
export const AN_OBJECT = 'an object';
export const A_LIST = 'a list';

type Issues = z.core.$RefinementCtx['issues'];

/** Inside a transform: reports that `expected` is not what stands at `path`; the value decodes to nothing. */
export function refuse(issues: Issues, input: unknown, expected: string, path: PropertyKey[] = []): typeof z.NEVER {
  issues.push({ code: 'custom', message: expected, input, path });
  return z.NEVER;
}

/**
 * Inside a transform: `schema` run on a part of the value (chosen by code, e.g. by an account's
 * `type`), its problems reported under `path` relative to the value being transformed.
 */
export function decodeAt<T extends z.ZodType>(schema: T, input: unknown, context: { issues: Issues }, path: PropertyKey[]): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) refuse(context.issues, input, issue.message, [...path, ...issue.path]);
  return z.NEVER;
}

export const decimal = z.any().transform((input: unknown, context): Decimal => {
  const value = parseDecimal(input);
  return value ?? refuse(context.issues, input, A_DECIMAL);
});

export const optionalDecimal = z.any().nullish().transform((input: unknown, context): Decimal | null => {
  if (input === null || input === undefined) return null;
  return parseDecimal(input) ?? refuse(context.issues, input, A_DECIMAL);
});

/** A string; a JSON number where a text belongs is read as its text, whichever road the parse took. */
export const text = z.union([z.string(), z.number().transform(String)], { error: A_TEXT });
export const optionalText = text.nullish().transform((value) => value ?? null);

export function object<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape, { error: AN_OBJECT });
}

export function list<Item extends z.ZodType>(item: Item) {
  return z.array(item, { error: A_LIST });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Entry<T> {
  readonly key: string;
  readonly value: T;
}

function readEntries<T extends z.ZodType>(value: T, input: unknown, issues: Issues): Entry<z.output<T>>[] {
  if (!isPlainObject(input)) {
    refuse(issues, input, AN_OBJECT);
    return [];
  }
  return Object.entries(input).map(([key, item]) => ({ key, value: decodeAt(value, item, { issues }, [key]) }));
}

/** An object read as a map of `value`s, in the order sent. */
export function entries<T extends z.ZodType>(value: T) {
  return z.any().transform((input: unknown, context) => readEntries(value, input, context.issues));
}

export interface Coded<T> {
  /** The map key, or the list element's `codeField`. */
  readonly code: string;
  readonly value: T;
}

/**
 * A map keyed by code or a list of objects that carry the code, one `{ code, value }` per element.
 * `codeField`: the list elements' code field, or its candidate names (the first present is read).
 */
export function keyedList<T extends z.ZodType>(codeField: string | readonly string[], item: T) {
  const codeFields = typeof codeField === 'string' ? [codeField] : codeField;
  return z.any().transform((input: unknown, context): Coded<z.output<T>>[] => {
    if (!Array.isArray(input)) return readEntries(item, input, context.issues).map(({ key, value }) => ({ code: key, value }));
    return input.map((element: unknown, index) => {
      if (!isPlainObject(element)) return refuse(context.issues, element, AN_OBJECT, [index]);
      const field = codeFields.find((name) => element[name] !== undefined) ?? (codeFields[0] as string);
      return { code: decodeAt(text, element[field], context, [index, field]), value: decodeAt(item, element, context, [index]) };
    });
  });
}

/** The value decoded by `schema`, or the SchemaError of its first problem. */
export function decodeValue<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const path = issue.path.reduceRight<string>((rest, segment) => joinPath(typeof segment === 'number' ? segment : String(segment), rest), '');
  throw new SchemaError(path === '' ? 'the response' : path, issue.message);
}

/** JSON text decoded by `schema`, numbers exact (see parseJsonForDecoding in ./exact-json.ts). */
export function decodeJson<T extends z.ZodType>(schema: T, text: string): z.output<T> {
  return decodeValue(schema, parseJsonForDecoding(text));
}
