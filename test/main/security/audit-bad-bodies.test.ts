/**
 * Audit: what an exchange (or a proxy, a captive portal, a man in the middle) can send back. Each
 * bad answer, served over real HTTP on loopback, must end the request with a typed KrakenError
 * that says what happened: no uncaught exception in main, no request that never ends, no memory
 * that grows without bound.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KrakenClient } from '../../../src-main/kraken/client.ts';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { MAX_RETRY_AFTER_MS } from '../../../src-main/kraken/retry-policy.ts';
import { MAX_RESPONSE_BYTES } from '../../../src-main/kraken/transport.ts';
import { recordAuditFigures } from './audit-figures.ts';

const CREDENTIALS = { apiKey: 'Xk3Jm9Qw2Lr8Tz5Vb7Nc1Hd4Gf6Sa0Pe', apiSecret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==' };
const TIMEOUT_MS = 400;
/** Far above the request timeout: one attempt per answer (retries are the retry policy's tests). */
const HANG_LIMIT_MS = 10_000;

type Answer = (res: ServerResponse) => void;

const json = (status: number, body: string, headers: Record<string, string> = {}): Answer => (res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
};

const BAD_ANSWERS: Readonly<Record<string, Answer>> = {
  'an empty 200': json(200, ''),
  'a proxy HTML page': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Maintenance</title><h1>Back soon</h1>'),
  'a 502 HTML page': (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>'),
  'a captive portal': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><form action="/login">Accept the terms</form></html>'),
  'truncated JSON': json(200, '{"result":"success","accounts":{"flex":{"type":"multiCollateralMarginAccount","currencies":{'),
  'a body cut off mid-stream': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
    res.write('{"result":"success","accounts":{');
    res.socket?.destroy();
  },
  'plain text': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK'),
  'a JSON string': json(200, '"success"'),
  'a JSON array': json(200, '[1,2,3]'),
  'null': json(200, 'null'),
  'an error without a code': json(200, '{"result":"error"}'),
  'an unknown error code': json(200, '{"result":"error","error":"somethingNew"}'),
  'an error code that is an object': json(200, '{"result":"error","error":{"code":1}}'),
  'a success without accounts': json(200, '{"result":"success"}'),
  'accounts as an array': json(200, '{"result":"success","accounts":[]}'),
  'a flex account of the wrong type': json(200, '{"result":"success","accounts":{"flex":{"type":"multiCollateralMarginAccount","currencies":"all"}}}'),
  'a number too large for any float': json(200, '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"usd":1e99999}}}}'),
  'a NaN': json(200, '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"usd":NaN}}}}'),
  'a decimal string that is not a number': json(200, '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"usd":"12,5"}}}}'),
  'an amount as an object': json(200, '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"usd":{"value":1}}}}}'),
  'a byte-order mark': json(200, '\uFEFF{"result":"success","accounts":{}}'),
  'invalid UTF-8': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  'JSON nested 100,000 deep': json(200, '['.repeat(100_000) + ']'.repeat(100_000)),
  'an unterminated nesting of 1 MB': json(200, '['.repeat(1_000_000)),
  'duplicate keys': json(200, '{"result":"success","result":"error","error":"authenticationError"}'),
  'a 401 with HTML': (res) => res.writeHead(401, { 'content-type': 'text/html' }).end('<h1>401</h1>'),
  'a 403 with a Kraken error body': json(403, '{"result":"error","error":"Server Error"}'),
  'a 429 with a huge Retry-After': json(429, '{"result":"error","error":"apiLimitExceeded"}', { 'retry-after': '86400' }),
  'a 500': json(500, '{"result":"error","error":"Server Error"}'),
  'a 503 without a body': (res) => res.writeHead(503).end(),
  'a redirect to another host': (res) => res.writeHead(302, { location: 'https://evil.example/steal' }).end(),
  'a 204': (res) => res.writeHead(204).end(),
  'headers and then nothing': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
  },
  'no answer at all': () => {},
  'a gzip claim over plain bytes': json(200, '{"result":"success"}', { 'content-encoding': 'gzip' }),
  'a content-length that lies': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '10' });
    res.end('{"result":"success","accounts":{}}');
  },
  'a connection reset': (res) => res.socket?.destroy(),
  'a body one byte past the size limit': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(MAX_RESPONSE_BYTES + 1, 0x5b)),
  'a body that announces 16 times the limit': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(16 * MAX_RESPONSE_BYTES) });
    res.write('[[[[');
  },
};

let server: Server;
let baseUrl: string;
let answer: Answer = json(200, '{}');

beforeAll(async () => {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(): KrakenClient {
  return new KrakenClient({
    baseUrl,
    appVersion: 'audit',
    getCredentials: async () => CREDENTIALS,
    timeoutMs: TIMEOUT_MS,
    retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
  });
}

/** Well-formed answers with hostile names: read as data (or refused), never merged into a prototype. */
const HOSTILE_NAMES: Readonly<Record<string, Answer>> = {
  'a __proto__ account': json(200, '{"result":"success","accounts":{"__proto__":{"type":"cashAccount","balances":{"usd":"1"}}}}'),
  'a constructor account': json(200, '{"result":"success","accounts":{"constructor":{"type":"marginAccount"}}}'),
  'a __proto__ currency': json(200, '{"result":"success","accounts":{"cash":{"type":"cashAccount","balances":{"__proto__":"5","usd":"1"}}}}'),
};

describe('audit: bad exchange bodies', () => {
  it('reads hostile names as data: nothing reaches a prototype', async () => {
    for (const [name, hostile] of Object.entries(HOSTILE_NAMES)) {
      answer = hostile;
      await client()
        .accounts()
        .catch((error: unknown) => expect(error, name).toBeInstanceOf(KrakenError));
      expect(({} as Record<string, unknown>).type, name).toBeUndefined();
      expect(({} as Record<string, unknown>).balances, name).toBeUndefined();
    }
  });

  it('ends every bad answer with a typed error that says what happened, without a crash, a hang or runaway memory', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const outcomes: Record<string, string> = {};
    let hangs = 0;
    try {
      for (const [name, bad] of Object.entries(BAD_ANSWERS)) {
        answer = bad;
        const started = Date.now();
        const outcome = await Promise.race([
          client().accounts().then(
            () => 'succeeded',
            (error: unknown) =>
              error instanceof KrakenError && error.message.length > 0 && error.action.length > 0 && (error.retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS
                ? `typed ${error.kind}`
                : `untyped ${String(error)}`,
          ),
          new Promise<string>((resolve) => setTimeout(() => resolve('hang'), HANG_LIMIT_MS)),
        ]);
        if (outcome === 'hang') hangs += 1;
        outcomes[name] = `${outcome} (${Date.now() - started} ms)`;
      }
    } finally {
      clearInterval(sampler);
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
    const failures = Object.entries(outcomes).filter(([, outcome]) => !outcome.startsWith('typed '));
    expect(failures).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(hangs).toBe(0);
    const peakGrowthMb = Math.round((peak - baseline) / 1_048_576);
    expect(peakGrowthMb).toBeLessThan(512);
    recordAuditFigures('badBodies', { tried: Object.keys(BAD_ANSWERS).length, crashes: uncaught.length, hangs, untyped: failures.length, peakMemoryGrowthMb: peakGrowthMb });
  }, 120_000);
});
