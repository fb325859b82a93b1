/**
 * Tolerant reading of the Unified WebSocket's figures, whose field names Kraken has not published:
 * each figure under any of its candidate names (the model's REST name first, then the Derivatives
 * WebSocket v1 snake_case names, the best guess public clients give), as a JSON number or a decimal
 * string, read exactly. A figure sent under none of its names (or under them as something that is
 * not a number) is not an error here: it is named in `missing`, so the caller can make the
 * account's health "unknown" instead of trusting a zero.
 * Fields under no known name are kept raw in `unknown` (numbers as their text) for diagnostics.
 */
import { z } from 'zod';
import { numbersAsText } from '../decode/exact-json.ts';
import { AN_OBJECT, isPlainObject, refuse } from '../decode/schema.ts';
import { parseDecimal } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';

/** For each figure (its model name), the other names it may arrive under. */
export type Candidates<Name extends string> = Readonly<Record<Name, readonly string[]>>;

export interface Figures<Name extends string> {
  /** Each figure, null when sent under none of its names (or as null). */
  readonly values: Readonly<Record<Name, Decimal | null>>;
  /** The figures sent under none of their names, in the order of the candidates. */
  readonly missing: readonly Name[];
  /** Fields under no known name, as sent (numbers as their text). */
  readonly unknown: Readonly<Record<string, unknown>>;
}

/**
 * The schema of an object of figures. `structural`: the names of fields read by another schema
 * (such as `currencies`), neither figures nor unknown. A value under a figure's name that is not a
 * decimal (Kraken's names are guesses: a name may mean something else) does not refuse the message:
 * the next candidate is tried, and when none is readable the figure is missing, its value kept in
 * `unknown` so the diagnostics capture shows what was sent.
 */
export function figures<Name extends string>(candidates: Candidates<Name>, structural: readonly string[] = []) {
  const names = Object.keys(candidates) as Name[];
  const known = new Set<string>([...structural, ...names, ...names.flatMap((name) => candidates[name])]);
  return z.any().transform((input: unknown, context): Figures<Name> => {
    if (!isPlainObject(input)) return refuse(context.issues, input, AN_OBJECT);
    const values = {} as Record<Name, Decimal | null>;
    const unknown: Record<string, unknown> = {};
    for (const name of names) {
      values[name] = null;
      for (const field of [name, ...candidates[name]]) {
        const sent = input[field];
        if (sent === undefined || sent === null) continue;
        values[name] = parseDecimal(sent);
        if (values[name] !== null) break;
        unknown[field] = numbersAsText(sent);
      }
    }
    for (const [key, value] of Object.entries(input)) if (!known.has(key)) unknown[key] = numbersAsText(value);
    return { values, missing: names.filter((name) => values[name] === null), unknown };
  });
}

/** Words for a figure not sent, for the user: `maintenance margin (maintenance_margin or maintenanceMargin)`. */
export function describeFigure(name: string, candidates: readonly string[]): string {
  const words = name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
  return `${words} (${[...candidates, name].join(' or ')})`;
}

/** The first of `names` present in `input` as a string or number, as text; null when none is. */
export function firstText(input: unknown, names: readonly string[]): string | null {
  if (!isPlainObject(input)) return null;
  for (const name of names) {
    const value = input[name];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

/** A `data` that Kraken may wrap in a one-element list (Spot v2 does): the object itself. */
export const unwrapped = z.any().transform((data: unknown) => (Array.isArray(data) && data.length === 1 ? (data[0] as unknown) : data));
