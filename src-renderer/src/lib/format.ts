/**
 * Locale formatting of the model's exact decimal strings.
 *
 * `Intl.NumberFormat.prototype.format` accepts a decimal string and formats it exactly (Intl
 * NumberFormat v3), so amounts are handed over as strings and never pass through a JS number.
 */
import type { Decimal } from '../../../src-preload/contract.ts';
import { writtenMarginRatio } from '../../../src-shared/margin-ratio.ts';

/** What every hidden amount is replaced by in privacy mode: fixed, so its length reveals nothing. */
export const AMOUNT_MASK = '•••••';

/**
 * - `exact`: every digit Kraken sent (quantities, wallet figures, prices): 0.1185308247
 * - `usd`: cents, for USD values and totals: 34,122.66
 * - `quantity`: at most 8 decimals, cut rather than rounded (never more than there is), for what
 *   is available per currency: 0.0000012345678901 → 0.00000123
 */
export type AmountStyle = 'exact' | 'usd' | 'quantity';

const locale = typeof navigator === 'undefined' ? undefined : navigator.languages?.[0] ?? navigator.language;
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * The formatter for `key`, made from `options` on first use. Every amount on screen passes here, so
 * a lookup builds nothing: callers name their variant with a short key and make the options only
 * when the formatter does not exist yet.
 */
function formatter(key: string, options: () => Intl.NumberFormatOptions): Intl.NumberFormat {
  let cached = formatters.get(key);
  if (cached === undefined) {
    cached = new Intl.NumberFormat(locale, options());
    formatters.set(key, cached);
  }
  return cached;
}

/** Intl's typing wants a numeric template literal; a canonical Decimal is exactly that. */
function numeric(value: Decimal): Intl.StringNumericLiteral {
  return value as unknown as Intl.StringNumericLiteral;
}

/**
 * Intl's ceiling for fraction digits. A canonical Decimal has no trailing fractional zeros, so with
 * no minimum and this maximum every digit it has is shown and none is added: one formatter per sign
 * display serves every exact amount. One per count of decimal places, as before, cost the first
 * frame's mount a new Intl.NumberFormat (about 0.1 ms each) for every count among its figures.
 */
const ALL_FRACTION_DIGITS = 100;
/** A satoshi: the finest unit a trader reads a quantity in. */
const QUANTITY_FRACTION_DIGITS = 8;

export function formatNumber(value: Decimal, style: AmountStyle, signed = false): string {
  const signDisplay = signed ? 'exceptZero' : 'auto';
  if (style === 'usd') {
    return formatter(signed ? 'usd signed' : 'usd', () => ({ minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfExpand', signDisplay })).format(numeric(value));
  }
  if (style === 'quantity') {
    return formatter(signed ? 'quantity signed' : 'quantity', () => ({ maximumFractionDigits: QUANTITY_FRACTION_DIGITS, roundingMode: 'trunc', signDisplay })).format(numeric(value));
  }
  return formatter(signed ? 'exact signed' : 'exact', () => ({ maximumFractionDigits: ALL_FRACTION_DIGITS, signDisplay })).format(numeric(value));
}

/** "34,122.66 USD", "0.1185308247 BTC": the number in the user's locale, then its currency code. */
export function formatAmount(value: Decimal, currency: string, style: AmountStyle, signed = false): string {
  return `${formatNumber(value, style, signed)} ${currency}`;
}

/**
 * A fraction as a percentage: "0.0224499…" → "2.245%", "6.47…" → "647%". With `minimumFractionDigits`
 * a column keeps one precision: "2.000%" beside "2.245%", not "2%".
 */
export function formatFraction(value: Decimal, maximumFractionDigits: number, minimumFractionDigits = 0): string {
  return formatter(`fraction ${minimumFractionDigits}-${maximumFractionDigits}`, () => ({
    style: 'percent',
    minimumFractionDigits,
    maximumFractionDigits,
    roundingMode: 'halfExpand',
  })).format(numeric(value));
}

/** A figure that already is a percentage ("-53.33" → "-53.33%"). */
export function formatPercentValue(value: Decimal, maximumFractionDigits = 2, signed = false): string {
  const signDisplay = signed ? 'exceptZero' : 'auto';
  return formatter(`percent ${maximumFractionDigits} ${signDisplay}`, () => ({
    style: 'unit',
    unit: 'percent',
    maximumFractionDigits,
    roundingMode: 'halfExpand',
    signDisplay,
  })).format(numeric(value));
}

/**
 * Margin ratio (equity / maintenance margin) as the health figure users read: "647%", "> 1,000%",
 * written by the rule notifications use too (src-shared/margin-ratio.ts).
 */
export function formatHealthRatio(ratio: Decimal): string {
  const written = writtenMarginRatio(ratio);
  return `${written.above ? '> ' : ''}${formatPercentValue(written.percent, 0)}`;
}

export function formatInteger(value: number): string {
  return formatter('integer', () => ({ maximumFractionDigits: 0 })).format(value);
}

// Like every formatter here, made on first use rather than when the module loads, which is before
// the start-up calls go out (see prepareFormatters).
let relativeFormat: Intl.RelativeTimeFormat | null = null;

function relative(): Intl.RelativeTimeFormat {
  relativeFormat ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  return relativeFormat;
}

/** How long ago something happened, in the largest whole unit: "12 sec. ago", "3 min. ago". */
export function formatAge(ageMs: number): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 60) return relative().format(-seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relative().format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return relative().format(-hours, 'hour');
  return relative().format(-Math.floor(hours / 24), 'day');
}

/** How long until something happens: "in 12 sec.". */
export function formatCountdown(inMs: number): string {
  const seconds = Math.max(0, Math.ceil(inMs / 1000));
  if (seconds < 60) return relative().format(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return relative().format(minutes, 'minute');
  return relative().format(Math.ceil(minutes / 60), 'hour');
}

// Only views loaded later show dates: the start-up never makes these.
let dateTime: Intl.DateTimeFormat | null = null;
let time: Intl.DateTimeFormat | null = null;

export function formatDateTime(ms: number): string {
  dateTime ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return dateTime.format(ms);
}

export function formatTime(ms: number): string {
  time ??= new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  return time.format(ms);
}

/**
 * Makes the formatters the overview needs first. In a fresh renderer process the first Intl object
 * loads the ICU locale data, which can take tens of milliseconds. When the page asks main for its
 * opening over IPC (the dev server's page), that happens while main answers, not after; with the
 * opening written into the page it is simply the first use.
 */
export function prepareFormatters(): void {
  formatNumber('0' as Decimal, 'usd');
  formatAge(0);
}
