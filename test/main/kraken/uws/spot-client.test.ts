import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrakenError } from '../../../../src-main/kraken/errors.ts';
import { NonceSequences } from '../../../../src-main/kraken/nonce.ts';
import { SimulatedExchange } from '../../../../src-main/kraken/simulator/exchange.ts';
import { listen, type RunningServer } from '../../../../src-main/kraken/simulator/server.ts';
import { LOCKOUT_AFTER } from '../../../../src-main/kraken/simulator/spot-handler.ts';
import { SpotClient, WebSocketToken } from '../../../../src-main/kraken/uws/spot-client.ts';
import { spotError } from '../../../../src-main/kraken/uws/spot-errors.ts';
import { redactText } from '../../../../src-main/log/redact.ts';
import { ManualClock } from '../manual-clock.ts';
import { expectRedacted } from '../redaction.ts';

interface Setup {
  readonly clock: ManualClock;
  readonly exchange: SimulatedExchange;
  readonly server: RunningServer;
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
  /** Headers and body of every request the server received. */
  readonly sent: { headers: Headers; body: string }[];
  client(credentials?: { readonly apiKey: string; readonly apiSecret: string }, nonces?: NonceSequences): SpotClient;
}

let setup: Setup;

beforeEach(async () => {
  const clock = new ManualClock(Date.UTC(2026, 11, 6, 8));
  const exchange = new SimulatedExchange({ clock });
  const credentials = exchange.addKey();
  const sent: { headers: Headers; body: string }[] = [];
  const server = await listen(async (request) => {
    sent.push({ headers: request.headers, body: await request.clone().text() });
    return exchange.handle(request);
  });
  const shared = new NonceSequences(clock);
  setup = {
    clock,
    exchange,
    server,
    credentials,
    sent,
    client: (keys = credentials, nonces = shared) =>
      new SpotClient({ baseUrl: server.url, appVersion: '1.2.3', getCredentials: async () => keys, nonces, clock, timeoutMs: 3_600_000 }),
  };
});

afterEach(async () => {
  await setup.server.close();
});

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KrakenError);
    return error as KrakenError;
  }
  throw new Error('expected a failure');
}

/** Every value a log or an error must never contain: the secret, each API-Sign, each token issued. */
function sensitive(tokens: readonly string[] = []): string[] {
  return [setup.credentials.apiSecret, ...setup.sent.map(({ headers }) => headers.get('api-sign') ?? '').filter((v) => v !== ''), ...tokens];
}

