import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src-shared/decimal.ts';
import { alertAdvice, formatAmount, formatPercent, formatPrice } from '../../../src-main/monitor/alert-text.ts';

const d = toDecimal;

describe('figures in alert text', () => {
  it('margin levels are whole percentages, truncated so a level never reads as its threshold', () => {
    expect(formatPercent(d('1.42'))).toBe('142 %');
    expect(formatPercent(d('2.99999999'))).toBe('299 %');
    expect(formatPercent(d('3'))).toBe('300 %');
    expect(formatPercent(d('0.3'))).toBe('30 %');
    expect(formatPercent(d('9.99999'))).toBe('999 %');
    // Far from liquidation, as on screen (src-shared/margin-ratio.ts).
    expect(formatPercent(d('123.456'))).toBe('> 1,000 %');
    expect(formatPercent(d('-0.001'))).toBe('-1 %');
    expect(formatPercent(d('0'))).toBe('0 %');
  });

  it('amounts: cents for fiat, up to 8 decimals for coins, grouped, exact', () => {
    expect(formatAmount(d('1234567.005'), 'USD')).toBe('1,234,567.01 USD');
    expect(formatAmount(d('0.1'), 'USD')).toBe('0.10 USD');
    expect(formatAmount(d('-0.001'), 'USD')).toBe('0.00 USD');
    expect(formatAmount(d('129.97891563'), 'BTC')).toBe('129.97891563 BTC');
    expect(formatAmount(d('0.000000004'), 'BTC')).toBe('0 BTC');
    expect(formatAmount(d('0.30000000000000004'), 'ETH')).toBe('0.3 ETH');
  });

  it('prices keep their digits and get thousands separators', () => {
    expect(formatPrice(d('3428.5'))).toBe('3,428.5');
    expect(formatPrice(d('0.00001234'))).toBe('0.00001234');
  });

  it('advice never carries an amount (it is what privacy mode shows)', () => {
    for (const level of ['warn', 'imBreached', 'critical', 'liquidation', 'interrupted'] as const) expect(alertAdvice(level)).not.toMatch(/\d/);
  });
});
