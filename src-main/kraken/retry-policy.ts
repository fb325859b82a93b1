/**
 * Which failures the client retries within one call, and how long it waits in between.
 *
 * Only transient failures: the network, Kraken's 5xx and maintenance pages, cut-off bodies, and
 * rate limits (after the budget has refilled). Never credentials or permission errors (retrying a
 * refused key only burns budget and can lock the key), never a schema mismatch (the same body
 * would come back), never a cancellation.
 */
import type { KrakenError, KrakenErrorKind } from './errors.ts';

const TRANSIENT_KINDS: ReadonlySet<KrakenErrorKind> = new Set<KrakenErrorKind>([
  'timeout',
  'connectionRefused',
  'dnsFailure',
  'connectionDropped',
  'networkError',
  'httpServerError',
  'serverError',
  'unavailable',
  'htmlBody',
  'truncatedJson',
  'httpTooManyRequests',
  'apiLimitExceeded',
]);

export function isTransient(error: KrakenError): boolean {
  return TRANSIENT_KINDS.has(error.kind);
}

export function isRateLimit(error: KrakenError): boolean {
  return error.category === 'rateLimit';
}

export interface RetryOptions {
  /** Attempts in total, the first included (1: no retry). */
  readonly attempts: number;
  /** Upper bound of the first backoff; doubles each retry. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * "Full jitter" exponential backoff: uniformly random in [0, min(max, base × 2^retry)], so several
 * profiles or app instances that failed together do not retry together. At least the server's
 * Retry-After when it sent one.
 * @param retry 0 for the first retry
 */
export function backoffDelay(options: RetryOptions, retry: number, random: () => number, retryAfterMs: number | null): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.max(Math.round(random() * ceiling), retryAfterMs ?? 0);
}

/** Retry-After header value (seconds or an HTTP date) in ms from `now`, or null. */
/**
 * The longest wait a Retry-After can impose. Kraken's rate-limit windows are seconds long; a server
 * (or a proxy) asking for more would otherwise stop a profile's monitoring for as long as it says.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  const date = Date.parse(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Number.isNaN(date) ? null : date - now;
  return ms === null ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
