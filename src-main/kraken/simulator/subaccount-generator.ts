/**
 * Deterministic subaccounts for the simulated exchange: the same seed gives the same UIDs, names,
 * holdings and positions, so a 1,000-subaccount benchmark or a screenshot is reproducible.
 * About a quarter have no name (a null fullName, as the spec allows), half a single-collateral
 * wallet, most a flex account, some with positions using margin.
 */
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { SimAccount, SimPosition } from './accounts.ts';
import type { Market } from './market.ts';
import { randomUuid, type Random } from './random.ts';

/** A random amount in [0, max) with `decimals` places, as an exact decimal. */
function amount(random: Random, max: number, decimals: number): Decimal {
  return toDecimal((random() * max).toFixed(decimals));
}

/** A position entered within ±5 % of the current mark. */
function position(random: Random, market: Market, symbol: string, maxSize: number, decimals: number, fillTime: string): SimPosition {
  const mark = Number(market.markPrice(symbol));
  // never 0: a position always has a size
  const size = toDecimal(((0.05 + random() * 0.95) * maxSize).toFixed(decimals));
  return {
    symbol,
    size: random() < 0.5 ? size : toDecimal(`-${size}`),
    entryPrice: toDecimal((mark * (0.95 + random() * 0.1)).toFixed(1)),
    fillTime,
  };
}

export function generateSubaccount(random: Random, index: number, market: Market, fillTime: string): SimAccount {
  const number = String(index + 1).padStart(4, '0');
  const withWallet = random() < 0.5;
  const withFlex = random() < 0.8;
  return {
    uid: randomUuid(random),
    email: `trader-${number}@example.com`,
    fullName: random() < 0.25 ? null : `Trader ${number}`,
    cash: new Map([
      ['usd', amount(random, 10_000, 2)],
      ['xbt', amount(random, 0.5, 8)],
    ]),
    wallets: withWallet
      ? [
          {
            key: 'fi_xbtusd',
            base: 'xbt',
            balance: toDecimal(`0.0${1 + Math.floor(random() * 9)}`),
            positions: random() < 0.5 ? [position(random, market, 'pi_xbtusd', 2_000, 0, fillTime)] : [],
          },
        ]
      : [],
    flex: withFlex
      ? {
          holdings: new Map([
            ['USD', amount(random, 20_000, 2)],
            ['BTC', amount(random, 0.3, 8)],
            ['EUR', amount(random, 5_000, 2)],
          ]),
          positions: random() < 0.5 ? [position(random, market, 'pf_xbtusd', 0.2, 4, fillTime)] : [],
        }
      : null,
  };
}
