/**
 * One HTTP GET to Kraken, with a per-request timeout and the caller's AbortSignal, turned into a
 * RawResponse (status, content type, body text) or a transport KrakenError. Interpreting the body
 * is ./interpret-response.ts's job.
 */
import type { Clock } from './clock.ts';
import { abortedError, connectionDroppedError, networkError, timeoutError, type KrakenError } from './errors.ts';
import type { RawResponse } from './interpret-response.ts';
import { parseRetryAfter } from './retry-policy.ts';
import type { ResponseBody, Transport, TransportResponse } from './transport.ts';

/** Kept here too for modules that imported it from this file before ./transport.ts existed. */
export type { FetchFunction } from './transport.ts';

export interface ExchangeRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

function transportError(cause: unknown, request: ExchangeRequest, timedOut: AbortSignal, whileReading: boolean): KrakenError {
  if (request.signal?.aborted) return abortedError();
  if (timedOut.aborted) return timeoutError(request.timeoutMs);
  return whileReading ? connectionDroppedError(cause) : networkError(cause);
}

/** Reason given when the timer is stopped: one shared value, so no DOMException is built per request. */
const TIMER_STOPPED = Symbol('timer stopped');

export async function exchange(transport: Transport, clock: Clock, request: ExchangeRequest): Promise<RawResponse> {
  if (request.signal?.aborted) throw abortedError();
  const timeout = new AbortController();
  const stopTimer = new AbortController();
  clock.sleep(request.timeoutMs, stopTimer.signal).then(
    () => timeout.abort(),
    () => {},
  );
  const signal = request.signal === undefined ? timeout.signal : AbortSignal.any([request.signal, timeout.signal]);
  try {
    let response: TransportResponse;
    try {
      response = await transport(request.url, request.headers, signal);
    } catch (error) {
      throw transportError(error, request, timeout.signal, false);
    }
    let body: ResponseBody;
    try {
      body = await response.body();
    } catch (error) {
      throw transportError(error, request, timeout.signal, true);
    }
    return {
      status: response.status,
      contentType: response.header('content-type'),
      text: body.text,
      asciiBytes: body.asciiBytes,
      retryAfterMs: parseRetryAfter(response.header('retry-after'), clock.now()),
    };
  } finally {
    stopTimer.abort(TIMER_STOPPED);
  }
}
