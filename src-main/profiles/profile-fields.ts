/**
 * Checks of the user-editable profile fields (name, colour, base URL, refresh interval).
 *
 * The bridge checks argument shapes; these check meaning, with messages for the Profiles form.
 */
import { AppError } from '../errors.ts';

const MAX_NAME_LENGTH = 40;
/** Fast enough for a margin call; slow enough that several profiles stay far inside Kraken's budget. */
export const MIN_REFRESH_SECONDS = 5;
export const MAX_REFRESH_SECONDS = 3600;

/** Plain http only reaches a simulator or proxy on this machine; anything else would send keys unencrypted. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function invalidField(message: string, action: string): AppError {
  return new AppError({ kind: 'invalidArgument', message, action, retryable: false });
}

export function validateName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw invalidField('The profile name is empty.', 'Give the profile a name, for example "Main account".');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw invalidField(`The profile name is longer than ${MAX_NAME_LENGTH} characters.`, 'Choose a shorter name.');
  }
  return trimmed;
}

export function validateColour(colour: string): string {
  const trimmed = colour.trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(trimmed)) {
    throw invalidField('The profile colour is not a colour Margin Desk can use.', 'Pick one of the offered colours.');
  }
  return trimmed.toLowerCase();
}

/** The base URL normalised to scheme, host, port and path, without a trailing slash. */
export function validateBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw invalidField('The API base URL is not a valid address.', 'Leave it empty to use https://futures.kraken.com.');
  }
  const secure = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !loopback) {
    throw invalidField('The API base URL must start with https:// (plain http is only allowed on this computer).', 'Use https://futures.kraken.com unless support told you otherwise.');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalidField('The API base URL may not contain a user name, password, query or fragment.', 'Use only the address, for example https://futures.kraken.com.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function validateRefreshSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < MIN_REFRESH_SECONDS || seconds > MAX_REFRESH_SECONDS) {
    throw invalidField(
      `The refresh interval must be a whole number of seconds from ${MIN_REFRESH_SECONDS} to ${MAX_REFRESH_SECONDS}.`,
      `Choose an interval between ${MIN_REFRESH_SECONDS} seconds and one hour.`,
    );
  }
  return seconds;
}

/**
 * The Unified WebSocket address normalised like the base URL. Only `wss:` (or plain `ws:` to this
 * computer): the connection carries the token that reads the account.
 */
export function validateStreamUrl(streamUrl: string): string {
  let url: URL;
  try {
    url = new URL(streamUrl.trim());
  } catch {
    throw invalidField('The WebSocket address is not a valid address.', 'Leave it empty to use wss://uws.kraken.com/v2/private.');
  }
  const secure = url.protocol === 'wss:';
  const loopback = url.protocol === 'ws:' && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !loopback) {
    throw invalidField(
      'The WebSocket address must start with wss:// (plain ws is only allowed on this computer).',
      'Use wss://uws.kraken.com/v2/private unless support told you otherwise.',
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalidField('The WebSocket address may not contain a user name, password, query or fragment.', 'Use only the address, for example wss://uws.kraken.com/v2/private.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
