/**
 * Checks of the user-editable profile fields (name, colour, addresses, refresh interval) with the
 * shared schemas (src-shared/profile-schema.ts), as typed errors with the field's message and action.
 */
import {
  PROFILE_FIELD_ACTIONS,
  baseUrlSchema,
  profileColourSchema,
  profileNameSchema,
  refreshSecondsSchema,
  streamUrlSchema,
} from '../../src-shared/profile-schema.ts';
import { checkedValue } from '../checked-value.ts';

export function validateName(name: string): string {
  return checkedValue(profileNameSchema, name, PROFILE_FIELD_ACTIONS.name);
}

export function validateColour(colour: string): string {
  return checkedValue(profileColourSchema, colour, PROFILE_FIELD_ACTIONS.colour);
}

/** The base URL normalised to scheme, host, port and path, without a trailing slash. */
export function validateBaseUrl(baseUrl: string): string {
  return checkedValue(baseUrlSchema, baseUrl, PROFILE_FIELD_ACTIONS.baseUrl);
}

export function validateRefreshSeconds(seconds: number): number {
  return checkedValue(refreshSecondsSchema, seconds, PROFILE_FIELD_ACTIONS.refreshSeconds);
}

/** The Unified WebSocket address normalised like the base URL. */
export function validateStreamUrl(streamUrl: string): string {
  return checkedValue(streamUrlSchema, streamUrl, PROFILE_FIELD_ACTIONS.streamUrl);
}
