/**
 * A value checked with one of the shared schemas (src-shared), or a typed `invalidArgument` error
 * with the refused field's message and what to do about it.
 *
 * @param action what to do about a refusal: one text, or one per field (by the refused field's
 *   dotted path) for a value with several fields, each of which needs its own advice.
 */
import { z } from 'zod/mini';
import { firstProblem } from '../src-shared/field-problem.ts';
import { AppError } from './errors.ts';

export function checkedValue<T>(schema: z.core.$ZodType<T>, value: unknown, action: string | ((field: string) => string)): T {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const problem = firstProblem(result.error);
  const message = problem.field === '' ? problem.message : `${problem.field}: ${problem.message}`;
  throw new AppError({ kind: 'invalidArgument', message, action: typeof action === 'string' ? action : action(problem.field), retryable: false });
}