describe('SpotClient.webSocketToken over loopback HTTP', () => {
  it('POSTs a signed nonce form with API-Key, API-Sign and a User-Agent and returns the token', async () => {
    const token = await setup.client().webSocketToken();
    expect(token.value.length).toBeGreaterThan(20);
    expect(token.expiresInSeconds).toBe(900);
    const [request] = setup.sent;
    expect(request?.body).toMatch(/^nonce=\d+$/);
    expect(request?.headers.get('api-key')).toBe(setup.credentials.apiKey);
    expect(request?.headers.get('user-agent')).toBe('MarginDesk/1.2.3');
    expect(request?.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(setup.exchange.uwsTokens.issuedCount).toBe(1);
  });

  it('registers the token and the API-Sign with the log redactor, so even a piece of either is masked in a log line', async () => {
    const token = await setup.client().webSocketToken();
    const signature = setup.sent[0]?.headers.get('api-sign') ?? '';
    expect(signature).not.toBe('');
    for (const value of [token.value, signature]) expect(redactText(`piece: ${value.slice(0, 24)}`)).not.toContain(value.slice(0, 24));
  });

  it('hands out a new token for every call, with increasing nonces', async () => {
    const client = setup.client();
    const tokens = [await client.webSocketToken(), await client.webSocketToken(), await client.webSocketToken()];
    expect(new Set(tokens.map((t) => t.value)).size).toBe(3);
    const nonces = setup.sent.map(({ body }) => BigInt(body.slice('nonce='.length)));
    expect(nonces[1]! > nonces[0]!).toBe(true);
    expect(nonces[2]! > nonces[1]!).toBe(true);
  });

  it('sends the requests of one key one at a time, so concurrent calls are not refused for their nonce', async () => {
    const client = setup.client();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => client.webSocketToken()));
    expect(new Set(tokens.map((t) => t.value)).size).toBe(8);
  });

  it('never shows the token in JSON, String or util.inspect', async () => {
    const token = await setup.client().webSocketToken();
    for (const view of [JSON.stringify({ token }), String(token), inspect(token), inspect({ token }, { depth: 5, showHidden: true })]) {
      expect(view).not.toContain(token.value);
    }
    expect(token).toBeInstanceOf(WebSocketToken);
  });

  it('an unknown key is spotInvalidKey, a credentials error that is not retried', async () => {
    const error = await failure(setup.client({ apiKey: 'unknown-key', apiSecret: setup.credentials.apiSecret }).webSocketToken());
    expect(error).toMatchObject({ kind: 'spotInvalidKey', category: 'credentials', retryable: false, code: 'EAPI:Invalid key' });
    expectRedacted(error, sensitive());
  });

  it('a wrong secret is spotInvalidSignature', async () => {
    const wrong = Buffer.from('a different secret of the right shape, 64 bytes long, for tests!').toString('base64');
    const error = await failure(setup.client({ apiKey: setup.credentials.apiKey, apiSecret: wrong }).webSocketToken());
    expect(error).toMatchObject({ kind: 'spotInvalidSignature', category: 'credentials', retryable: false });
    expectRedacted(error, [...sensitive(), wrong]);
  });

  it('a nonce at or below the last accepted one is spotInvalidNonce (another program on the key)', async () => {
    await setup.client().webSocketToken();
    // a second app instance with its own, unpersisted nonce sequence and a clock set back an hour
    const setBack = new ManualClock(setup.clock.now() - 3_600_000);
    const error = await failure(setup.client(setup.credentials, new NonceSequences(setBack)).webSocketToken());
    expect(error).toMatchObject({ kind: 'spotInvalidNonce', category: 'credentials', retryable: false, code: 'EAPI:Invalid nonce' });
    expect(error.action).toMatch(/key for Margin Desk alone/);
  });

  it('a key without the WebSocket permission is spotPermissionDenied with the permission to turn on', async () => {
    const keys = setup.exchange.addKey({ spotPermissions: ['query-funds'] });
    const error = await failure(setup.client(keys).webSocketToken());
    expect(error).toMatchObject({ kind: 'spotPermissionDenied', category: 'credentials', retryable: false });
    expect(error.action).toContain('Access WebSockets API');
  });

  it(`locks a key out after ${LOCKOUT_AFTER} refused signatures; the lockout is never retryable`, async () => {
    const wrong = Buffer.from('a different secret of the right shape, 64 bytes long, for tests!').toString('base64');
    const bad = setup.client({ apiKey: setup.credentials.apiKey, apiSecret: wrong });
    for (let i = 0; i < LOCKOUT_AFTER; i++) await failure(bad.webSocketToken());
    const error = await failure(setup.client().webSocketToken());
    expect(error).toMatchObject({ kind: 'spotTemporaryLockout', category: 'credentials', retryable: false, code: 'EGeneral:Temporary lockout' });
    expect(error.action).toMatch(/does not retry by itself/);
  });

  it.each([
    ['EService:Unavailable', 'spotServiceUnavailable', 'connectivity'],
    ['EService:Busy', 'spotServiceUnavailable', 'connectivity'],
    ['EAPI:Rate limit exceeded', 'spotRateLimited', 'rateLimit'],
    ['EGeneral:Too many requests', 'spotRateLimited', 'rateLimit'],
  ])('%s is transient (%s)', async (code, kind, category) => {
    setup.exchange.injectFault({ kind: 'errorCode', code }, { endpoint: 'wsToken' });
    const error = await failure(setup.client().webSocketToken());
    expect(error).toMatchObject({ kind, category, retryable: true, code });
  });

  it('an HTTP error page or a cut-off body is a typed transport error', async () => {
    setup.exchange.injectFault({ kind: 'html', status: 503 }, { endpoint: 'wsToken' });
    expect(await failure(setup.client().webSocketToken())).toMatchObject({ kind: 'htmlBody', retryable: true });
    setup.exchange.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 3 }, { endpoint: 'wsToken' });
    expect(await failure(setup.client().webSocketToken())).toMatchObject({ kind: 'httpTooManyRequests', retryAfterMs: 3000 });
    setup.exchange.injectFault({ kind: 'body', body: '{"error":[],"result":{"token":""}}' }, { endpoint: 'wsToken' });
    expect(await failure(setup.client().webSocketToken())).toMatchObject({ kind: 'schemaMismatch' });
  });

  it('refuses an unencrypted address that is not this machine, before asking for the secret', async () => {
    let asked = false;
    const client = new SpotClient({
      baseUrl: 'http://api.kraken.com.example',
      appVersion: '1.2.3',
      getCredentials: async () => {
        asked = true;
        return setup.credentials;
      },
      nonces: new NonceSequences(setup.clock),
    });
    expect(await failure(client.webSocketToken())).toMatchObject({ kind: 'uwsInsecureAddress', retryable: false });
    expect(asked).toBe(false);
  });

  it('refuses an empty secret before sending anything', async () => {
    const error = await failure(setup.client({ apiKey: setup.credentials.apiKey, apiSecret: '' }).webSocketToken());
    expect(error.kind).toBe('invalidSecret');
    expect(setup.sent).toEqual([]);
  });
});

describe('SpotClient.apiKeyInfo', () => {
  it("returns the key's name and permissions", async () => {
    const keys = setup.exchange.addKey({ spotPermissions: ['websocket', 'query-funds'] });
    const info = await setup.client(keys).apiKeyInfo();
    expect(info?.permissions).toEqual(['websocket', 'query-funds']);
    expect(info?.name).toMatch(/^Simulated key/);
  });

  it('is null where the method does not exist (404)', async () => {
    setup.exchange.injectFault({ kind: 'status', status: 404 }, { endpoint: 'apiKeyInfo' });
    expect(await setup.client().apiKeyInfo()).toBeNull();
  });

  it('still reports a refused key', async () => {
    const error = await failure(setup.client({ apiKey: 'nope', apiSecret: setup.credentials.apiSecret }).apiKeyInfo());
    expect(error.kind).toBe('spotInvalidKey');
  });
});

describe('spotError', () => {
  it('caps an unknown error string and keeps it out of the kind', () => {
    const error = spotError(`EFuture:${'x'.repeat(500)}`, 200);
    expect(error.kind).toBe('spotUnrecognisedError');
    expect(error.message.length).toBeLessThan(160);
  });

  it('reads only own documented codes (no prototype keys)', () => {
    expect(spotError('constructor', 200).kind).toBe('spotUnrecognisedError');
  });
});
