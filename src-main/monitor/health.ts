/**
 * Margin health figures: pure functions on the normalised model (no I/O, no clock).
 *
 * Kraken publishes no futures "margin level %", so the app uses the figure its liquidation rule is
 * written in: liquidation starts when equity falls below maintenance margin, i.e. when
 * equity / maintenance margin ≤ 100 %. Flex: marginEquity / maintenanceMargin, buffer in USD.
 * Single collateral: pv / mm in the wallet's currency. All arithmetic is exact: the ratios and the
 * flex figures (run once per subaccount) on BigInt fixed point (./scaled-decimal.ts), the rest big.js.
 */
import { big, compareDecimals, fromBig, isZero, sub } from '../../src-shared/decimal.ts';
import type { AccountSnapshot, Decimal, FlexAccount, MarginWallet } from '../../src-shared/account-model.ts';
import type { AlertThresholds } from '../../src-shared/alert-model.ts';
import { accountKeyOf } from '../../src-shared/account-keys.ts';
import type { AccountRef, HealthFigure, HealthLevel, HealthReport } from '../../src-shared/health-model.ts';
import { worstFigure } from '../../src-shared/health-order.ts';
import { wholePercentOf } from '../../src-shared/margin-ratio.ts';
import { compareScaled, difference, scaled, truncatedQuotient, truncatedRatio } from './scaled-decimal.ts';
import { subaccountLabel } from '../../src-shared/subaccount-label.ts';

/** The profile's thresholds plus per-subaccount overrides: an `AlertRules` fits as it is. */
export type HealthThresholds = AlertThresholds & {
  readonly subaccountOverrides?: Readonly<Record<string, Partial<AlertThresholds>>>;
};

/**
 * Ratios are kept to 8 decimal places, rounded toward zero. Truncating (not rounding half-up) keeps
 * every comparison with a threshold of up to 6 decimals in % exactly what the full quotient gives:
 * 2.9999999999 stays below 300 % instead of becoming 3.
 */
const RATIO_DECIMALS = 8;
const ROUND_DOWN = 0;
/** % moves to the liquidation price: two decimals, toward zero so the distance is never overstated. */
const MOVE_DECIMALS = 2;

/** The thresholds that apply to one account: the profile's, with a subaccount's own overrides on top. */
export function thresholdsFor(thresholds: HealthThresholds, account: AccountRef): AlertThresholds {
  const base: AlertThresholds = {
    warnBelowPct: thresholds.warnBelowPct,
    criticalBelowPct: thresholds.criticalBelowPct,
    liquidationBelowPct: thresholds.liquidationBelowPct,
    hysteresisPct: thresholds.hysteresisPct,
  };
  if (account.kind !== 'subaccountFlex') return base;
  const overrides = thresholds.subaccountOverrides;
  // UIDs come from the exchange: only the record's own keys count, never Object.prototype's.
  const override = overrides !== undefined && Object.hasOwn(overrides, account.uid) ? overrides[account.uid] : undefined;
  if (override === undefined) return base;
  return {
    warnBelowPct: override.warnBelowPct ?? base.warnBelowPct,
    criticalBelowPct: override.criticalBelowPct ?? base.criticalBelowPct,
    liquidationBelowPct: override.liquidationBelowPct ?? base.liquidationBelowPct,
    hysteresisPct: override.hysteresisPct ?? base.hysteresisPct,
  };
}

/** thresholdsFor over many accounts: the profile's thresholds built once, an account with overrides gets its own. */
export function thresholdsByAccount(thresholds: HealthThresholds): (account: AccountRef) => AlertThresholds {
  const profile = thresholdsFor(thresholds, { kind: 'flex' });
  const overrides = thresholds.subaccountOverrides;
  return (account) =>
    account.kind === 'subaccountFlex' && overrides !== undefined && Object.hasOwn(overrides, account.uid) ? thresholdsFor(thresholds, account) : profile;
}

