/**
 * How the Unified WebSocket connection can fail, as typed KrakenErrors with a message and an
 * action. As everywhere in ../errors.ts, messages are fixed texts plus facts the user already knows
 * (a channel name, a close code, a size); never a frame's content, a token or a signature.
 */
import { KrakenError, TRY_LATER, UPDATE_OR_SUPPORT } from '../errors.ts';

export type UwsErrorKind =
  | 'uwsConnectFailed'
  | 'uwsConnectionClosed'
  | 'uwsHeartbeatTimeout'
  | 'uwsFrameTooLarge'
  | 'uwsMessageRateExceeded'
  | 'uwsMalformedFrame'
  | 'uwsSubscribeRejected'
  | 'uwsSessionExpired'
  | 'uwsSnapshotTooLarge'
  | 'uwsInsecureAddress'
  | 'uwsPositionsSnapshotMissing';

/**
 * The WebSocket handshake failed (refused, DNS, TLS, an HTTP answer instead of an upgrade);
 * `retryAfterMs` when that answer said how long to wait.
 */
export function uwsConnectFailed(detail: string, cause?: unknown, retryAfterMs: number | null = null): KrakenError {
  return new KrakenError({
    kind: 'uwsConnectFailed',
    category: 'connectivity',
    message: `Margin Desk could not open the Kraken WebSocket (${detail}).`,
    action: `Check your internet connection. ${TRY_LATER}`,
    retryable: true,
    cause,
    retryAfterMs,
  });
}

/** The connection closed without being asked to (server restart, network drop). */
export function uwsConnectionClosed(code: number): KrakenError {
  return new KrakenError({
    kind: 'uwsConnectionClosed',
    category: 'connectivity',
    message: `The Kraken WebSocket connection closed (code ${code}).`,
    action: TRY_LATER,
    retryable: true,
  });
}

/** Neither a heartbeat nor any other message came for `silentMs`: the connection is presumed dead. */
export function uwsHeartbeatTimeout(silentMs: number): KrakenError {
  return new KrakenError({
    kind: 'uwsHeartbeatTimeout',
    category: 'connectivity',
    message: `Kraken's WebSocket sent nothing for ${Math.round(silentMs / 1000)} seconds.`,
    action: `Margin Desk reconnects by itself. If it keeps happening, check your network (VPN, proxy, captive portal). ${TRY_LATER}`,
    retryable: true,
  });
}

/** A frame above the size limit: the connection is closed rather than the frame buffered. */
export function uwsFrameTooLarge(limitBytes: number): KrakenError {
  return new KrakenError({
    kind: 'uwsFrameTooLarge',
    category: 'response',
    message: `Kraken's WebSocket sent a message larger than Margin Desk accepts (${Math.round(limitBytes / 1_048_576)} MiB).`,
    action: `Margin Desk reconnects by itself. ${UPDATE_OR_SUPPORT}`,
    retryable: true,
  });
}

/** More messages in a second than any account produces: the connection is closed and reopened later. */
export function uwsMessageRateExceeded(perSecond: number): KrakenError {
  return new KrakenError({
    kind: 'uwsMessageRateExceeded',
    category: 'response',
    message: `Kraken's WebSocket sent more than ${perSecond} messages in a second.`,
    action: `Margin Desk reconnects after a pause. ${UPDATE_OR_SUPPORT}`,
    retryable: true,
  });
}

/** A frame that is not a JSON object: reported and skipped; the connection stays open. */
export function uwsMalformedFrame(reason: 'notJson' | 'notObject' | 'binary'): KrakenError {
  const what = { notJson: 'is not JSON', notObject: 'is not a JSON object', binary: 'is binary' }[reason];
  return new KrakenError({
    kind: 'uwsMalformedFrame',
    category: 'response',
    message: `Kraken's WebSocket sent a message that ${what}; it was skipped.`,
    action: `Your figures were not updated from it. ${UPDATE_OR_SUPPORT}`,
    retryable: true,
  });
}

/**
 * Kraken refused a subscription with an error that is neither about the session nor about the key.
 * Retried with the reconnect backoff (a refusal may be Kraken's passing trouble, and a margin
 * monitor must not stop by itself). `error` is Kraken's own text about the request, capped, with
 * anything token-like removed.
 */
export function uwsSubscribeRejected(channel: string, error: string): KrakenError {
  return new KrakenError({
    kind: 'uwsSubscribeRejected',
    category: 'exchange',
    message: rejectionMessage(channel, error),
    action: `Margin Desk tries again after a pause. If it keeps happening, ${lowerFirst(UPDATE_OR_SUPPORT)}`,
    retryable: true,
  });
}

/** Kraken refused a subscription for the key's permission or a lockout: the user must act, nothing is retried. */
export function uwsSubscribeForbidden(channel: string, error: string): KrakenError {
  return new KrakenError({
    kind: 'uwsSubscribeRejected',
    category: 'credentials',
    message: rejectionMessage(channel, error),
    action:
      'At pro.kraken.com (Settings → API), check that this key has the WebSocket permission ("Access WebSockets API") and is not locked, then use "Test connection".',
    retryable: false,
  });
}

/** The session's token was refused or expired: a fresh token and a new connection fix it. */
export function uwsSessionExpired(): KrakenError {
  return new KrakenError({
    kind: 'uwsSessionExpired',
    category: 'connectivity',
    message: 'The Kraken WebSocket session expired.',
    action: 'Nothing to do: Margin Desk reconnects with a new token.',
    retryable: true,
  });
}

/** The positions snapshot kept exceeding Kraken's message size after the resubscriptions allowed. */
export function uwsSnapshotTooLarge(attempts: number): KrakenError {
  return new KrakenError({
    kind: 'uwsSnapshotTooLarge',
    category: 'exchange',
    message: `Kraken could not send the positions of this account in one message (${attempts} attempts).`,
    action: `Margin Desk tries again later. If it lasts, ${lowerFirst(UPDATE_OR_SUPPORT)}`,
    retryable: true,
  });
}

/**
 * The positions subscription was acknowledged but no snapshot followed: the current positions are
 * unknown (not "none"). Reported, not retried: Kraken may simply not send one with `with_margin`.
 */
export function uwsPositionsSnapshotMissing(waitedMs: number): KrakenError {
  return new KrakenError({
    kind: 'uwsPositionsSnapshotMissing',
    category: 'response',
    message: `Kraken acknowledged the positions subscription but sent no snapshot within ${Math.round(waitedMs / 1000)} seconds: the open positions are not known.`,
    action: `Positions show as unknown until Kraken sends them. ${UPDATE_OR_SUPPORT}`,
    retryable: true,
  });
}

function rejectionMessage(channel: string, error: string): string {
  return `Kraken refused the subscription to the ${channel.slice(0, 40)} channel: ${redactTokenText(error).slice(0, 120)}`;
}

/** Anything that looks like a token value in an error text from the exchange (defence in depth). */
function redactTokenText(text: string): string {
  return text.replace(/[A-Za-z0-9+/=_-]{24,}/g, '[redacted]');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
