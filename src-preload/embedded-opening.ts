/**
 * The window's opening, written into the page by main. When main serves index.html it puts its
 * answer to `openWindow` (settings, profiles, the active profile's cached view) into the document
 * as a JSON data block (src-main/bridge/page-with-opening.ts): the page's first paint then waits
 * for no round trip at all, where asking over IPC could only start once the page's scripts ran and
 * its answer arrived a frame or more later. A JSON block is data, never run: the CSP is untouched.
 *
 * The preload reads the block when the page first asks for its opening, and removes it, so a later
 * call (Try again) asks main afresh. Without a block (the dev server's page) the bridge asks over IPC.
 */
import type { BridgeResult } from './contract.ts';

export const OPENING_ELEMENT_ID = 'md-opening';

/** The part of the page's document this reads: an element's text, and removing it. */
export interface OpeningHost {
  getElementById(id: string): { readonly textContent: string | null; remove(): void } | null;
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Takes the opening main wrote into the page: null when there is none, or none readable. */
export function takeEmbeddedOpening(host: OpeningHost): BridgeResult<unknown> | null {
  const element = host.getElementById(OPENING_ELEMENT_ID);
  if (element === null) return null;
  element.remove();
  try {
    const value: unknown = JSON.parse(element.textContent ?? '');
    return isBridgeResult(value) ? value : null;
  } catch {
    // Unreadable: the bridge asks main over IPC instead, as it does without a block.
    return null;
  }
}
