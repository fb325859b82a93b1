/**
 * The one error shape users see. Every layer throws an AppError (or a subclass) whose message is
 * written for the user and whose action says what to do next; the bridge turns it into a typed
 * result because an Error thrown across IPC keeps nothing but its message.
 *
 * Messages never contain secrets or signatures (the logger redacts as a second line of defence).
 */
export interface UserFacingError {
  /** Stable machine-readable kind, e.g. `authenticationError`, `timeout`, `invalidArgument`. */
  readonly kind: string;
  /** What happened, in words for the user. */
  readonly message: string;
  /** What the user can do about it. */
  readonly action: string;
  /** Whether trying again later may succeed without the user changing anything. */
  readonly retryable: boolean;
}

export class AppError extends Error implements UserFacingError {
  readonly kind: string;
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
