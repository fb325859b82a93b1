/** Every error kind, produced for real: the client against the simulated exchange over loopback HTTP. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { KrakenClient } from '../../../src-main/kraken/client.ts';
import { KRAKEN_ERROR_CODES, KrakenError, SchemaError } from '../../../src-main/kraken/errors.ts';
import type { FetchFunction } from '../../../src-main/kraken/transport.ts';
import { computeAuthent } from '../../../src-main/kraken/sign.ts';
import { startLoopback, type Loopback, type TransportChoice } from './loopback.ts';
import { expectRedacted, sensitiveValues } from './redaction.ts';

const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

let loopback: Loopback;

async function errorOf(pending: Promise<unknown>): Promise<KrakenError> {
  try {
    await pending;
  } catch (error) {
    expectRedacted(error, sensitiveValues(loopback.credentials.apiSecret, loopback.sent));
    if (error instanceof KrakenError) return error;
    throw error;
  }
  throw new Error('expected a KrakenError');
}

function failingFetch(code: string): FetchFunction {
  return async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) });
  };
}

/** Waits (in real time) until the server has received `count` requests for the endpoint. */
async function untilReceived(endpoint: 'accounts' | 'keyCheck', count = 1): Promise<void> {
  while (loopback.exchange.requestCount(endpoint) < count) await new Promise((resolve) => setTimeout(resolve, 2));
}

const EXPECTED_KIND: Readonly<Record<string, string>> = {
  'Json Parse Error': 'jsonParseError',
  'Server Error': 'serverError',
  Unavailable: 'unavailable',
};

