/**
 * A simulated exchange on real loopback HTTP and a client pointed at it, both on a ManualClock. The
 * client sends through its default node:http transport, or through the global fetch; the server
 * side remembers every request's headers (to prove no Authent leaks).
 */
import { CostBudgets } from '../../../src-main/kraken/budget.ts';
import { KrakenClient, type KrakenClientOptions } from '../../../src-main/kraken/client.ts';
import { NonceSequences } from '../../../src-main/kraken/nonce.ts';
import { SimulatedExchange, type SimulatedExchangeOptions } from '../../../src-main/kraken/simulator/exchange.ts';
import { listen, type RunningServer } from '../../../src-main/kraken/simulator/server.ts';
import { ManualClock } from './manual-clock.ts';

export interface Loopback {
  readonly clock: ManualClock;
  readonly exchange: SimulatedExchange;
  readonly server: RunningServer;
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
  /** Headers of every request the server received. */
  readonly sent: Headers[];
  readonly budgets: CostBudgets;
  client(options?: Partial<KrakenClientOptions>): KrakenClient;
  close(): Promise<void>;
}

export type TransportChoice = 'node:http' | 'fetch';

export async function startLoopback(options: SimulatedExchangeOptions = {}, transport: TransportChoice = 'node:http'): Promise<Loopback> {
  const clock = new ManualClock();
  const exchange = new SimulatedExchange({ clock, ...options });
  exchange.setMarkPrice('pf_xbtusd', '60000');
  exchange.setMarkPrice('pi_xbtusd', '60000');
  exchange.setMarkPrice('pf_ethusd', '3000');
  exchange.setUsdRate('EUR', '1.1');
  const credentials = exchange.addKey();
  const sent: Headers[] = [];
  const server = await listen((request) => {
    sent.push(request.headers);
    return exchange.handle(request);
  });
  // Shared by every client of the key, as in the app: budgets and nonces are per key, not per client.
  const budgets = new CostBudgets(clock);
  const nonces = new NonceSequences(clock);
  return {
    clock,
    exchange,
    server,
    credentials,
    sent,
    budgets,
    client: (overrides = {}) =>
      new KrakenClient({
        baseUrl: server.url,
        appVersion: '1.2.3',
        getCredentials: async () => credentials,
        ...(transport === 'fetch' ? { fetch: (input: string, init: RequestInit) => fetch(input, init) } : {}),
        clock,
        budgets,
        nonces,
        random: () => 0.5,
        // Long enough that ManualClock.run never jumps over it; timeout tests set their own.
        timeoutMs: 3_600_000,
        ...overrides,
      }),
    close: () => server.close(),
  };
}
