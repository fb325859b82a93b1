/**
 * Why an update check or download failed, in the user's words. electron-updater reports failures
 * as errors with a `code` (its own `ERR_UPDATER_*`, builder-util's `ERR_CHECKSUM_MISMATCH`, Node's
 * network codes) or an HTTP status; each reason below says what happened and that the app goes on.
 */
import type { UpdateFailure } from '../../src-shared/update-state.ts';

const FEED_CODES = new Set([
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_ASSET_NOT_FOUND',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

const TRIES_AGAIN = 'Margin Desk keeps running with the version you have and checks again in a few hours.';

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function statusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

export function describeUpdateFailure(error: unknown, version: string | null): UpdateFailure {
  const code = codeOf(error);
  const status = statusOf(error);
  const what = version === null ? 'The update' : `Version ${version}`;
  if (code === 'ERR_CHECKSUM_MISMATCH') {
    return {
      reason: 'checksumMismatch',
      message: `${what} did not match its published checksum and was discarded. Nothing was installed.`,
      action: TRIES_AGAIN,
    };
  }
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return {
      reason: 'badSignature',
      message: `${what} is not signed by Margin Desk's publisher and was discarded. Nothing was installed.`,
      action: TRIES_AGAIN,
    };
  }
  if (code !== null && FEED_CODES.has(code)) {
    return {
      reason: 'badFeed',
      message: 'The update server answered with a feed Margin Desk cannot read.',
      action: TRIES_AGAIN,
    };
  }
  const message = error instanceof Error ? error.message : '';
  if ((code !== null && NETWORK_CODES.has(code)) || status !== null || message.startsWith('net::')) {
    return {
      reason: 'unreachable',
      message: status === null ? 'The update server could not be reached.' : `The update server answered HTTP ${status}.`,
      action: TRIES_AGAIN,
    };
  }
  return { reason: 'other', message: `${what} could not be checked or downloaded.`, action: TRIES_AGAIN };
}
