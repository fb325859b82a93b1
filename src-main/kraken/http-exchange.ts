/**
 * One HTTP GET to Kraken, with a per-request timeout and the caller's AbortSignal, turned into a
 * RawResponse (status, content type, body text) or a transport KrakenError. Interpreting the body
 * is ./interpret-response.ts's job.
 */
import type { Clock } from './clock.ts';
import { abortedError, connectionDroppedError, networkError, timeoutError, type KrakenError } from './errors.ts';
import type { RawResponse } from './interpret-response.ts';
import { parseRetryAfter } from './retry-policy.ts';

/** The subset of `fetch` the client uses; the simulator's handler and tests' fakes fit it. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

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

export async function exchange(fetchFn: FetchFunction, clock: Clock, request: ExchangeRequest): Promise<RawResponse> {
  if (request.signal?.aborted) throw abortedError();
  const timeout = new AbortController();
  const stopTimer = new AbortController();
  clock.sleep(request.timeoutMs, stopTimer.signal).then(
    () => timeout.abort(),
    () => {},
  );
  const signal = request.signal === undefined ? timeout.signal : AbortSignal.any([request.signal, timeout.signal]);
  try {
    let response: Response;
    try {
      // redirect 'manual': a redirect would carry APIKey and Authent to wherever it points.
      response = await fetchFn(request.url, { method: 'GET', headers: request.headers, signal, redirect: 'manual' });
    } catch (error) {
      throw transportError(error, request, timeout.signal, false);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transportError(error, request, timeout.signal, true);
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), clock.now()),
    };
  } finally {
    stopTimer.abort();
  }
}
