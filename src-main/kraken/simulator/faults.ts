/**
 * Faults the simulated exchange serves on demand, each for a number of requests to one endpoint
 * (or any): slow answers, HTTP errors, maintenance pages, cut-off bodies, Kraken error codes and
 * broken connections.
 */
export type SimEndpoint = 'accounts' | 'subaccounts' | 'openpositions' | 'tickers' | 'instruments' | 'keyCheck' | SpotEndpoint;

/** The Spot REST endpoints of the Unified WebSocket: `GetWebSocketsToken` and `GetApiKeyInfo`. */
export type SpotEndpoint = 'wsToken' | 'apiKeyInfo';

export type Fault =
  /** Answer only after `ms` (on the exchange's clock); combines with the other faults. */
  | { readonly kind: 'latency'; readonly ms: number }
  /** This HTTP status with a short plain-text body (e.g. 500, 502, 503, 429, 403). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** A proxy's HTML maintenance page. */
  | { readonly kind: 'html'; readonly status?: number }
  /** The normal answer cut in half (with a matching Content-Length). */
  | { readonly kind: 'truncated' }
  /** `{"result":"error","error":code}` (Spot: `{"error":[code]}`), HTTP 200 unless given. */
  | { readonly kind: 'errorCode'; readonly code: string; readonly status?: number }
  /** Any body instead of the real one: a broken figure, an extra field, a seed document verbatim. */
  | { readonly kind: 'body'; readonly body: string; readonly status?: number; readonly contentType?: string }
  /** Connection closed before any answer. */
  | { readonly kind: 'reset' }
  /** Connection closed halfway through the body. */
  | { readonly kind: 'drop' };

interface FaultRule {
  readonly fault: Fault;
  readonly endpoint: SimEndpoint | 'any';
  remaining: number;
}

export interface FaultScope {
  /** Which endpoint (default any). */
  readonly endpoint?: SimEndpoint | 'any';
  /** How many requests (default 1; Infinity until cleared). */
  readonly times?: number;
}

export class FaultPlan {
  #rules: FaultRule[] = [];

  add(fault: Fault, scope: FaultScope = {}): void {
    this.#rules.push({ fault, endpoint: scope.endpoint ?? 'any', remaining: scope.times ?? 1 });
  }

  clear(): void {
    this.#rules = [];
  }

  /** The faults of one request to `endpoint`: every matching latency, and the first other fault. */
  take(endpoint: SimEndpoint): Fault[] {
    const taken: Fault[] = [];
    let failure = false;
    for (const rule of this.#rules) {
      if (rule.endpoint !== 'any' && rule.endpoint !== endpoint) continue;
      if (rule.fault.kind !== 'latency') {
        if (failure) continue;
        failure = true;
      }
      taken.push(rule.fault);
      rule.remaining--;
    }
    this.#rules = this.#rules.filter((rule) => rule.remaining > 0);
    return taken;
  }
}
