/**
 * The simulated exchange's Spot REST: `POST /0/private/GetWebSocketsToken` and
 * `POST /0/private/GetApiKeyInfo`, with Kraken's authentication checked exactly: `API-Key` must be
 * known, `API-Sign` must be the signature of the path and SHA-256(nonce + body) (../uws/spot-sign.ts),
 * and the body's nonce larger than the last one accepted for the key (`EAPI:Invalid nonce`).
 *
 * Assumptions where Kraken documents nothing: after LOCKOUT_AFTER refused signatures or nonces in a
 * row a key is locked out (`EGeneral:Temporary lockout`) for LOCKOUT_MS, and a missing User-Agent
 * gets a 403 as on the Futures side.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeApiSign } from '../uws/spot-sign.ts';
import type { SimulatedExchange } from './exchange.ts';
import type { Fault, SpotEndpoint } from './faults.ts';
import type { SimKey } from './keys.ts';
import { TOKEN_LIFETIME_SECONDS } from './uws-tokens.ts';

export const SPOT_ROUTES: Readonly<Record<string, SpotEndpoint>> = {
  '/0/private/GetWebSocketsToken': 'wsToken',
  '/0/private/GetApiKeyInfo': 'apiKeyInfo',
};

export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MS = 5 * 60_000;

function spotBody(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function spotErrorResponse(code: string, status = 200): Response {
  return spotBody(status, { error: [code] });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface KeyRecord {
  lastNonce: bigint;
  refusals: number;
  lockedUntil: number;
}

export class SpotRestHandler {
  readonly #exchange: SimulatedExchange;
  readonly #records = new Map<string, KeyRecord>();

  constructor(exchange: SimulatedExchange) {
    this.#exchange = exchange;
  }

  async handle(request: Request, endpoint: SpotEndpoint, failure: Fault | undefined): Promise<Response> {
    if (request.method !== 'POST') return new Response('Method Not Allowed', { status: 405 });
    if (!request.headers.get('user-agent')) return new Response('Forbidden', { status: 403 });
    if (failure?.kind === 'errorCode') return spotErrorResponse(failure.code, failure.status);
    const body = await request.text();
    const verdict = this.#authenticate(new URL(request.url).pathname, request.headers, body);
    if (verdict instanceof Response) return verdict;
    if (endpoint === 'apiKeyInfo') {
      return spotBody(200, { error: [], result: { name: `Simulated key ${verdict.apiKey.slice(0, 6)}`, permissions: verdict.spotPermissions } });
    }
    if (!verdict.spotPermissions.includes('websocket')) return spotErrorResponse('EGeneral:Permission denied');
    const token = this.#exchange.uwsTokens.issue(verdict.accountUid);
    return spotBody(200, { error: [], result: { token, expires: TOKEN_LIFETIME_SECONDS } });
  }

  #record(apiKey: string): KeyRecord {
    let record = this.#records.get(apiKey);
    if (record === undefined) {
      record = { lastNonce: -1n, refusals: 0, lockedUntil: 0 };
      this.#records.set(apiKey, record);
    }
    return record;
  }

  #refuse(record: KeyRecord, code: string): Response {
    record.refusals++;
    if (record.refusals >= LOCKOUT_AFTER) record.lockedUntil = this.#exchange.clock.now() + LOCKOUT_MS;
    return spotErrorResponse(code);
  }

  #authenticate(path: string, headers: Headers, body: string): SimKey | Response {
    const apiKey = headers.get('api-key');
    const apiSign = headers.get('api-sign');
    const key = apiKey === null ? undefined : this.#exchange.key(apiKey);
    if (key === undefined || apiKey === null) return spotErrorResponse('EAPI:Invalid key');
    const record = this.#record(apiKey);
    if (this.#exchange.clock.now() < record.lockedUntil) return spotErrorResponse('EGeneral:Temporary lockout');
    const nonce = new URLSearchParams(body).get('nonce');
    if (nonce === null || !/^\d{1,20}$/.test(nonce)) return spotErrorResponse('EAPI:Invalid nonce');
    if (apiSign === null || !sameText(computeApiSign(key.apiSecret, path, nonce, body), apiSign)) return this.#refuse(record, 'EAPI:Invalid signature');
    const value = BigInt(nonce);
    if (value <= record.lastNonce) return this.#refuse(record, 'EAPI:Invalid nonce');
    record.lastNonce = value;
    record.refusals = 0;
    return key;
  }
}
