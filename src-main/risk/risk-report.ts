/**
 * The positions and stress models of one snapshot (see src-shared/risk-model.ts and docs/LIQUIDATION.md).
 *
 * Liquidation prices: a single-collateral wallet's own estimate (`triggerEstimates.mm`) is shown
 * when Kraken sends one; otherwise, and for every flex position, this app's estimate for the
 * position's underlying moving alone; where an input is missing, no price and the reason.
 */
import { big, fromBig, isZero, ZERO } from '../../src-shared/decimal.ts';
import type { AccountSnapshot, Decimal, FlexAccount, MarginWallet } from '../../src-shared/account-model.ts';
import { walletMarkPrice } from '../monitor/health.ts';
import { subaccountLabel } from '../../src-shared/subaccount-label.ts';
import { flexMoveInputs, scopeLabel, subaccountMoveInputs, walletMoveInputs, type HeldPosition, type MoveInputsResult } from './account-moves.ts';
import { contractKind, isCrypto, quoteOf, signedSize, underlyingOf, walletKeyOfInverse } from './contracts.ts';
import { movedPrice, stressModelOf } from './move-model.ts';
import { notionalOf, unrealisedPnl } from './position-figures.ts';
import type { AccountStress, LiquidationPrice, MoveScope, PositionRisk, RiskReport, StressModel } from '../../src-shared/risk-model.ts';

const LEVERAGE_PLACES = 2;
const PERCENT_PLACES = 2;

const ALL_CRYPTO: MoveScope = { kind: 'allCrypto' };

function stressModel(result: MoveInputsResult, scope: MoveScope): StressModel {
  if (!result.ok) return { pieces: [], liquidation: { kind: 'none', reason: result.reason } };
  return stressModelOf(result.inputs, scopeLabel(scope));
}

/** The stress models of an account: every crypto price, and each underlying it is exposed to alone. */
function modelsFor(underlyings: Iterable<string>, build: (scope: MoveScope) => MoveInputsResult): Pick<AccountStress, 'allCrypto' | 'byUnderlying'> {
  const byUnderlying: Record<string, StressModel> = {};
  for (const code of underlyings) {
    const scope: MoveScope = { kind: 'underlying', code };
    byUnderlying[code] = stressModel(build(scope), scope);
  }
  return { allCrypto: stressModel(build(ALL_CRYPTO), ALL_CRYPTO), byUnderlying };
}

function cryptoHeld(account: FlexAccount): string[] {
  return account.currencies.filter((currency) => isCrypto(currency.currency.code) && !isZero(currency.quantity)).map((currency) => currency.currency.code);
}

function percentMove(from: Decimal, to: Decimal): Decimal | null {
  if (isZero(from)) return null;
  return fromBig(big(to).div(from).minus(1).times(100).round(PERCENT_PLACES));
}

function ratio(numerator: Decimal, denominator: Decimal | null): Decimal | null {
  if (denominator === null || !big(denominator).gt(0)) return null;
  return fromBig(big(numerator).div(denominator).round(LEVERAGE_PLACES));
}

