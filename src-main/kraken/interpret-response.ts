/**
 * One HTTP answer from Kraken → the endpoint's model, or the KrakenError that explains it.
 *
 * Kraken usually reports errors with HTTP 200 and `{"result":"error","error":"<code>"}`, but also
 * sends 401/403/429/5xx, and proxies in front of it send HTML during maintenance; so the body is
 * read whatever the status, and the most specific explanation wins: a Kraken error code, then the
 * HTTP status, then what the body looks like.
 */
import { errorFromBody, errorFromHttpStatus, errorFromKrakenCode, SchemaError, type KrakenError } from './errors.ts';
import { readRootObject, type RootFields, type RootReader } from './exact-json.ts';
import type { JsonCursor } from './json-cursor.ts';

/**
 * `futures`: `/derivatives/api/v3` endpoints with the `result` envelope.
 * `auth`: the key check (Kraken's auth service), plain body on 200, `{error, message}` otherwise.
 */
export type Envelope = 'futures' | 'auth';

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** The text's bytes when all are ASCII (see ./transport.ts), for the JSON cursor. */
  readonly asciiBytes?: Uint8Array | undefined;
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
 * The envelope's fields of a root object (`result`, and the error code in `error` or `errors[0]`),
 * every other field handed on to the endpoint's reader, so a body is read once.
 */
class EnvelopeFields implements RootFields {
  readonly #body: RootFields | null;
  result: unknown = undefined;
  #error: string | null = null;
  #errors: string | null = null;

  constructor(body: RootFields | null) {
    this.#body = body;
  }

  field(key: string, json: JsonCursor): boolean {
    if (key === 'result') this.result = json.value();
    else if (key === 'error') {
      this.#error = json.string();
      if (this.#error === null) json.skip();
    } else if (key === 'errors') {
      const errors = json.value();
      this.#errors = Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0] : null;
    } else return this.#body?.field(key, json) ?? false;
    return true;
  }

  get errorCode(): string | null {
    return this.#error ?? this.#errors;
  }
}

/**
 * Reads the body into the endpoint's model, or throws the KrakenError that explains the response.
 * A field the endpoint reads that is malformed is reported as a schema mismatch only once the
 * envelope is known to be a success: an error envelope says more.
 */
export function interpretResponse<T>(response: RawResponse, envelope: Envelope, body: RootReader<T>): T {
  const { status } = response;
  let fields = new EnvelopeFields(body);
  let problem: SchemaError | null = null;
  try {
    readRootObject(response.text, fields, response.asciiBytes);
  } catch (error) {
    if (error instanceof SyntaxError) throw unreadableBody(response, error);
    if (!(error instanceof SchemaError)) throw error;
    problem = error;
    // The envelope alone, from a second reading that leaves every other field alone.
    fields = new EnvelopeFields(null);
    try {
      readRootObject(response.text, fields, response.asciiBytes);
    } catch {
      // not an object at the root: no envelope to speak of
    }
  }

  if (envelope === 'auth') {
    if (!isSuccessStatus(status)) {
      const code = fields.errorCode;
      if (code === null || statusSaysItAll(status) || status >= 500) throw errorFromHttpStatus(status, response.retryAfterMs);
      throw errorFromKrakenCode(code, status);
    }
  } else {
    // An error envelope without a code is, in Kraken's own vocabulary, an unknownError.
    if (fields.result === 'error') throw errorFromKrakenCode(fields.errorCode ?? 'unknownError', status);
    if (!isSuccessStatus(status)) throw errorFromHttpStatus(status, response.retryAfterMs);
    if (fields.result !== 'success') throw new SchemaError('result', '"success" or "error"');
  }
  if (problem !== null) throw problem;
  return body.result();
}
