/**
 * What a failed refresh or a stopped stream means for a profile's monitoring, for both monitors
 * (./refresh-scheduler.ts, ./stream-monitor.ts): the exchange out of reach, a refused key, a locked
 * keychain, or the REST API switched off for good.
 */
import { toUserFacing } from '../errors.ts';
import { meansSwitchedOff } from './rest-cutoff.ts';

/** How a monitor reacts to a failure: which state it shows and whether it keeps trying. */
export type FailureClass = 'unreachable' | 'credentials' | 'keychain' | 'switchedOff' | 'other';

const KEYCHAIN_KINDS = new Set(['keychainUnavailable', 'keychainLocked']);

/**
 * Kraken errors carry a category (see src-main/kraken/errors.ts): `connectivity` and `response`
 * (proxies' HTML pages, cut-off bodies during maintenance) mean the exchange could not be reached;
 * `credentials` means it answered no. Missing credentials also need the user, not a retry.
 */
export function classifyFailure(error: unknown, now: number): FailureClass {
  if (meansSwitchedOff(error, now)) return 'switchedOff';
  const { kind } = toUserFacing(error);
  if (KEYCHAIN_KINDS.has(kind)) return 'keychain';
  if (kind === 'credentialsMissing') return 'credentials';
  const category = (error as { category?: unknown } | null)?.category;
  if (category === 'credentials') return 'credentials';
  if (category === 'connectivity' || category === 'response') return 'unreachable';
  return 'other';
}
