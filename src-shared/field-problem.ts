/**
 * What a schema found wrong with one field, in words for the user: the bridge's gate, the domain
 * services and the forms all report a refused value this way.
 */
import type { z } from 'zod/mini';

export interface FieldProblem {
  /** Dotted path of the field in the checked value (`name`, `rules.warnBelowPct`); empty for the value itself. */
  readonly field: string;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * The issues to show for a value: a value that fits none of a union's shapes is explained by the
 * shape it came closest to (fewest issues), not by a bare "Invalid input".
 */
function shownIssues(issues: readonly Issue[], prefix: readonly PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    return shownIssues(closest, path);
  });
}

export function fieldProblems(error: z.core.$ZodError): FieldProblem[] {
  return shownIssues(error.issues, []).map(({ path, message }) => ({ field: path.map(String).join('.'), message }));
}

/** The first problem found, for a single error message. */
export function firstProblem(error: z.core.$ZodError): FieldProblem {
  const [first] = fieldProblems(error);
  return first ?? { field: '', message: 'The value is not valid.' };
}