/** numerator / denominator truncated to RATIO_DECIMALS; null when the denominator is not positive. */
function ratio(numerator: Decimal, denominator: Decimal): Decimal | null {
  return truncatedRatio(numerator, denominator, RATIO_DECIMALS);
}

/**
 * The level of a margin ratio without hysteresis (the truth of this snapshot; the alert engine adds
 * hysteresis on top). "Below" is strict: exactly at 300 % is not a warning. The thresholds are whole
 * percentages, so the ratio's whole percentage (what the screen writes) decides exactly. The ladder
 * is checked worst first, so thresholds entered out of order still give the worst level that applies.
 */
export function levelOf(marginRatio: Decimal | null, initialMarginBreached: boolean, thresholds: AlertThresholds): HealthLevel {
  const percent = marginRatio === null ? null : wholePercentOf(marginRatio);
  if (percent !== null) {
    if (percent < thresholds.liquidationBelowPct) return 'liquidation';
    if (percent < thresholds.criticalBelowPct) return 'critical';
  }
  if (initialMarginBreached) return 'imBreached';
  if (percent === null) return 'noMargin';
  return percent < thresholds.warnBelowPct ? 'warn' : 'healthy';
}

interface Identity {
  readonly account: AccountRef;
  readonly label: string;
}

/**
 * Health of a flex account (the master's or a subaccount's). Without maintenance margin there is no
 * position: no ratio, level `noMargin` unless open orders alone already breach initial margin.
 */
export function flexHealth(flex: FlexAccount, identity: Identity, thresholds: AlertThresholds): HealthFigure {
  // Each figure is read once: a master with a thousand subaccounts runs this a thousand times per refresh.
  const equity = scaled(flex.marginEquity);
  const maintenance = scaled(flex.maintenanceMargin);
  // The spec describes initialMarginWithOrders in words that contradict its name; Kraken cancels
  // risk-increasing orders below either figure, so the larger one is the line that matters.
  const initial = scaled(compareDecimals(flex.initialMarginWithOrders, flex.initialMargin) > 0 ? flex.initialMarginWithOrders : flex.initialMargin);
  const marginRatio = truncatedQuotient(equity, maintenance, RATIO_DECIMALS);
  const initialMarginBreached = initial.units !== 0n && compareScaled(equity, initial) < 0;
  return {
    account: identity.account,
    accountKey: accountKeyOf(identity.account),
    label: identity.label,
    level: levelOf(marginRatio, initialMarginBreached, thresholds),
    marginRatio,
    buffer: difference(equity, maintenance),
    bufferCurrency: 'USD',
    initialMarginBreached,
    initialMarginRatio: truncatedQuotient(equity, initial, RATIO_DECIMALS),
    liquidationPrice: null,
    markPrice: null,
    moveToLiquidationPct: null,
  };
}

/**
 * Health of a single-collateral wallet: pv / mm in the wallet's currency and, when a position is
 * open and its mark price known, the signed % move of the mark price to the estimated liquidation
 * price (`triggerEstimates.mm`, 0 without a position).
 */
export function marginWalletHealth(wallet: MarginWallet, markPrice: Decimal | null, thresholds: AlertThresholds): HealthFigure {
  const account: AccountRef = { kind: 'marginWallet', key: wallet.key };
  const marginRatio = ratio(wallet.portfolioValue, wallet.margin.mm);
  const initialMarginBreached = big(wallet.margin.im).gt('0') && big(wallet.portfolioValue).lt(wallet.margin.im);
  const liquidationPrice = big(wallet.triggers.mm).gt('0') ? wallet.triggers.mm : null;
  const move =
    liquidationPrice !== null && markPrice !== null && big(markPrice).gt('0')
      ? fromBig(big(liquidationPrice).minus(markPrice).times('100').div(markPrice).round(MOVE_DECIMALS, ROUND_DOWN))
      : null;
  return {
    account,
    accountKey: accountKeyOf(account),
    label: wallet.key,
    level: levelOf(marginRatio, initialMarginBreached, thresholds),
    marginRatio,
    buffer: sub(wallet.portfolioValue, wallet.margin.mm),
    bufferCurrency: wallet.currency.code,
    initialMarginBreached,
    initialMarginRatio: ratio(wallet.portfolioValue, wallet.margin.im),
    liquidationPrice,
    markPrice,
    moveToLiquidationPct: move,
  };
}

