/**
 * The simulated exchange's request handler: routes, faults, Kraken's authentication (APIKey,
 * Authent over the path without `/derivatives`, optional increasing Nonce), the cost budget, and
 * the rendered bodies.
 *
 * Where Kraken's behaviour is not documented, the simulator makes an assumption, noted here:
 * - a key without `general` access gets `authenticationError` on private endpoints;
 * - a subaccount's key asking for `/subaccounts` gets `notFound`;
 * - the key check answers 401 `{error, message, suberror}` for an unknown key or a wrong signature
 *   (documented), the futures endpoints `authenticationError` with HTTP 200 (observed).
 */
import { timingSafeEqual } from 'node:crypto';
import { BUDGET_WINDOW_MS, CostBudgets, ENDPOINT_COST } from '../budget.ts';
import { computeAuthent } from '../sign.ts';
import type { SimulatedExchange } from './exchange.ts';
import type { Fault, SimEndpoint } from './faults.ts';
import type { SimKey } from './keys.ts';
import { renderAccounts, renderInstruments, renderOpenPositions, renderSubaccounts, renderTickers } from './render.ts';
import { SPOT_ROUTES, SpotRestHandler } from './spot-handler.ts';

interface Route {
  readonly endpoint: SimEndpoint;
  readonly cost: number;
  readonly signed: boolean;
  /** `futures`: result envelope and serverTime; `auth`: the auth service's plain bodies. */
  readonly envelope: 'futures' | 'auth';
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/derivatives/api/v3/accounts': { endpoint: 'accounts', cost: ENDPOINT_COST.accounts, signed: true, envelope: 'futures' },
  '/derivatives/api/v3/subaccounts': { endpoint: 'subaccounts', cost: ENDPOINT_COST.subaccounts, signed: true, envelope: 'futures' },
  '/derivatives/api/v3/openpositions': { endpoint: 'openpositions', cost: ENDPOINT_COST.openpositions, signed: true, envelope: 'futures' },
  '/derivatives/api/v3/tickers': { endpoint: 'tickers', cost: ENDPOINT_COST.tickers, signed: false, envelope: 'futures' },
  '/derivatives/api/v3/instruments': { endpoint: 'instruments', cost: ENDPOINT_COST.instruments, signed: false, envelope: 'futures' },
  '/api/auth/v1/api-keys/v3/check': { endpoint: 'keyCheck', cost: ENDPOINT_COST.keyCheck, signed: true, envelope: 'auth' },
};

const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Kraken Futures - Maintenance</title></head><body><h1>We are down for scheduled maintenance</h1></body></html>';

function textResponse(status: number, body: string, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': contentType, ...headers } });
}

function jsonResponse(status: number, body: string): Response {
  return textResponse(status, body, 'application/json');
}

/** What fetch rejects with when the peer closes the connection. */
function connectionReset(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
}

