/**
 * What a schema found wrong with one field, in words for the user: the bridge's gate, the domain
 * services and the forms all report a refused value this way.
 */
import type { z } from 'zod';

export interface FieldProblem {
  /** Dotted path of the field in the checked value (`name`, `rules.warnBelowPct`); empty for the value itself. */
  readonly field: string;
  readonly message: string;
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** The first problem found, for a single error message. */
export function firstProblem(error: z.ZodError): FieldProblem {
  const [first] = fieldProblems(error);
  return first ?? { field: '', message: 'The value is not valid.' };
}
