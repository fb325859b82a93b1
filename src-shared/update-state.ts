/** What the window and the tray show about updates: plain data, carried over the bridge as is. */

export type UpdateFailureReason = 'unreachable' | 'badFeed' | 'checksumMismatch' | 'badSignature' | 'other';

export interface UpdateFailure {
  readonly reason: UpdateFailureReason;
  readonly message: string;
  readonly action: string;
}

export type UpdateState =
  /** This copy is not an installed build (development, tests): updates come with the installed app. */
  | { readonly kind: 'unavailable' }
  /** Checking is turned off in Settings. */
  | { readonly kind: 'off' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'upToDate'; readonly checkedAt: number }
  | { readonly kind: 'downloading'; readonly version: string; readonly percent: number }
  /** Downloaded and verified; installs when the user agrees. */
  | { readonly kind: 'ready'; readonly version: string }
  | { readonly kind: 'failed'; readonly failure: UpdateFailure; readonly at: number };

/** The answer to "Restart to update". */
export type InstallOutcome = 'restarting' | 'nothingToInstall' | 'heldForCriticalAlert';
