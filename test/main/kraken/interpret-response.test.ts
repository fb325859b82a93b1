import { describe, expect, it } from 'vitest';
import { KRAKEN_ERROR_CODES, KrakenError, SchemaError, networkError } from '../../../src-main/kraken/errors.ts';
import { object } from '../../../src-main/kraken/decode/schema.ts';
import { interpretResponse, type Envelope, type RawResponse } from '../../../src-main/kraken/interpret-response.ts';
import { subaccountsBody } from '../../../src-main/kraken/parse-subaccounts.ts';

/** A body schema that keeps every field but the envelope's, as plain exact data. */
function everyField() {
  return object({}).transform(({ result: _result, error: _error, errors: _errors, ...body }) => body);
}

function errorOf(response: Partial<RawResponse>, envelope: Envelope = 'futures'): KrakenError {
  try {
    interpretResponse({ status: 200, contentType: 'application/json', text: '', retryAfterMs: null, ...response }, envelope, everyField());
  } catch (error) {
    if (error instanceof KrakenError) return error;
    throw error;
  }
  throw new Error('expected a KrakenError');
}

const errorBody = (code: string) => JSON.stringify({ result: 'error', error: code, serverTime: '2026-01-01T00:00:00.000Z' });

describe('interpretResponse', () => {
  it('hands every field but the envelope to the reader, with exact numbers', () => {
    const text = '{"result":"success","x":0.10,"y":-0.0009056832839642471}';
    const body = interpretResponse({ status: 200, contentType: 'application/json', text, retryAfterMs: null }, 'futures', everyField());
    expect(body).toEqual({ x: '0.10', y: '-0.0009056832839642471' });
  });

  it('reports an error envelope as the Kraken error even when a field the reader reads is malformed', () => {
    const text = '{"subaccounts":"none","result":"error","error":"apiLimitExceeded"}';
    const response = { status: 200, contentType: 'application/json', text, retryAfterMs: null };
    expect(() => interpretResponse(response, 'futures', subaccountsBody)).toThrow(expect.objectContaining({ kind: 'apiLimitExceeded' }));
  });

  it('reports a malformed field of a success body as a schema mismatch naming its path', () => {
    const text = '{"result":"success","masterAccountUid":"m","subaccounts":[{"accountUid":"u","holdingAccounts":[{"currency":"usd","amount":{}}],"futuresAccounts":[]}]}';
    const response = { status: 200, contentType: 'application/json', text, retryAfterMs: null };
    expect(() => interpretResponse(response, 'futures', subaccountsBody)).toThrow(
      expect.objectContaining({ kind: 'schemaMismatch', path: 'subaccounts[0].holdingAccounts[0].amount' }),
    );
  });

  it('tells a truncated body from a wrong type even where the cut leaves a value missing', () => {
    for (const text of ['{"result":"success","masterAccountUid":"m","subaccounts":', '{"result":"success","subaccounts":[{"accountUid":']) {
      const response = { status: 200, contentType: 'application/json', text, retryAfterMs: null };
      expect(() => interpretResponse(response, 'futures', subaccountsBody)).toThrow(expect.objectContaining({ kind: 'truncatedJson' }));
    }
  });

  const expectedKinds: Record<string, string> = {
    accountInactive: 'accountInactive',
    apiLimitExceeded: 'apiLimitExceeded',
    authenticationError: 'authenticationError',
    insufficientFunds: 'insufficientFunds',
    invalidAccount: 'invalidAccount',
    invalidAmount: 'invalidAmount',
    invalidArgument: 'invalidArgument',
    invalidUnit: 'invalidUnit',
    'Json Parse Error': 'jsonParseError',
    marketUnavailable: 'marketUnavailable',
    nonceBelowThreshold: 'nonceBelowThreshold',
    nonceDuplicate: 'nonceDuplicate',
    notFound: 'notFound',
    requiredArgumentMissing: 'requiredArgumentMissing',
    'Server Error': 'serverError',
    Unavailable: 'unavailable',
    unknownError: 'unknownError',
  };

  it('has a kind for every documented code', () => {
    expect(Object.keys(expectedKinds).sort()).toEqual([...KRAKEN_ERROR_CODES].sort());
  });

  it.each(Object.entries(expectedKinds))('maps the Kraken code %j (HTTP 200) to kind %s', (code, kind) => {
    const error = errorOf({ text: errorBody(code) });
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.status).toBe(200);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.action.length).toBeGreaterThan(10);
  });

  it('keeps codes outside the spec, `unknown` included', () => {
    expect(errorOf({ text: errorBody('unknown') })).toMatchObject({ kind: 'unrecognisedErrorCode', code: 'unknown', retryable: true });
    expect(errorOf({ text: errorBody('brandNewCode') }).message).toContain('brandNewCode');
  });

  it('reads an error code from the `errors` list, and treats a code-less error as unknownError', () => {
    expect(errorOf({ text: '{"result":"error","errors":["nonceDuplicate"]}' }).kind).toBe('nonceDuplicate');
    expect(errorOf({ text: '{"result":"error"}' }).kind).toBe('unknownError');
  });

  it('prefers a Kraken code over the HTTP status', () => {
    expect(errorOf({ status: 401, text: errorBody('authenticationError') }).kind).toBe('authenticationError');
    expect(errorOf({ status: 429, text: errorBody('apiLimitExceeded') }).kind).toBe('apiLimitExceeded');
  });

  it.each([
    [401, 'httpUnauthorized', false, 'credentials'],
    [403, 'httpForbidden', false, 'credentials'],
    [429, 'httpTooManyRequests', true, 'rateLimit'],
  ])('lets HTTP %i win over a Kraken code that would file it elsewhere (%s)', (status, kind, retryable, category) => {
    for (const code of ['Server Error', 'Unavailable', 'unknownError', 'invalidArgument']) {
      expect(errorOf({ status, text: errorBody(code), retryAfterMs: 4000 }), code).toMatchObject({ kind, retryable, category, status });
    }
    if (status === 429) expect(errorOf({ status, text: errorBody('Server Error'), retryAfterMs: 4000 }).retryAfterMs).toBe(4000);
  });

  it('files nonceDuplicate as a stop with its own advice: no nonce is sent by default, so a retry cannot help', () => {
    const error = errorOf({ text: errorBody('nonceDuplicate') });
    expect(error).toMatchObject({ kind: 'nonceDuplicate', category: 'credentials', retryable: false });
    expect(error.action).not.toMatch(/tries again/);
    expect(error.action).toMatch(/key of its own/);
  });

  it.each([
    [401, 'httpUnauthorized', false, 'credentials'],
    [403, 'httpForbidden', false, 'credentials'],
    [429, 'httpTooManyRequests', true, 'rateLimit'],
    [500, 'httpServerError', true, 'connectivity'],
    [502, 'httpServerError', true, 'connectivity'],
    [503, 'httpServerError', true, 'connectivity'],
    [404, 'httpUnexpectedStatus', false, 'response'],
  ])('maps HTTP %i without a Kraken code to %s', (status, kind, retryable, category) => {
    for (const text of ['', '{"message":"no"}', 'Forbidden']) {
      const error = errorOf({ status, text, contentType: 'text/plain' });
      expect(error).toMatchObject({ kind, retryable, category, status });
    }
  });

  it('keeps the Retry-After of a 429', () => {
    expect(errorOf({ status: 429, text: '', retryAfterMs: 3000 }).retryAfterMs).toBe(3000);
  });

  it('recognises an HTML page, with or without content type, on 200 and 5xx', () => {
    const page = '<!DOCTYPE html><html><body>Down for maintenance</body></html>';
    expect(errorOf({ text: page, contentType: 'text/html; charset=utf-8' }).kind).toBe('htmlBody');
    expect(errorOf({ status: 503, text: page, contentType: null }).kind).toBe('htmlBody');
    expect(errorOf({ status: 403, text: page, contentType: 'text/html' }).kind).toBe('httpForbidden');
    expect(errorOf({ text: page }).message).not.toContain('maintenance</body>');
  });

  it('recognises truncated JSON', () => {
    for (const text of ['{"result":"success","accounts":{', '{"result":"succ', '{"a":[1,2', '{"a":1,']) {
      expect(errorOf({ text }).kind).toBe('truncatedJson');
    }
  });

  it('recognises other non-JSON bodies', () => {
    for (const text of ['', 'OK', '{"a":1}}', 'null x']) expect(errorOf({ text }).kind).toBe('notJson');
  });

  it('refuses a body without a result as a schema mismatch', () => {
    const error = errorOf({ text: '{"accounts":{}}' });
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).path).toBe('result');
  });

  it('reads the key check envelope: plain body on 200, status errors otherwise', () => {
    expect(interpretResponse({ status: 200, contentType: 'application/json', text: '{"permissions":{}}', retryAfterMs: null }, 'auth', everyField())).toEqual({ permissions: {} });
    const body = '{"error":"apiKeyNotFound","message":"API key not found","suberror":null}';
    expect(errorOf({ status: 401, text: body }, 'auth').kind).toBe('httpUnauthorized');
    expect(errorOf({ status: 400, text: '{"error":"invalidArgument","message":"x","suberror":null}' }, 'auth').kind).toBe('invalidArgument');
    expect(errorOf({ status: 400, text: '{}' }, 'auth').kind).toBe('httpUnexpectedStatus');
  });
});

describe('networkError', () => {
  const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it.each([
    ['ECONNREFUSED', 'connectionRefused'],
    ['ENOTFOUND', 'dnsFailure'],
    ['EAI_AGAIN', 'dnsFailure'],
    ['ECONNRESET', 'connectionDropped'],
    ['UND_ERR_SOCKET', 'connectionDropped'],
    ['EHOSTUNREACH', 'networkError'],
  ])('classifies %s as %s', (code, kind) => {
    const error = networkError(failed(code));
    expect(error).toMatchObject({ kind, category: 'connectivity', retryable: true });
    expect(Object.keys(JSON.parse(JSON.stringify(error)) as object)).not.toContain('cause');
  });
});
