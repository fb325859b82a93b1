/**
 * The preset behind the app's built-in Sample profile: a simulated exchange whose prices drift
 * over time (slow and fast waves, so figures change between refreshes), a master account with a
 * leveraged flex account (margin ratio swinging around the warning level), a single-collateral
 * BTC wallet with a liquidation estimate, and a few subaccounts; plus a data source that reaches it
 * through the real client in-process (signing, parsing, the budget), with no socket and no key of
 * the user's.
 */
import { KrakenClient, type KrakenCredentials } from '../client.ts';
import { systemClock, type Clock } from '../../../src-shared/clock.ts';
import type { AccountDataSource } from '../data-source.ts';
import { toDecimal } from '../../../src-shared/decimal.ts';
import { RestDataSource } from '../rest-data-source.ts';
import { SimulatedExchange } from './exchange.ts';
import type { Market } from './market.ts';
import { REAL_2026_STYLE } from './render.ts';

/** Credentials of the sample exchange only: they open nothing anywhere else. */
export const SAMPLE_CREDENTIALS: KrakenCredentials = {
  apiKey: 'sample-exchange-public-key',
  apiSecret: Buffer.from('Margin Desk sample exchange: this key opens nothing but the simulator.').toString('base64'),
};

/** In-process only: requests never leave the process, the URL just has to parse. */
const SAMPLE_URL = 'http://sample-exchange.invalid';

const BASE_PRICES: Readonly<Record<string, number>> = { xbt: 64_000, eth: 3_200 };
const SLOW_WAVE_MS = 20 * 60_000;
const FAST_WAVE_MS = 3 * 60_000;

/** ±3 % over 20 minutes plus ±1 % over 3 minutes, different phase per coin. */
function driftingPrices(market: Market, now: number): void {
  let phase = 0;
  for (const [coin, base] of Object.entries(BASE_PRICES)) {
    const wave = 0.03 * Math.sin((2 * Math.PI * now) / SLOW_WAVE_MS + phase) + 0.01 * Math.sin((2 * Math.PI * now) / FAST_WAVE_MS + 2 * phase);
    const price = toDecimal((base * (1 + wave)).toFixed(1));
    market.setMarkPrice(`pf_${coin}usd`, price);
    market.setMarkPrice(`pi_${coin}usd`, price);
    phase += 1.3;
  }
}

export function createSampleExchange(options: { readonly clock?: Clock } = {}): SimulatedExchange {
  const exchange = new SimulatedExchange({ clock: options.clock ?? systemClock, seed: 2026, style: REAL_2026_STYLE, priceDriver: driftingPrices });
  driftingPrices(exchange.market, exchange.clock.now());
  exchange.setUsdRate('EUR', '1.08');
  exchange.setUsdRate('GBP', '1.27');
  exchange.setCash('xbt', '0.5');
  exchange.setCash('usd', '1200');
  exchange.deposit('USD', '10000');
  exchange.deposit('BTC', '0.25');
  exchange.deposit('EUR', '5000');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '8', entryPrice: '63500' });
  exchange.openPosition({ symbol: 'pf_ethusd', size: '-60', entryPrice: '3150' });
  exchange.setWalletBalance('xbt', '0.05');
  exchange.openPosition({ symbol: 'pi_xbtusd', size: '10000', entryPrice: '61000' });
  exchange.addSubaccounts(3);
  exchange.addKey(SAMPLE_CREDENTIALS);
  return exchange;
}

/** The Sample profile's data source: the real client against the sample exchange, in-process. */
export function createSampleDataSource(options: { readonly appVersion: string; readonly exchange?: SimulatedExchange }): AccountDataSource {
  const exchange = options.exchange ?? createSampleExchange();
  const client = new KrakenClient({
    baseUrl: SAMPLE_URL,
    appVersion: options.appVersion,
    fetch: exchange.fetch,
    clock: exchange.clock,
    getCredentials: async () => SAMPLE_CREDENTIALS,
  });
  return new RestDataSource({ clientFor: () => client, clock: exchange.clock });
}
