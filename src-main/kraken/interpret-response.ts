/**
 * One HTTP answer from Kraken → the success body, or the KrakenError that explains it.
 *
 * Kraken usually reports errors with HTTP 200 and `{"result":"error","error":"<code>"}`, but also
 * sends 401/403/429/5xx, and proxies in front of it send HTML during maintenance; so the body is
 * read whatever the status, and the most specific explanation wins: a Kraken error code, then the
 * HTTP status, then what the body looks like.
 */
import { errorFromBody, errorFromHttpStatus, errorFromKrakenCode, SchemaError, type KrakenError } from './errors.ts';
import { parseJsonExact } from './exact-json.ts';

/**
 * `futures`: `/derivatives/api/v3` endpoints with the `result` envelope.
 * `auth`: the key check (Kraken's auth service), plain body on 200, `{error, message}` otherwise.
 */
export type Envelope = 'futures' | 'auth';

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** Parsed Retry-After header, when sent. */
  readonly retryAfterMs: number | null;
}

function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType !== null && contentType.toLowerCase().includes('text/html')) return true;
  // No JSON text starts with '<'; pages without a content type (`<!DOCTYPE`, `<html>`) still do.
  return text.trimStart().startsWith('<');
}

/**
 * JSON that stops early: V8 reports "Unexpected end of JSON input", "Unterminated string", or an
 * expectation failing at the very last position.
 */
function looksTruncated(text: string, error: SyntaxError): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  if (/end of JSON input|Unterminated/i.test(error.message)) return true;
  const position = /at position (\d+)/.exec(error.message);
  return position !== null && Number(position[1]) >= text.trimEnd().length;
}

/** Statuses that say more than any body: the user must act (401/403) or wait (429). */
function statusSaysItAll(status: number): boolean {
  return status === 401 || status === 403 || status === 429;
}

function unreadableBody(response: RawResponse, error: SyntaxError): KrakenError {
  const { status, contentType, text } = response;
  if (statusSaysItAll(status)) return errorFromHttpStatus(status, response.retryAfterMs);
  if (looksLikeHtml(contentType, text)) return errorFromBody('htmlBody', status);
  if (!isSuccessStatus(status)) return errorFromHttpStatus(status, response.retryAfterMs);
  return errorFromBody(looksTruncated(text, error) ? 'truncatedJson' : 'notJson', status);
}

function errorCodeOf(body: Record<string, unknown>): string | null {
  if (typeof body['error'] === 'string') return body['error'];
  const errors = body['errors'];
  if (Array.isArray(errors) && typeof errors[0] === 'string') return errors[0];
  return null;
}

/** Returns the parsed success body (numbers exact, see ./exact-json.ts) or throws a KrakenError. */
export function interpretResponse(response: RawResponse, envelope: Envelope): unknown {
  let body: unknown;
  try {
    body = parseJsonExact(response.text);
  } catch (error) {
    if (error instanceof SyntaxError) throw unreadableBody(response, error);
    throw error;
  }
  const { status } = response;
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;

  if (envelope === 'auth') {
    if (isSuccessStatus(status)) return body;
    const code = object === null ? null : errorCodeOf(object);
    if (code === null || statusSaysItAll(status) || status >= 500) throw errorFromHttpStatus(status, response.retryAfterMs);
    throw errorFromKrakenCode(code, status);
  }

  if (object !== null && object['result'] === 'error') {
    // An error envelope without a code is, in Kraken's own vocabulary, an unknownError.
    throw errorFromKrakenCode(errorCodeOf(object) ?? 'unknownError', status);
  }
  if (!isSuccessStatus(status)) throw errorFromHttpStatus(status, response.retryAfterMs);
  if (object === null || object['result'] !== 'success') throw new SchemaError('result', '"success" or "error"');
  return body;
}