describe.each<TransportChoice>(['node:http', 'fetch'])('over %s', (transport) => {
  beforeEach(async () => {
    loopback = await startLoopback({}, transport);
  });
  afterEach(async () => {
    await loopback.close();
  });

  describe('Kraken error codes (HTTP 200 error envelope)', () => {
    it.each(KRAKEN_ERROR_CODES.map((code) => [code]))('%s', async (code) => {
      loopback.exchange.injectFault({ kind: 'errorCode', code }, { endpoint: 'accounts' });
      const error = await errorOf(loopback.client({ retry: NO_RETRY }).accounts());
      expect(error.kind).toBe(EXPECTED_KIND[code] ?? code);
      expect(error.code).toBe(code);
      expect(error.status).toBe(200);
    });

    it('an unknown code (`unknown`, new in 2026) is kept, not a crash', async () => {
      loopback.exchange.injectFault({ kind: 'errorCode', code: 'unknown' }, { endpoint: 'accounts' });
      expect(await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).toMatchObject({ kind: 'unrecognisedErrorCode', code: 'unknown' });
    });

    it('authenticationError for real: a wrong secret', async () => {
      const wrong = Buffer.alloc(64, 7).toString('base64');
      const client = loopback.client({ getCredentials: async () => ({ apiKey: loopback.credentials.apiKey, apiSecret: wrong }) });
      const error = await errorOf(client.accounts());
      expect(error).toMatchObject({ kind: 'authenticationError', category: 'credentials', retryable: false });
      expectRedacted(error, [wrong]);
    });

    it('nonceBelowThreshold for real: another tool used the key with a larger nonce', async () => {
      const { apiKey, apiSecret } = loopback.credentials;
      const path = '/derivatives/api/v3/accounts';
      const nonce = '99999999999999999';
      await fetch(loopback.server.url + path, {
        headers: { 'User-Agent': 'other-tool', APIKey: apiKey, Authent: computeAuthent(apiSecret, path, '', nonce), Nonce: nonce },
      });
      const error = await errorOf(loopback.client().accounts());
      expect(error).toMatchObject({ kind: 'nonceBelowThreshold', category: 'credentials', retryable: false });
      // what to do is something the user can do: the app has no nonce setting to turn off
      expect(error).toMatchObject({ action: expect.stringContaining('Create an API key of its own for Margin Desk') });
      expect(error).not.toMatchObject({ action: expect.stringContaining('nonce option') });
    });
  });

  describe('HTTP statuses', () => {
    it('401 from the key check for an unknown key', async () => {
      const client = loopback.client({ getCredentials: async () => ({ apiKey: 'not-a-key', apiSecret: loopback.credentials.apiSecret }) });
      expect(await errorOf(client.checkKey())).toMatchObject({ kind: 'httpUnauthorized', status: 401, category: 'credentials' });
    });

    it('401 from the key check for a wrong signature', async () => {
      const client = loopback.client({ getCredentials: async () => ({ ...loopback.credentials, apiSecret: Buffer.alloc(64, 1).toString('base64') }) });
      expect(await errorOf(client.checkKey())).toMatchObject({ kind: 'httpUnauthorized', status: 401 });
    });

    it.each([
      [403, 'httpForbidden'],
      [429, 'httpTooManyRequests'],
      [500, 'httpServerError'],
      [502, 'httpServerError'],
      [503, 'httpServerError'],
      [404, 'httpUnexpectedStatus'],
    ])('%i → %s', async (status, kind) => {
      loopback.exchange.injectFault({ kind: 'status', status }, { endpoint: 'accounts' });
      expect(await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).toMatchObject({ kind, status });
    });
  });

  describe('bodies that are not Kraken JSON', () => {
    it('an HTML maintenance page', async () => {
      loopback.exchange.injectFault({ kind: 'html', status: 503 }, { endpoint: 'accounts' });
      expect(await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).toMatchObject({ kind: 'htmlBody', retryable: true });
    });

    it('an HTML page with HTTP 200', async () => {
      loopback.exchange.injectFault({ kind: 'html', status: 200 }, { endpoint: 'accounts' });
      expect((await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).kind).toBe('htmlBody');
    });

    it('truncated JSON', async () => {
      loopback.exchange.injectFault({ kind: 'truncated' }, { endpoint: 'accounts' });
      expect((await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).kind).toBe('truncatedJson');
    });

    it('a body that is not JSON', async () => {
      loopback.exchange.injectFault({ kind: 'body', body: 'OK', contentType: 'text/plain' }, { endpoint: 'accounts' });
      expect((await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).kind).toBe('notJson');
    });

    it('a schema mismatch names the JSON path', async () => {
      const body = JSON.stringify({ result: 'success', masterAccountUid: 'm', subaccounts: [{ accountUid: 'u', email: 'e', fullName: null, holdingAccounts: [{ currency: 'usd', amount: 'NaN' }], futuresAccounts: [] }] });
      loopback.exchange.injectFault({ kind: 'body', body }, { endpoint: 'subaccounts' });
      const error = await errorOf(loopback.client().subaccounts());
      expect(error).toBeInstanceOf(SchemaError);
      expect(error).toMatchObject({ kind: 'schemaMismatch', path: 'subaccounts[0].holdingAccounts[0].amount', retryable: false });
      expect(loopback.exchange.requestCount('subaccounts')).toBe(1);
    });
  });

  describe('transport failures', () => {
    it('timeout', async () => {
      loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'accounts' });
      const pending = errorOf(loopback.client({ retry: NO_RETRY, timeoutMs: 5_000 }).accounts());
      await untilReceived('accounts');
      loopback.clock.advance(5_000);
      expect(await pending).toMatchObject({ kind: 'timeout', category: 'connectivity', retryable: true });
    });

    it('connection refused (nothing listening)', async () => {
      const closed = await loopback.exchange.listen({ port: 0 });
      await closed.close();
      const client = loopback.client({ baseUrl: closed.url, retry: NO_RETRY });
      expect(await errorOf(client.accounts())).toMatchObject({ kind: 'connectionRefused', category: 'connectivity' });
    });

    it('DNS failure', async () => {
      const client = loopback.client({ fetch: failingFetch('ENOTFOUND'), retry: NO_RETRY });
      expect((await errorOf(client.accounts())).kind).toBe('dnsFailure');
    });

    it('another network failure', async () => {
      const client = loopback.client({ fetch: failingFetch('EHOSTUNREACH'), retry: NO_RETRY });
      expect((await errorOf(client.accounts())).kind).toBe('networkError');
    });

    it('connection closed before the answer', async () => {
      loopback.exchange.injectFault({ kind: 'reset' }, { endpoint: 'accounts' });
      expect((await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).kind).toBe('connectionDropped');
    });

    it('connection dropped halfway through the body', async () => {
      loopback.exchange.injectFault({ kind: 'drop' }, { endpoint: 'accounts' });
      expect((await errorOf(loopback.client({ retry: NO_RETRY }).accounts())).kind).toBe('connectionDropped');
    });

    it('aborted by the caller while waiting for the answer', async () => {
      loopback.exchange.injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'accounts' });
      const controller = new AbortController();
      const pending = errorOf(loopback.client().accounts(controller.signal));
      await untilReceived('accounts');
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted', category: 'aborted', retryable: false });
    });

    /** A server that sends the headers and half a body, then nothing: resolves with its URL once the half is out. */
    async function stallingMidBody(): Promise<{ url: string; halfSent: Promise<void> }> {
      let markSent = () => {};
      const halfSent = new Promise<void>((resolve) => (markSent = resolve));
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"result":"success","accounts":{', () => markSent());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      onTestFinished(() => {
        server.closeAllConnections();
        server.close();
      });
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, halfSent };
    }

    it('timeout while the body is arriving', async () => {
      const { url, halfSent } = await stallingMidBody();
      const pending = errorOf(loopback.client({ baseUrl: url, retry: NO_RETRY, timeoutMs: 5_000 }).accounts());
      await halfSent;
      await new Promise((resolve) => setTimeout(resolve, 20)); // for the half body to reach the client
      loopback.clock.advance(5_000);
      expect(await pending).toMatchObject({ kind: 'timeout', category: 'connectivity', retryable: true });
    });

    it('aborted by the caller while the body is arriving', async () => {
      const { url, halfSent } = await stallingMidBody();
      const controller = new AbortController();
      const pending = errorOf(loopback.client({ baseUrl: url, retry: NO_RETRY }).accounts(controller.signal));
      await halfSent;
      await new Promise((resolve) => setTimeout(resolve, 20)); // for the half body to reach the client
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted', category: 'aborted', retryable: false });
    });

    it('already aborted: nothing is sent', async () => {
      const controller = new AbortController();
      controller.abort();
      expect((await errorOf(loopback.client().accounts(controller.signal))).kind).toBe('aborted');
      expect(loopback.exchange.requestCount('accounts')).toBe(0);
    });
  });

  describe('credentials refused before any request', () => {
    it.each([
      ['an empty secret', { apiSecret: '' }, 'invalidSecret'],
      ['a padded secret', { apiSecret: ' c2VjcmV0' }, 'invalidSecret'],
      ['a secret that is not base64', { apiSecret: 'not base64 at all!' }, 'invalidSecret'],
      ['an empty key', { apiKey: '' }, 'invalidApiKey'],
      ['a padded key', { apiKey: 'key\n' }, 'invalidApiKey'],
    ])('%s', async (_name, override, kind) => {
      const client = loopback.client({ getCredentials: async () => ({ ...loopback.credentials, ...override }) });
      expect(await errorOf(client.accounts())).toMatchObject({ kind, category: 'credentials', retryable: false });
      expect(await errorOf(client.checkKey())).toMatchObject({ kind });
      expect(loopback.exchange.requestCount('accounts')).toBe(0);
      expect(loopback.exchange.requestCount('keyCheck')).toBe(0);
    });

    it('a keychain failure passes through untouched and is not retried', async () => {
      const locked = new Error('keychain locked');
      const client = loopback.client({ getCredentials: async () => Promise.reject(locked) });
      await expect(client.accounts()).rejects.toBe(locked);
    });

    it('the client without getCredentials still reads public tickers', async () => {
      const client = new KrakenClient({ baseUrl: loopback.server.url, appVersion: '1', clock: loopback.clock });
      expect((await client.tickers()).map((t) => t.symbol)).toContain('pf_xbtusd');
      await expect(client.accounts()).rejects.toThrow(TypeError);
    });
  });
});
