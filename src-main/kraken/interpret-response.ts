/**
 * One HTTP answer from Kraken → the endpoint's model, or the KrakenError that explains it.
 *
 * Kraken usually reports errors with HTTP 200 and `{"result":"error","error":"<code>"}`, but also
 * sends 401/403/429/5xx, and proxies in front of it send HTML during maintenance; so the body is
 * read whatever the status, and the most specific explanation wins: a Kraken error code (unless a
 * 401/403/429 files the failure elsewhere), then the HTTP status, then what the body looks like.
 */
import type { z } from 'zod';
import { parseJsonForDecoding } from './decode/exact-json.ts';
import { decodeValue, isPlainObject } from './decode/schema.ts';
import { errorFromBody, errorFromHttpStatus, errorFromKrakenCode, SchemaError, type KrakenError } from './errors.ts';

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

/**
 * The error of a body's Kraken code. A 401/403/429 decides what the app does (stop for the
 * credentials, wait for the rate limit), so a code filed elsewhere (a `Server Error` body on a 401)
 * gives way to the status; a code of the same kind says more and stays.
 */
function errorFromCode(code: string, response: RawResponse): KrakenError {
  const fromCode = errorFromKrakenCode(code, response.status);
  if (!statusSaysItAll(response.status)) return fromCode;
  const fromStatus = errorFromHttpStatus(response.status, response.retryAfterMs);
  return fromCode.category === fromStatus.category ? fromCode : fromStatus;
}

/** Kraken's error code: `error` (futures and auth) or the first of `errors`. */
function errorCodeOf(body: Record<string, unknown>): string | null {
  if (typeof body['error'] === 'string') return body['error'];
  const errors = body['errors'];
  return Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0] : null;
}

/**
 * Decodes the body with the endpoint's schema, or throws the KrakenError that explains the
 * response. A malformed body is reported as a schema mismatch only once the envelope is known to be
 * a success: an error envelope says more.
 */
export function interpretResponse<T>(response: RawResponse, envelope: Envelope, body: z.ZodType<T>): T {
  const { status } = response;
  let value: unknown;
  try {
    value = parseJsonForDecoding(response.text);
  } catch (error) {
    if (error instanceof SyntaxError) throw unreadableBody(response, error);
    throw error;
  }
  const fields = isPlainObject(value) ? value : {};
  const code = errorCodeOf(fields);

  if (envelope === 'auth') {
    if (!isSuccessStatus(status)) {
      if (code === null || statusSaysItAll(status) || status >= 500) throw errorFromHttpStatus(status, response.retryAfterMs);
      throw errorFromCode(code, response);
    }
  } else {
    // An error envelope without a code is, in Kraken's own vocabulary, an unknownError.
    if (fields['result'] === 'error') throw errorFromCode(code ?? 'unknownError', response);
    if (!isSuccessStatus(status)) throw errorFromHttpStatus(status, response.retryAfterMs);
    if (fields['result'] !== 'success') throw new SchemaError('result', '"success" or "error"');
  }
  return decodeValue(body, value);
}
