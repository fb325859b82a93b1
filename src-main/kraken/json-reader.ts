/**
 * Small typed readers over parsed JSON that throw a SchemaError naming the JSON path.
 *
 * Hand-written rather than a schema library because the rules are few (objects, arrays, strings,
 * decimals; unknown keys ignored) and these run for every figure of a 1,000-subaccount response:
 * the path string is only built when something is wrong.
 */
import { parseDecimal } from './decimal.ts';
import type { Decimal } from './model.ts';
import { SchemaError } from './errors.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `parent.key`, or `parent["usd credit"]` for keys that are not identifiers; `key` alone at the root. */
export function childPath(parent: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** `parent.key` for a key known to be an identifier (the field names the parsers ask for). */
export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value itself as an object (the root of a response, an array element). */
export function asObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new SchemaError(path || 'the response', 'an object');
  return value;
}

export function requireObject(parent: JsonObject, key: string, path: string): JsonObject {
  const value = parent[key];
  if (!isObject(value)) throw new SchemaError(childPath(path, key), 'an object');
  return value;
}

/** An object, or null when the key is missing or null. */
export function optionalObject(parent: JsonObject, key: string, path: string): JsonObject | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new SchemaError(childPath(path, key), 'an object');
  return value;
}

export function requireArray(parent: JsonObject, key: string, path: string): readonly unknown[] {
  const value = parent[key];
  if (!Array.isArray(value)) throw new SchemaError(childPath(path, key), 'a list');
  return value;
}

export function requireString(parent: JsonObject, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string') throw new SchemaError(childPath(path, key), 'a text');
  return value;
}

/** A string, or null when the key is missing or null (a null `fullName`, a missing `serverTime`). */
export function optionalString(parent: JsonObject, key: string, path: string): string | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new SchemaError(childPath(path, key), 'a text');
  return value;
}

/** A decimal from a JSON number (exact source text) or a decimal string, exponent form included. */
export function requireDecimal(parent: JsonObject, key: string, path: string): Decimal {
  const decimal = parseDecimal(parent[key]);
  if (decimal === null) throw new SchemaError(childPath(path, key), 'a decimal number');
  return decimal;
}

/** A decimal, or null when the key is missing or null; anything else present is an error. */
export function optionalDecimal(parent: JsonObject, key: string, path: string): Decimal | null {
  const value = parent[key];
  if (value === undefined || value === null) return null;
  const decimal = parseDecimal(value);
  if (decimal === null) throw new SchemaError(childPath(path, key), 'a decimal number');
  return decimal;
}

/** A decimal held directly in a map value (`balances.xbt`). */
export function decimalAt(value: unknown, path: string): Decimal {
  const decimal = parseDecimal(value);
  if (decimal === null) throw new SchemaError(path, 'a decimal number');
  return decimal;
}
