/**
 * Local checks of the add-profile and replace-credentials forms, before anything crosses the bridge,
 * with the shared schemas main checks with too (src-shared): the user learns at once, in words,
 * what is wrong, and main never sees a value the form let through but would refuse.
 */
import type { z } from 'zod/mini';
import type { Credentials, NewProfile } from '../../../src-preload/contract.ts';
import { credentialsSchema } from '../../../src-shared/credentials-schema.ts';
import { fieldProblems } from '../../../src-shared/field-problem.ts';
import { newProfileSchema } from '../../../src-shared/profile-schema.ts';

export type CredentialField = 'apiKey' | 'apiSecret';
export type ProfileField = 'name' | 'colour' | 'source' | 'baseUrl' | 'streamUrl' | 'refreshSeconds' | CredentialField;
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** The first problem of each field. */
function errorsOf<F extends string>(error: z.core.$ZodError): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const problem of fieldProblems(error)) {
    const field = problem.field as F;
    errors[field] ??= problem.message;
  }
  return errors;
}

export function validateCredentials(input: Credentials): { errors: FieldErrors<CredentialField>; value: Credentials | null } {
  const checked = credentialsSchema.safeParse(input);
  return checked.success ? { errors: {}, value: checked.data } : { errors: errorsOf(checked.error), value: null };
}

export function validateNewProfile(input: NewProfile): { errors: FieldErrors<ProfileField>; value: NewProfile | null } {
  const checked = newProfileSchema.safeParse(input);
  return checked.success ? { errors: {}, value: checked.data } : { errors: errorsOf(checked.error), value: null };
}
