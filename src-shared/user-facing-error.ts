import type { ErrorKind } from './error-kinds.ts';

/**
 * The one error shape users see, in either process. Main's layers throw an AppError (src-main/errors.ts)
 * whose message is written for the user and whose action says what to do next; the bridge carries
 * it as this plain object, because an Error thrown across IPC keeps nothing but its message.
 *
 * Messages never contain secrets or signatures (the logger redacts as a second line of defence).
 */
export interface UserFacingError {
  /** Stable machine-readable kind, e.g. `authenticationError`, `timeout`, `invalidArgument`. */
  readonly kind: ErrorKind;
  /** What happened, in words for the user. */
  readonly message: string;
  /** What the user can do about it. */
  readonly action: string;
  /** Whether trying again later may succeed without the user changing anything. */
  readonly retryable: boolean;
}