/**
 * The mark price that a wallet's liquidation estimate refers to: a contract the wallet holds or an
 * open position on the same pair, else the pair's perpetual (`fi_xbtusd` → `pi_xbtusd`).
 */
export function walletMarkPrice(wallet: MarginWallet, snapshot: Pick<AccountSnapshot, 'positions' | 'markPrices'>): Decimal | null {
  const [prefix = '', pair = ''] = wallet.key.toLowerCase().split('_');
  const samePair = (symbol: string): boolean => symbol.toLowerCase().split('_')[1] === pair;
  const candidates = [
    ...wallet.contracts.filter((contract) => !isZero(contract.size)).map((contract) => contract.symbol),
    ...snapshot.positions.map((position) => position.symbol),
  ].filter(samePair);
  candidates.push(`p${prefix.slice(1)}_${pair}`);
  for (const symbol of candidates) {
    // Symbols come from the exchange: a position named `__proto__` must not find Object.prototype.
    const key = symbol.toLowerCase();
    if (Object.hasOwn(snapshot.markPrices, key)) return snapshot.markPrices[key]!;
  }
  return null;
}

/**
 * An account whose source left out figures health needs: no ratio, no buffer, level `unknown` and
 * the reason, whatever the figures present would say.
 */
function unknownHealth(figure: HealthFigure, missing: readonly string[]): HealthFigure {
  return {
    ...figure,
    level: 'unknown',
    marginRatio: null,
    buffer: null,
    initialMarginBreached: false,
    initialMarginRatio: null,
    moveToLiquidationPct: null,
    unknownReason: `Kraken did not send ${missing.join(', ')} for this account, so its margin health cannot be judged.`,
  };
}

/**
 * Every account's health in one snapshot: the master's flex account, each single-collateral wallet
 * and each subaccount's flex account (the subaccounts call gives no margin requirements for a
 * subaccount's single-collateral wallets, so those have no health figure). An account the snapshot
 * lists in `missingFigures` is `unknown`.
 */
export function evaluateHealth(snapshot: AccountSnapshot, thresholds: HealthThresholds): HealthReport {
  const computed = healthFigures(snapshot, thresholds);
  const missing = snapshot.missingFigures;
  const figures =
    missing === undefined
      ? computed
      : computed.map((figure) => {
          const names = missing[figure.accountKey];
          return names === undefined || names.length === 0 ? figure : unknownHealth(figure, names);
        });
  return { worst: worstFigure(figures), figures };
}

function healthFigures(snapshot: AccountSnapshot, thresholds: HealthThresholds): HealthFigure[] {
  const figures: HealthFigure[] = [];
  const { flex, marginWallets } = snapshot.accounts;
  const thresholdsOf = thresholdsByAccount(thresholds);
  const profileThresholds = thresholdsOf({ kind: 'flex' });
  if (flex !== null) figures.push(flexHealth(flex, { account: { kind: 'flex' }, label: 'Flex' }, profileThresholds));
  for (const wallet of marginWallets) figures.push(marginWalletHealth(wallet, walletMarkPrice(wallet, snapshot), profileThresholds));
  for (const subaccount of snapshot.subaccounts?.subaccounts ?? []) {
    if (subaccount.flex === null) continue;
    const account: AccountRef = { kind: 'subaccountFlex', uid: subaccount.uid };
    figures.push(flexHealth(subaccount.flex, { account, label: subaccountLabel(subaccount) }, thresholdsOf(account)));
  }
  return figures;
}
