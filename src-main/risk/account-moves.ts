/**
 * MoveInputs of each kind of account from what the account reports, for one move scope:
 * - a flex account (USD): what moves is the collateral of moved coins (value less the haircut the
 *   account's own figures imply, i.e. its reported collateral) and the notional of its linear
 *   contracts on moved underlyings; their maintenance margin follows their margin levels.
 * - a subaccount's flex account: Kraken lists no positions for subaccounts, so only collateral moves.
 * - a single-collateral inverse wallet (figures in its coin): see walletMoveInputs.
 * Equity and maintenance margin start from the account's own figures, so k = 1 is exactly what
 * Kraken reports.
 */
import type Big from 'big.js';
import { big, ZERO } from '../../src-shared/decimal.ts';
import type { Decimal, FlexAccount, Instrument, MarginWallet, OpenPosition } from '../../src-shared/account-model.ts';
import { isCrypto, signedSize, underlyingOf } from './contracts.ts';
import type { MoveInputs, MovingRequirement } from './move-model.ts';
import type { MoveScope } from '../../src-shared/risk-model.ts';

/** A position with what the estimate needs of it: its mark price and instrument (either may be missing). */
export interface HeldPosition {
  readonly position: OpenPosition;
  readonly mark: Decimal | undefined;
  readonly instrument: Instrument | undefined;
}

/** MoveInputs, or the reason they cannot be built (a missing mark price or margin levels). */
export type MoveInputsResult = { readonly ok: true; readonly inputs: MoveInputs } | { readonly ok: false; readonly reason: string };

export function moves(code: string, scope: MoveScope): boolean {
  return scope.kind === 'allCrypto' ? isCrypto(code) : code === scope.code;
}

export function scopeLabel(scope: MoveScope): string {
  return scope.kind === 'allCrypto' ? 'crypto' : scope.code;
}

function movingCollateral(flex: FlexAccount, scope: MoveScope): Big.Big {
  let total = big(ZERO);
  for (const currency of flex.currencies) if (moves(currency.currency.code, scope)) total = total.plus(currency.collateral);
  return total;
}

/** A flex account with its linear positions. */
export function flexMoveInputs(flex: FlexAccount, positions: readonly HeldPosition[], scope: MoveScope): MoveInputsResult {
  let equitySlope = movingCollateral(flex, scope);
  const moving: MovingRequirement[] = [];
  for (const { position, mark, instrument } of positions) {
    if (!moves(underlyingOf(position.symbol, instrument), scope)) continue;
    const symbol = position.symbol.toUpperCase();
    if (mark === undefined) return { ok: false, reason: `No mark price for ${symbol}.` };
    if (instrument === undefined) {
      // UWS profiles always land here: the notes know no margin schedule on the Unified WebSocket.
      return {
        ok: false,
        reason: `No margin levels for ${symbol}: these figures came without Kraken's instrument list (a Futures key's refresh fetches it; the Unified WebSocket sends none).`,
      };
    }
    if (instrument.marginLevels.length === 0) return { ok: false, reason: `No margin levels for ${symbol}: Kraken's instrument list gives none for it.` };
    const size = signedSize(position);
    equitySlope = equitySlope.plus(size.times(mark));
    moving.push({ notional: size.abs().times(mark), levels: instrument.marginLevels, levelUnit: instrument.levelUnit, contracts: size.abs() });
  }
  return {
    ok: true,
    inputs: { equityNow: big(flex.marginEquity), equitySlope, maintenanceNow: big(flex.maintenanceMargin), moving },
  };
}

/** A subaccount's flex account: collateral moves, positions are unknown and held. */
export function subaccountMoveInputs(flex: FlexAccount, scope: MoveScope): MoveInputs {
  return { equityNow: big(flex.marginEquity), equitySlope: movingCollateral(flex, scope), maintenanceNow: big(flex.maintenanceMargin), moving: [] };
}

/**
 * A single-collateral inverse wallet, in USD at the reference price P (the wallet coin's mark).
 * With every price of the coin times k, in the coin: pv(k) = pv + A × (1 − 1/k) where
 * A = Σ size_i / mark_i (inverse PnL), and mm(k) = mm / k (inverse margin levels count contracts,
 * which do not change with the price). In USD at price k × P both are straight lines:
 *   equity(k) = P × ((pv + A) × k − A),  maintenance(k) = P × mm.
 */
export function walletMoveInputs(wallet: MarginWallet, positions: readonly HeldPosition[], reference: Decimal | null, scope: MoveScope): MoveInputsResult {
  if (reference === null) return { ok: false, reason: `No mark price for the ${wallet.key} wallet's coin.` };
  const price = big(reference);
  const pv = big(wallet.portfolioValue);
  const equityNow = pv.times(price);
  const maintenanceNow = big(wallet.margin.mm).times(price);
  if (!moves(wallet.currency.code, scope)) return { ok: true, inputs: { equityNow, equitySlope: big(ZERO), maintenanceNow, moving: [] } };
  let exposure = big(ZERO);
  for (const { position, mark } of positions) {
    if (mark === undefined) return { ok: false, reason: `No mark price for ${position.symbol.toUpperCase()}.` };
    exposure = exposure.plus(signedSize(position).div(mark));
  }
  return { ok: true, inputs: { equityNow, equitySlope: pv.plus(exposure).times(price), maintenanceNow, moving: [] } };
}
