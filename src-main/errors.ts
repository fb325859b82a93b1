/**
 * The error every layer of main throws: its message is written for the user and its action says what
 * to do next; the bridge turns it into a UserFacingError result.
 */
import type { ErrorKind } from '../src-shared/error-kinds.ts';
import type { UserFacingError } from '../src-shared/user-facing-error.ts';

export class AppError extends Error implements UserFacingError {
  readonly kind: ErrorKind;
  readonly action: string;
  readonly retryable: boolean;

  constructor(init: UserFacingError & { cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AppError';
    this.kind = init.kind;
    this.action = init.action;
    this.retryable = init.retryable;
  }

  toUserFacing(): UserFacingError {
    return { kind: this.kind, message: this.message, action: this.action, retryable: this.retryable };
  }
}

/** Any thrown value as a UserFacingError; unknown errors get a generic text (details go to the log only). */
export function toUserFacing(error: unknown): UserFacingError {
  if (error instanceof AppError) return error.toUserFacing();
  return {
    kind: 'internal',
    message: 'Something went wrong inside Margin Desk.',
    action: 'Try again. If it keeps happening, use "Show log file" in Settings and send it to support.',
    retryable: true,
  };
}
