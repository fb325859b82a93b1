/**
 * The margin ratio is one figure: the notification's text (src-main/monitor/alert-text.ts) and the
 * screen (src-renderer/src/lib/format.ts) must write the same number for it, and neither may put a
 * figure at or above a threshold beside the level below it, nor one below it beside a milder level.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { accountAlertTitle, formatPercent } from '../../src-main/monitor/alert-text.ts';
import { levelOf } from '../../src-main/monitor/health.ts';
import { formatHealthRatio } from '../../src-renderer/src/lib/format.ts';
import type { Decimal } from '../../src-shared/account-model.ts';
import { DEFAULT_ALERT_RULES } from '../../src-shared/alert-model.ts';
import type { HealthFigure, HealthLevel } from '../../src-shared/health-model.ts';
import { marginRatioPercent } from '../../src-shared/margin-ratio.ts';

/** The number a text shows, without grouping, spaces or the percent sign, and whether it is a bound ("> 1,000 %"). */
function writtenNumber(text: string): string {
  return `${text.includes('>') ? '>' : ''}${text.replace(/[^\d-]/g, '')}`;
}

const { warnBelowPct, criticalBelowPct, liquidationBelowPct, hysteresisPct } = DEFAULT_ALERT_RULES;
/**
 * Every line a level starts or clears at: the thresholds, where they clear with hysteresis, 100 %
 * (liquidation starts); and 1,000 %, above which both write "> 1,000 %".
 */
const LINES = [...[warnBelowPct, criticalBelowPct, liquidationBelowPct, 100].flatMap((pct) => [pct, pct + hysteresisPct]), 1000];
/** Distances from a line, in percentage points: the nearest a ratio of 8 decimals can come, and further. */
const OFFSETS = ['0', '0.000001', '0.0001', '0.004', '0.005', '0.4', '0.5', '0.6', '0.99', '1'];

function ratiosAround(pct: number): Decimal[] {
  return OFFSETS.flatMap((offset) => [new Big(pct).minus(offset), new Big(pct).plus(offset)]).map((value) => value.div(100).toFixed() as Decimal);
}

/** Where each level starts: a ratio below the threshold gets that level (src-main/monitor/health.ts). */
const THRESHOLD_OF: Partial<Record<HealthLevel, number>> = { warn: warnBelowPct, critical: criticalBelowPct, liquidation: liquidationBelowPct };

function figureWith(marginRatio: Decimal): HealthFigure {
  return {
    account: { kind: 'flex' },
    accountKey: 'flex',
    label: 'Flex',
    level: 'warn',
    marginRatio,
    buffer: null,
    bufferCurrency: 'USD',
    initialMarginBreached: false,
    liquidationPrice: null,
    markPrice: null,
    moveToLiquidationPct: null,
  };
}

describe('the margin ratio on screen and in a notification', () => {

  it('is rounded down to a whole percentage, also below zero', () => {
    expect(marginRatioPercent('2.9999' as Decimal)).toBe('299');
    expect(marginRatioPercent('3' as Decimal)).toBe('300');
    expect(marginRatioPercent('1.4237' as Decimal)).toBe('142');
    expect(marginRatioPercent('-0.052' as Decimal)).toBe('-6');
    expect(marginRatioPercent('0' as Decimal)).toBe('0');
    expect(marginRatioPercent('-0.001' as Decimal)).toBe('-1');
    expect(marginRatioPercent('-0.05' as Decimal)).toBe('-5');
    expect(marginRatioPercent('0.009' as Decimal)).toBe('0');
    expect(marginRatioPercent('123456789012345678.9' as Decimal)).toBe('12345678901234567890');
  });

  it('is rounded down as big.js rounds toward minus infinity, for thousands of ratios', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      const digits = String(next()).padStart(10, '0');
      const point = next() % 10;
      const ratio = new Big(`${next() % 3 === 0 ? '-' : ''}${digits.slice(0, point) || '0'}.${digits.slice(point)}`).toFixed();
      if (ratio === '-0') continue;
      const pct = new Big(ratio).times(100);
      expect(marginRatioPercent(ratio as Decimal), ratio).toBe(pct.round(0, pct.lt(0) ? Big.roundUp : Big.roundDown).toFixed());
    }
  });

  it('writes a ratio far from liquidation as the bound it is above', () => {
    expect(writtenNumber(formatHealthRatio('376.51' as Decimal))).toBe('>1000');
    expect(formatPercent('376.51' as Decimal)).toBe('> 1,000 %');
    expect(formatPercent('10' as Decimal)).toBe('1,000 %');
  });

  it('reads the same in both at and around every threshold and where it clears', () => {
    for (const pct of LINES) {
      for (const ratio of ratiosAround(pct)) {
        const onScreen = writtenNumber(formatHealthRatio(ratio));
        const inNotification = writtenNumber(formatPercent(ratio));
        const inTitle = writtenNumber(/Margin level (.*) - /.exec(accountAlertTitle('Main', 'warn', figureWith(ratio), false))?.[1] ?? '');
        expect({ ratio, onScreen, inTitle }).toEqual({ ratio, onScreen: inNotification, inTitle: inNotification });
      }
    }
  });

  it('never reads at or above the threshold of the level beside it, nor below it for a milder level', () => {
    for (const pct of LINES) {
      for (const ratio of ratiosAround(pct)) {
        const level = levelOf(ratio, false, DEFAULT_ALERT_RULES);
        const written = Number(writtenNumber(formatHealthRatio(ratio)).replace('>', ''));
        for (const [name, threshold] of Object.entries(THRESHOLD_OF)) {
          const below = new Big(ratio).times(100).lt(threshold);
          // The figure is below a threshold exactly when the ratio is: the badge and the figure agree.
          expect({ ratio, level, name, writtenBelow: written < threshold }).toEqual({ ratio, level, name, writtenBelow: below });
        }
      }
    }
  });

  it('writes 299.6 % as 299 beside a Warning, where rounding to nearest wrote 300', () => {
    const ratio = '2.996' as Decimal;
    expect(levelOf(ratio, false, DEFAULT_ALERT_RULES)).toBe('warn');
    expect(writtenNumber(formatHealthRatio(ratio))).toBe('299');
    expect(formatPercent(ratio)).toBe('299 %');
  });
});
