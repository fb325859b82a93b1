/**
 * Kraken switches the Derivatives REST API (`/derivatives/api/v3`) off on 2027-03-01. A REST profile
 * keeps working until it really is off; from 2027-02-01 it carries a notice with what to do, and once
 * it is off it says so ("Kraken switched this API off") instead of looking like an outage.
 *
 * "Off" is decided by what REST answers, or by the date:
 * - an HTTP 404 or 410 from the API without a Kraken error code in the body (JSON, HTML or empty):
 *   the path itself is gone. A Kraken error code (`{"result":"error","error":"notFound"}`) is an
 *   answer from a living API and does not count;
 * - on or after 2027-03-01, any failure to reach or read the API (what would otherwise show as
 *   offline or stale): on that date an outage and the switch-off look alike, and the switch-off is
 *   the likely one.
 * A successful refresh always wins: if Kraken keeps the API up longer, the profile simply works.
 */
import type { RestCutoffNotice } from '../../src-shared/rest-cutoff-notice.ts';
import { KrakenError } from '../kraken/errors.ts';
import type { Profile } from '../../src-shared/profile.ts';

/** From this moment a REST profile carries the notice. */
export const REST_NOTICE_FROM = Date.UTC(2027, 1, 1);
/** Kraken's announced switch-off of the Derivatives REST API and WebSocket v1. */
export const REST_SWITCH_OFF_AT = Date.UTC(2027, 2, 1);

const STEPS: readonly string[] = [
  'On pro.kraken.com, open Settings → API and create a new key with only the "WebSocket interface" (Access WebSockets API) permission.',
  'In Margin Desk, open Profiles, choose "Switch to a Kraken API key" on this profile and paste the new key and its secret.',
  'The profile keeps its name, history and alert rules. Then delete the old Futures key on futures.kraken.com.',
];

const NOTICE: RestCutoffNotice = {
  stage: 'notice',
  title: 'Kraken switches this API off on 1 March 2027',
  message:
    'This profile reads a Kraken Futures key over the Derivatives REST API, which Kraken turns off on 1 March 2027. ' +
    'From then on it cannot show figures or raise alerts.',
  steps: STEPS,
};

const SWITCHED_OFF: RestCutoffNotice = {
  stage: 'switchedOff',
  title: 'Kraken switched this API off',
  message:
    'Kraken has turned off the Derivatives REST API this profile reads, so it can no longer show new figures or raise alerts. ' +
    'The figures shown are the last ones received.',
  steps: STEPS,
};

/** Statuses with which an API path that no longer exists answers. */
const GONE_STATUSES = new Set([404, 410]);

/** Whether a REST refresh failure means the API is switched off (see the rules above). */
export function meansSwitchedOff(error: unknown, now: number): boolean {
  if (!(error instanceof KrakenError)) return false;
  if (error.status !== null && GONE_STATUSES.has(error.status) && error.code === null) return true;
  return now >= REST_SWITCH_OFF_AT && (error.category === 'connectivity' || error.category === 'response');
}

/**
 * The notice a REST profile carries at `now`; `switchedOff` when its last refresh failed that way.
 * Null before the notice date and for profiles that do not read Kraken's REST API (the Sample profile
 * reads the simulated exchange, which nobody switches off).
 */
export function restCutoffNotice(profile: Pick<Profile, 'kind' | 'source'>, switchedOff: boolean, now: number): RestCutoffNotice | null {
  if (profile.kind !== 'kraken' || profile.source !== 'rest') return null;
  if (switchedOff) return SWITCHED_OFF;
  return now >= REST_NOTICE_FROM ? NOTICE : null;
}