export function buildRiskReport(snapshot: AccountSnapshot): RiskReport {
  const { flex, marginWallets } = snapshot.accounts;
  // Symbols come from the exchange: a position named `__proto__` must find no mark price, not Object.prototype.
  const ownEntry = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
    record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
  const held: HeldPosition[] = snapshot.positions.map((position) => ({
    position,
    mark: ownEntry(snapshot.markPrices, position.symbol),
    instrument: ownEntry(snapshot.instruments, position.symbol),
  }));
  const linear = held.filter((item) => contractKind(item.position.symbol, item.instrument) === 'linear');
  const inverseOf = (wallet: MarginWallet) =>
    held.filter((item) => contractKind(item.position.symbol, item.instrument) === 'inverse' && walletKeyOfInverse(item.position.symbol) === wallet.key);

  const underlyings = new Set<string>();
  for (const item of held) underlyings.add(underlyingOf(item.position.symbol, item.instrument));
  for (const account of [flex, ...(snapshot.subaccounts?.subaccounts ?? []).map((sub) => sub.flex)]) {
    if (account !== null) for (const code of cryptoHeld(account)) underlyings.add(code);
  }
  for (const wallet of marginWallets) if (isCrypto(wallet.currency.code)) underlyings.add(wallet.currency.code);

  const accounts: AccountStress[] = [];
  const flexByUnderlying = new Map<string, StressModel>();
  if (flex !== null) {
    const exposed = new Set([...cryptoHeld(flex), ...linear.map((item) => underlyingOf(item.position.symbol, item.instrument))]);
    const models = modelsFor(exposed, (scope) => flexMoveInputs(flex, linear, scope));
    for (const [code, model] of Object.entries(models.byUnderlying)) flexByUnderlying.set(code, model);
    accounts.push({ accountKey: 'flex', label: 'Flex', basis: 'positions', currency: 'USD', ...models });
  }
  const walletModels = new Map<string, Map<string, StressModel>>();
  for (const wallet of marginWallets) {
    const positions = inverseOf(wallet);
    const reference = walletMarkPrice(wallet, snapshot);
    const models = modelsFor(isCrypto(wallet.currency.code) ? [wallet.currency.code] : [], (scope) => walletMoveInputs(wallet, positions, reference, scope));
    walletModels.set(wallet.key, new Map(Object.entries(models.byUnderlying)));
    accounts.push({ accountKey: `wallet:${wallet.key}`, label: wallet.key, basis: 'positions', currency: 'USD', ...models });
  }
  for (const sub of snapshot.subaccounts?.subaccounts ?? []) {
    const subFlex = sub.flex;
    if (subFlex === null) continue;
    const models = modelsFor(cryptoHeld(subFlex), (scope) => ({ ok: true, inputs: subaccountMoveInputs(subFlex, scope) }));
    accounts.push({ accountKey: `sub:${sub.uid}`, label: subaccountLabel(sub), basis: 'collateralOnly', currency: 'USD', ...models });
  }

  const positions = held.map((item): PositionRisk => {
    const { position, mark, instrument } = item;
    const kind = contractKind(position.symbol, instrument);
    const size = signedSize(position);
    const underlying = underlyingOf(position.symbol, instrument);
    const base = {
      symbol: position.symbol,
      side: position.side,
      size: position.size,
      entryPrice: position.price,
      markPrice: mark ?? null,
      contract: kind,
      unrealizedFunding: position.unrealizedFunding,
    };
    if (kind === 'unknown' || position.side === 'unknown') {
      const reason = kind === 'unknown' ? `${position.symbol.toUpperCase()} is a contract type this app does not model.` : 'Kraken sent a side this app does not know.';
      return { ...base, accountKey: null, pnl: null, pnlCurrency: null, notional: null, notionalCurrency: null, leverage: null, liquidation: { source: 'none', reason } };
    }
    const pnl = mark === undefined ? null : unrealisedPnl(kind, size, position.price, mark);
    const notional = mark === undefined ? null : notionalOf(kind, size, mark);
    if (kind === 'linear') {
      const model = flexByUnderlying.get(underlying);
      return {
        ...base,
        accountKey: flex === null ? null : 'flex',
        pnl,
        pnlCurrency: quoteOf(instrument),
        notional,
        notionalCurrency: quoteOf(instrument),
        leverage: notional === null || flex === null ? null : ratio(notional, flex.marginEquity),
        liquidation: estimatedPrice(model, mark, flex === null ? 'No flex account figures for this position.' : null),
      };
    }
    const wallet = marginWallets.find((candidate) => candidate.key === walletKeyOfInverse(position.symbol));
    const walletEquityUsd = wallet === undefined || mark === undefined ? null : fromBig(big(wallet.portfolioValue).times(mark));
    return {
      ...base,
      accountKey: wallet === undefined ? null : `wallet:${wallet.key}`,
      pnl,
      pnlCurrency: underlying,
      notional,
      notionalCurrency: 'USD',
      leverage: notional === null ? null : ratio(notional, walletEquityUsd),
      liquidation:
        wallet === undefined
          ? { source: 'none', reason: `No ${walletKeyOfInverse(position.symbol)} wallet figures for this position.` }
          : exchangeOrEstimate(wallet, walletModels.get(wallet.key)?.get(underlying), mark),
    };
  });
  return { positions, accounts, underlyings: [...underlyings].sort() };
}

function estimatedPrice(model: StressModel | undefined, mark: Decimal | undefined, missing: string | null): LiquidationPrice {
  if (missing !== null) return { source: 'none', reason: missing };
  if (mark === undefined) return { source: 'none', reason: 'No mark price.' };
  if (model === undefined) return { source: 'none', reason: 'Nothing to estimate.' };
  const move = model.liquidation;
  if (move.kind === 'none') return { source: 'none', reason: move.reason };
  return { source: 'estimate', price: movedPrice(mark, move.factor), movePct: move.movePct, pastLiquidation: move.pastLiquidation };
}

function exchangeOrEstimate(wallet: MarginWallet, model: StressModel | undefined, mark: Decimal | undefined): LiquidationPrice {
  const trigger = wallet.triggers.mm;
  if (big(trigger).gt(ZERO)) return { source: 'exchange', price: trigger, movePct: mark === undefined ? null : percentMove(mark, trigger) };
  return estimatedPrice(model, mark, null);
}
