/**
 * Prices of the simulated exchange: a mark price per listed contract, and a USD rate per currency
 * (from the currency's linear perpetual when listed, else a fixed rate such as EUR's). Every change
 * bumps `version`, which invalidates the exchange's rendered responses.
 */
import { ONE, toDecimal } from '../../../src-shared/decimal.ts';
import { normaliseCurrencyCode } from '../currency.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';

export class Market {
  readonly #marks = new Map<string, Decimal>();
  readonly #usdRates = new Map<string, Decimal>();
  #version = 0;
  #onChange: (() => void) | null = null;

  /** Called after every price change (the exchange pushes Unified WebSocket updates from it). */
  onChange(listener: () => void): void {
    this.#onChange = listener;
  }

  get version(): number {
    return this.#version;
  }

  /** Lists `symbol` (any case) at `price`, or moves its mark price. */
  setMarkPrice(symbol: string, price: Decimal | string | number): void {
    this.#marks.set(symbol.toLowerCase(), toDecimal(price));
    this.#version++;
    this.#onChange?.();
  }

  /** USD value of one unit of a currency not traded as a linear perpetual here (EUR, GBP, USDT…). */
  setUsdRate(currency: string, rate: Decimal | string | number): void {
    this.#usdRates.set(normaliseCurrencyCode(currency), toDecimal(rate));
    this.#version++;
    this.#onChange?.();
  }

  symbols(): string[] {
    return [...this.#marks.keys()];
  }

  markPrice(symbol: string): Decimal {
    const price = this.#marks.get(symbol.toLowerCase());
    if (price === undefined) throw new RangeError(`The simulated exchange does not list ${symbol}`);
    return price;
  }

  /** USD per unit of `currency` (any code style: xbt, XBT, BTC). */
  usdPrice(currency: string): Decimal {
    const code = normaliseCurrencyCode(currency);
    if (code === 'USD') return ONE;
    const krakenBase = code === 'BTC' ? 'xbt' : code.toLowerCase();
    const perpetual = this.#marks.get(`pf_${krakenBase}usd`);
    if (perpetual !== undefined) return perpetual;
    const rate = this.#usdRates.get(code);
    if (rate === undefined) throw new RangeError(`The simulated exchange has no USD price for ${currency}`);
    return rate;
  }
}
