/**
 * A profile's status after a change, for both monitors (./refresh-scheduler.ts, ./stream-monitor.ts):
 * a status event goes out only when a field really differs, so a re-armed timer or a repeated
 * confirmation does not send the window and the tray the same status again.
 */
import type { ProfileStatus } from '../../src-shared/profile-status.ts';

/** `status` with `change` applied; null when no field differs. */
export function changedStatus(status: ProfileStatus, change: Partial<ProfileStatus>): ProfileStatus | null {
  const next = { ...status, ...change };
  return (Object.keys(next) as (keyof ProfileStatus)[]).some((key) => next[key] !== status[key]) ? next : null;
}
