/**
 * The words of an alert: titles, bodies and the exact formatting of the figures in them.
 *
 * Figures are formatted from their decimal strings with big.js, never through JS floats, so a title
 * can never read "142.00000000000003 %". Margin levels are written by the one rule the
 * screen uses too (src-shared/margin-ratio.ts): a level below the 300 % threshold never reads "300 %".
 */
import { big, isNegative } from '../../src-shared/decimal.ts';
import type { Decimal } from '../../src-shared/account-model.ts';
import { writtenMarginRatio } from '../../src-shared/margin-ratio.ts';
import type { AlertLevel } from '../../src-shared/alert-model.ts';
import type { HealthFigure } from '../../src-shared/health-model.ts';

const ROUND_HALF_UP = 1;
/** Currencies whose amounts are shown with cents; coins keep up to 8 decimals (a satoshi). */
const FIAT = new Set(['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY']);

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [integer = '', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A margin ratio as the screen writes it (src-shared/margin-ratio.ts): 1.4237 → "142 %", -0.052 → "-6 %", 376.5 → "> 1,000 %". */
export function formatPercent(ratio: Decimal): string {
  const written = writtenMarginRatio(ratio);
  return `${written.above ? '> ' : ''}${groupThousands(written.percent)} %`;
}

/** A % move as given (already rounded by the health figures), without its sign: "12.5 %". */
export function formatMovePercent(move: Decimal): string {
  return `${groupThousands(big(move).abs().toFixed())} %`;
}

/** An amount with its currency: cents for fiat, up to 8 decimals for coins ("1,234.56 USD", "0.5 BTC"). */
export function formatAmount(value: Decimal, currency: string): string {
  const rounded = FIAT.has(currency) ? big(value).toFixed(2, ROUND_HALF_UP) : big(value).round(8, ROUND_HALF_UP).toFixed();
  return `${groupThousands(rounded === '-0.00' || rounded === '-0' ? rounded.slice(1) : rounded)} ${currency}`;
}

export function formatPrice(price: Decimal): string {
  return groupThousands(big(price).toFixed());
}

/**
 * Who an alert is about, as shown in brackets: always the profile first, then the account when it is
 * not the profile's own flex account ("[Main]", "[Main · fi_xbtusd]", "[Main · Trader 7]"). With
 * several profiles on screen a bracket that is sometimes a profile and sometimes a subaccount cannot
 * be read at a glance.
 */
export function alertSubject(profileName: string, figure: Pick<HealthFigure, 'account' | 'label'>): string {
  return figure.account.kind === 'flex' ? profileName : `${profileName} · ${figure.label}`;
}

const LEVEL_WORDS: Readonly<Record<Exclude<AlertLevel, 'interrupted'>, { readonly now: string; readonly still: string }>> = {
  warn: { now: 'warning', still: 'still a warning' },
  imBreached: { now: 'initial margin breached', still: 'initial margin still breached' },
  critical: { now: 'critical', still: 'still critical' },
  liquidation: { now: 'liquidation imminent', still: 'liquidation still imminent' },
};

/** What to do, without any amount (the notification body in privacy mode, the last line otherwise). */
export function alertAdvice(level: AlertLevel): string {
  switch (level) {
    case 'warn':
      return 'Consider adding collateral or reducing positions.';
    case 'imBreached':
      return 'Kraken cancels orders that would add risk. Add collateral or reduce positions.';
    case 'critical':
      return 'Add collateral or reduce positions now.';
    case 'liquidation':
      return 'Liquidation starts when equity reaches maintenance margin. Add collateral or close positions immediately.';
    case 'interrupted':
      return 'Margin is not being watched: check the network connection and the API key in Margin Desk.';
  }
}

export type AccountAlertLevel = Exclude<AlertLevel, 'interrupted'>;

export function accountAlertTitle(subject: string, level: AccountAlertLevel, figure: HealthFigure, repeat: boolean): string {
  const words = repeat ? LEVEL_WORDS[level].still : LEVEL_WORDS[level].now;
  if (figure.marginRatio === null) return `[${subject}] ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
  return `[${subject}] Margin level ${formatPercent(figure.marginRatio)} - ${words}`;
}

function bufferSentence(figure: HealthFigure): string | null {
  if (figure.buffer === null || figure.marginRatio === null) return null;
  const what = figure.account.kind === 'marginWallet' ? 'Portfolio value' : 'Margin equity';
  const amount = formatAmount(isNegative(figure.buffer) ? (figure.buffer.slice(1) as Decimal) : figure.buffer, figure.bufferCurrency);
  return isNegative(figure.buffer)
    ? `${what} is ${amount} below maintenance margin: liquidation has started.`
    : `${what} is ${amount} above maintenance margin.`;
}

function liquidationPriceSentence(figure: HealthFigure): string | null {
  if (figure.liquidationPrice === null || figure.markPrice === null || figure.moveToLiquidationPct === null) return null;
  const direction = isNegative(figure.moveToLiquidationPct) ? 'fall' : 'rise';
  return `Estimated liquidation price ${formatPrice(figure.liquidationPrice)}: the mark price (${formatPrice(figure.markPrice)}) must ${direction} ${formatMovePercent(figure.moveToLiquidationPct)}.`;
}

/** Said once per account after start, because the app cannot know how long it was off. */
const AT_START = 'Margin Desk has just started: this may have been the case for a while.';

export function accountAlertBody(level: AccountAlertLevel, figure: HealthFigure, atStart: boolean): string {
  return [bufferSentence(figure), liquidationPriceSentence(figure), alertAdvice(level), atStart ? AT_START : null]
    .filter((line): line is string => line !== null)
    .join('\n');
}

export function interruptedTitle(profileName: string): string {
  return `[${profileName}] Monitoring interrupted`;
}

/** `lastKnown`: the worst figure of the last fresh data, when there was any. */
export function interruptedBody(minutesWithoutData: number, lastKnown: HealthFigure | null): string {
  const since = `No fresh data for ${minutesWithoutData} minute${minutesWithoutData === 1 ? '' : 's'}.`;
  const ratio = lastKnown?.marginRatio ?? null;
  const known = lastKnown !== null && ratio !== null ? `Last known margin level: ${formatPercent(ratio)} (${lastKnown.label}).` : null;
  return [since, known, alertAdvice('interrupted')].filter((line): line is string => line !== null).join('\n');
}

/** "[Main] PF_XBTUSD 4.2 % from liquidation": no amount, so it may show in privacy mode. */
export function nearLiquidationTitle(profileName: string, symbol: string, distancePct: Decimal, past: boolean): string {
  const where = past ? 'past its liquidation price' : `${formatMovePercent(distancePct)} from liquidation`;
  return `[${profileName}] ${symbol.toUpperCase()} ${where}`;
}

/** The prices, the distance and what to do. `source`: whose liquidation price it is. */
export function nearLiquidationBody(details: {
  readonly markPrice: Decimal | null;
  readonly liquidationPrice: Decimal;
  readonly movePct: Decimal;
  readonly source: 'exchange' | 'estimate';
  readonly withinPct: number;
}): string {
  const whose = details.source === 'exchange' ? "Kraken's estimated liquidation price" : 'Estimated liquidation price (Margin Desk)';
  const direction = isNegative(details.movePct) ? 'fall' : 'rise';
  const mark = details.markPrice === null ? 'the mark price' : `the mark price (${formatPrice(details.markPrice)})`;
  return [
    `${whose} ${formatPrice(details.liquidationPrice)}: ${mark} must ${direction} ${formatMovePercent(details.movePct)}, within your ${details.withinPct} % limit.`,
    alertAdvice('warn'),
  ].join('\n');
}
