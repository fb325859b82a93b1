/**
 * Flex health computed on BigInt units (src-main/monitor/scaled-decimal.ts) against big.js doing the
 * same sums the plain way, over figures of every size an exchange body can carry: from 1e-12 to
 * 1e18, negative equity, zero and negative margins. The level is checked against the exact ratio
 * (equity × 100 compared with threshold × maintenance margin), not against the truncated one, so a
 * truncation or rounding in the wrong direction anywhere between them shows.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import type { AlertThresholds } from '../../../src-shared/alert-model.ts';
import type { HealthLevel } from '../../../src-shared/health-model.ts';
import { flexHealth } from '../../../src-main/monitor/health.ts';
import { wholePercentOf } from '../../../src-shared/margin-ratio.ts';
import { flexAccount } from './health-fixtures.ts';

const THRESHOLDS: AlertThresholds = { warnBelowPct: 300, criticalBelowPct: 150, liquidationBelowPct: 110, hysteresisPct: 10 };

function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31);
}

/** A decimal with 0 to 18 whole digits and 0 to 12 fraction digits, negative now and then. */
function figureFrom(next: () => number, negativeOneIn: number): Decimal {
  const wholeDigits = next() % 19;
  const fractionDigits = next() % 13;
  let digits = '';
  for (let i = 0; i < wholeDigits + fractionDigits; i++) digits += String(next() % 10);
  const whole = digits.slice(0, wholeDigits) || '0';
  const fraction = digits.slice(wholeDigits);
  const sign = next() % negativeOneIn === 0 ? '-' : '';
  return toDecimal(`${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`);
}

/** big.js's quotient truncated toward zero to 8 places, as the model writes it; null for a denominator ≤ 0. */
function truncated(numerator: Decimal, denominator: Decimal): string | null {
  if (new Big(denominator).lte(0)) return null;
  const text = new Big(numerator).div(denominator).round(8, Big.roundDown).toFixed();
  return text === '-0' ? '0' : text;
}

/** The level from the exact ratio: below a threshold t exactly when equity × 100 < t × maintenance. */
function exactLevel(equity: Decimal, maintenance: Decimal, breached: boolean): HealthLevel {
  const positive = new Big(maintenance).gt(0);
  const below = (pct: number) => positive && new Big(equity).times(100).lt(new Big(maintenance).times(pct));
  if (below(THRESHOLDS.liquidationBelowPct)) return 'liquidation';
  if (below(THRESHOLDS.criticalBelowPct)) return 'critical';
  if (breached) return 'imBreached';
  if (!positive) return 'noMargin';
  return below(THRESHOLDS.warnBelowPct) ? 'warn' : 'healthy';
}

describe('flex health on scaled integers', () => {
  it('gives big.js’s figures and the exact ratio’s level for figures of any size and sign', () => {
    const next = generator(2026);
    for (let i = 0; i < 4_000; i++) {
      const marginEquity = figureFrom(next, 6);
      // Margins near the equity now and then, so that ratios land next to the thresholds too.
      const maintenanceMargin = next() % 4 === 0 ? toDecimal(new Big(marginEquity).abs().div([1, 1.1, 1.5, 3][next() % 4]!).round(next() % 13, Big.roundDown).toFixed()) : figureFrom(next, 20);
      const initialMargin = next() % 5 === 0 ? toDecimal('0') : figureFrom(next, 30);
      const initialMarginWithOrders = next() % 3 === 0 ? initialMargin : figureFrom(next, 30);
      const figure = flexHealth(flexAccount({ marginEquity, maintenanceMargin, initialMargin, initialMarginWithOrders }), { account: { kind: 'flex' }, label: 'Flex' }, THRESHOLDS);

      const initial = new Big(initialMarginWithOrders).gt(initialMargin) ? initialMarginWithOrders : initialMargin;
      const breached = !new Big(initial).eq(0) && new Big(marginEquity).lt(initial);
      const buffer = new Big(marginEquity).minus(maintenanceMargin).toFixed();
      const expected = {
        marginRatio: truncated(marginEquity, maintenanceMargin),
        initialMarginRatio: truncated(marginEquity, initial),
        buffer: buffer === '-0' ? '0' : buffer,
        initialMarginBreached: breached,
        level: exactLevel(marginEquity, maintenanceMargin, breached),
      };
      const actual = {
        marginRatio: figure.marginRatio,
        initialMarginRatio: figure.initialMarginRatio,
        buffer: figure.buffer,
        initialMarginBreached: figure.initialMarginBreached,
        level: figure.level,
      };
      expect(actual, `${marginEquity} / ${maintenanceMargin}, initial ${initialMargin} / ${initialMarginWithOrders}`).toEqual(expected);
    }
  });

  it('takes a ratio’s whole percentage as big.js rounds it toward minus infinity (past 2^53 %, on the same side of every threshold)', () => {
    const next = generator(11);
    for (let i = 0; i < 4_000; i++) {
      const ratio = figureFrom(next, 3);
      const percent = new Big(ratio).times(100).round(0, Big.roundDown);
      const floor = new Big(ratio).times(100).lt(percent) ? percent.minus(1) : percent;
      if (floor.abs().lte(Number.MAX_SAFE_INTEGER)) expect(wholePercentOf(ratio), ratio).toBe(Number(floor.toFixed()));
      else expect(Math.sign(wholePercentOf(ratio)) * Math.min(Math.abs(wholePercentOf(ratio)), 1e6), ratio).toBe(floor.gt(0) ? 1e6 : -1e6);
    }
  });
});
