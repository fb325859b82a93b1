/**
 * A click on an alert's notification opens the window on what the alert is about: its profile made
 * active, and the account when the alert names one.
 */
import type { NavigateRequest } from '../../src-preload/contract.ts';

export interface AlertClickTarget {
  readonly profileId: string;
  /** null when the alert is about the whole profile. */
  readonly accountKey: string | null;
}

export function alertClickHandler(services: { activate(profileId: string): unknown }, showWindow: (view: NavigateRequest) => void): (target: AlertClickTarget) => void {
  return ({ profileId, accountKey }) => {
    services.activate(profileId);
    showWindow({ view: 'overview', profileId, ...(accountKey === null ? {} : { accountKey }) });
  };
}