/** A body that breaks off halfway, as when the connection drops mid-transfer. */
function droppingResponse(body: string): Response {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
      controller.error(connectionReset());
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class RequestHandler {
  readonly #exchange: SimulatedExchange;
  readonly #budgets: CostBudgets;
  readonly #lastNonce = new Map<string, bigint>();
  readonly #rendered = new Map<string, string>();
  readonly #counts = new Map<SimEndpoint, number>();
  readonly #spot: SpotRestHandler;
  #renderedVersion = '';

  constructor(exchange: SimulatedExchange) {
    this.#exchange = exchange;
    this.#spot = new SpotRestHandler(exchange);
    // Kraken's own window, exactly
    this.#budgets = new CostBudgets(exchange.clock, BUDGET_WINDOW_MS);
  }

  /** Requests received for `endpoint` (whatever their outcome). */
  requestCount(endpoint: SimEndpoint): number {
    return this.#counts.get(endpoint) ?? 0;
  }

  /** Counts the request and serves its latency faults; the first other fault, if any. */
  async #faultsOf(endpoint: SimEndpoint, request: Request): Promise<Fault | undefined> {
    this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 0) + 1);
    const faults = this.#exchange.faults.take(endpoint);
    for (const fault of faults) if (fault.kind === 'latency') await this.#exchange.clock.sleep(fault.ms, request.signal);
    const failure = faults.find((fault) => fault.kind !== 'latency');
    if (failure?.kind === 'reset') throw connectionReset();
    return failure;
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const spot = SPOT_ROUTES[url.pathname];
    if (spot !== undefined) {
      const failure = await this.#faultsOf(spot, request);
      const injected = failure === undefined || failure.kind === 'errorCode' ? null : this.#faultResponse(failure, null);
      return injected ?? this.#spot.handle(request, spot, failure);
    }
    const route = ROUTES[url.pathname];
    if (route === undefined || request.method !== 'GET') return textResponse(404, 'Not Found', 'text/plain');

    const failure = await this.#faultsOf(route.endpoint, request);
    // A 2026 report: Kraken answers 403 to requests without a User-Agent.
    if (!request.headers.get('user-agent')) return textResponse(403, 'Forbidden', 'text/plain');
    const injected = failure === undefined ? null : this.#faultResponse(failure, route);
    if (injected !== null) return injected;

    let key: SimKey | null = null;
    if (route.signed) {
      const verdict = this.#authenticate(route, url, request.headers);
      if (verdict instanceof Response) return verdict;
      key = verdict;
    }
    if (key !== null && route.cost > 0 && !this.#budgets.for(key.apiKey).tryConsume(route.cost)) {
      return this.#krakenError('apiLimitExceeded', 200);
    }
    const body = this.#body(route, key);
    if (typeof body !== 'string') return body;
    if (failure?.kind === 'truncated') return jsonResponse(200, body.slice(0, Math.floor(body.length / 2)));
    if (failure?.kind === 'drop') return droppingResponse(body);
    return jsonResponse(200, body);
  }

  /** `route` null: a Spot endpoint, whose error codes ./spot-handler.ts renders. */
  #faultResponse(fault: Fault, route: Route | null): Response | null {
    switch (fault.kind) {
      case 'status': {
        const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        return textResponse(fault.status, `Error ${fault.status}`, 'text/plain', headers);
      }
      case 'html':
        return textResponse(fault.status ?? 503, MAINTENANCE_PAGE, 'text/html; charset=utf-8');
      case 'body':
        return textResponse(fault.status ?? 200, fault.body, fault.contentType ?? 'application/json');
      case 'errorCode':
        if (route === null) return null;
        if (route.envelope === 'auth') {
          return jsonResponse(fault.status ?? 400, JSON.stringify({ error: fault.code, message: fault.code, suberror: null }));
        }
        return this.#krakenError(fault.code, fault.status ?? 200);
      default:
        return null;
    }
  }

  #serverTime(): string {
    return new Date(this.#exchange.clock.now()).toISOString();
  }

  #krakenError(code: string, status: number): Response {
    return jsonResponse(status, JSON.stringify({ result: 'error', error: code, serverTime: this.#serverTime() }));
  }

  /** The key, or the refusal Kraken would send. */
  #authenticate(route: Route, url: URL, headers: Headers): SimKey | Response {
    const refuse = () =>
      route.envelope === 'auth'
        ? jsonResponse(401, JSON.stringify({ error: 'unauthorized', message: 'API key not found or request signature invalid', suberror: null }))
        : this.#krakenError('authenticationError', 200);
    const apiKey = headers.get('apikey');
    const authent = headers.get('authent');
    const key = apiKey === null ? undefined : this.#exchange.key(apiKey);
    if (key === undefined || authent === null) return refuse();
    const nonce = headers.get('nonce') ?? '';
    // postData of a GET is the query string exactly as sent; the path is signed without /derivatives.
    const expected = computeAuthent(key.apiSecret, url.pathname, url.search.slice(1), nonce);
    if (!sameText(expected, authent)) return refuse();
    if (nonce !== '') {
      if (!/^\d{1,30}$/.test(nonce)) return this.#krakenError('invalidArgument', 200);
      const value = BigInt(nonce);
      const last = this.#lastNonce.get(key.apiKey);
      if (last !== undefined && value === last) return this.#krakenError('nonceDuplicate', 200);
      if (last !== undefined && value < last) return this.#krakenError('nonceBelowThreshold', 200);
      this.#lastNonce.set(key.apiKey, value);
    }
    if (route.endpoint !== 'keyCheck' && key.permissions.general === 'NO_ACCESS') return refuse();
    return key;
  }

  /** The success body, rendered once per state version and account; or Kraken's refusal. */
  #body(route: Route, key: SimKey | null): string | Response {
    const exchange = this.#exchange;
    if (route.endpoint === 'keyCheck' && key !== null) {
      const { apiKey, accountUid, createdAt, permissions } = key;
      return JSON.stringify({ apiKey, accountUid, iiban: null, createdAt, permissions });
    }
    if (route.endpoint === 'subaccounts' && key?.accountUid !== exchange.masterUid) return this.#krakenError('notFound', 200);
    if (this.#renderedVersion !== exchange.version) {
      this.#rendered.clear();
      this.#renderedVersion = exchange.version;
    }
    const cacheKey = `${route.endpoint}:${key?.accountUid ?? ''}`;
    let rendered = this.#rendered.get(cacheKey);
    if (rendered === undefined) {
      rendered = JSON.stringify(this.#render(route.endpoint, key));
      this.#rendered.set(cacheKey, rendered);
    }
    // Kraken sends serverTime last; appended here so the rendered body can be reused.
    return `${rendered.slice(0, -1)},"serverTime":${JSON.stringify(this.#serverTime())}}`;
  }

  #render(endpoint: SimEndpoint, key: SimKey | null): unknown {
    const exchange = this.#exchange;
    const context = exchange.renderContext();
    const account = key === null ? undefined : exchange.account(key.accountUid);
    switch (endpoint) {
      case 'tickers':
        return renderTickers(context);
      case 'instruments':
        return renderInstruments(context);
      case 'subaccounts':
        return renderSubaccounts(exchange.masterUid, exchange.subaccounts(), context);
      case 'accounts':
      case 'openpositions':
        if (account === undefined) throw new RangeError('A key without an account');
        return endpoint === 'accounts' ? renderAccounts(account, context) : renderOpenPositions(account, context);
      default:
        throw new RangeError(`Nothing to render for ${endpoint}`);
    }
  }
}
