/**
 * A Unified WebSocket account as its messages describe it, and the snapshot of the one model
 * (src-shared/account-model.ts) it amounts to, so that a streamed profile shows what a REST profile
 * shows. Frames are decoded by ./decode-frame.ts (figures under their candidate names, read
 * exactly, wallets keyed as REST keys them); this keeps what each channel said:
 *
 * - `margin`: every message replaces one section, named by `type`; one cache per type
 *   (`multi_collateral`: the flex wallet; `single_collateral`: the single-collateral wallets).
 *   Unknown types are kept raw and shown, never a reason to fail.
 * - `positions`: one snapshot, then updates of the positions that changed; size 0 closes one.
 * - `balances`: a snapshot of every asset's wallets, then ledger entries carrying the new balance;
 *   the holdings are the spot wallets' balances (a ledger entry without a wallet type is a spot one).
 *
 * The health figures a section did not send go into the snapshot's `missingFigures`, so that
 * account's health is "unknown" with the reason rather than judged on a placeholder.
 */
import type { AccountSnapshot, Currency, Decimal, MarginWallet, OpenPosition, UnknownAccount } from '../../../src-shared/account-model.ts';
import type { BalancesMessage } from './decode-balances.ts';
import { SchemaError } from '../errors.ts';
import { decodeUwsFrame } from './decode-frame.ts';
import type { FlexMargin, MarginMessage, MissingForHealth } from './decode-margin.ts';
import type { PositionsMessage } from './decode-positions.ts';

/** Wallet types whose balance is a holding (REST's cash account); a ledger entry may name none. */
const HOLDING_WALLETS = new Set(['spot', '']);

/**
 * The most entries the state keeps of each kind. A REST answer is bounded by its size; a stream's
 * updates add up, so a peer gone wrong sending ever-new symbols, assets or margin types would grow
 * the state (and every snapshot stored and drawn from it) without end. Real accounts stay far below:
 * the app is tested with a thousand positions.
 */
export const MAX_STREAMED_POSITIONS = 10_000;
export const MAX_STREAMED_ASSETS = 2_000;
export const MAX_UNKNOWN_MARGIN_TYPES = 64;

/** Refuses a frame that would take a collection past its bound; the state stays as it was. */
function checkBound(count: number, bound: number, path: string, what: string): void {
  if (count > bound) throw new SchemaError(path, `within ${bound.toLocaleString('en-US')} ${what} (an account's stream never grows this large)`);
}

/**
 * How many keys `current` holds after a frame: emptied first when it `replace`s them, then `removed`
 * dropped, then `added` set (the order the state applies them in). Costs the frame's size, not the map's.
 */
function sizeAfter(current: ReadonlyMap<string, unknown>, replace: boolean, removed: readonly string[], added: readonly string[]): number {
  if (replace) return new Set(added).size;
  const gone = new Set(removed.filter((key) => current.has(key)));
  const fresh = new Set(added.filter((key) => !current.has(key) || gone.has(key)));
  return current.size - gone.size + fresh.size;
}

export class UwsAccountState {
  #flex: FlexMargin | null = null;
  #wallets: { readonly wallets: readonly MarginWallet[]; readonly missingForHealth: MissingForHealth } | null = null;
  readonly #unknownMargin = new Map<string, UnknownAccount>();
  readonly #positions = new Map<string, OpenPosition>();
  readonly #markPrices = new Map<string, Decimal>();
  /** Holding (spot) balances by the asset as sent. */
  readonly #cash = new Map<string, { readonly currency: Currency; readonly amount: Decimal }>();
  #serverTime: string | null = null;

  /**
   * Applies one data frame (its raw text); returns false when it carried nothing this model shows.
   * Throws a SchemaError for a frame that cannot be read, leaving the state as it was.
   */
  apply(frame: string): boolean {
    const message = decodeUwsFrame(frame);
    if (message === null) return false;
    switch (message.channel) {
      case 'margin':
        this.#applyMargin(message);
        break;
      case 'positions':
        this.#applyPositions(message);
        break;
      case 'balances':
        this.#applyBalances(message);
        break;
    }
    return true;
  }

  #applyMargin(message: MarginMessage): void {
    if (message.type === 'multi_collateral') this.#flex = message;
    else if (message.type === 'single_collateral') this.#wallets = message;
    else {
      checkBound(sizeAfter(this.#unknownMargin, false, [], [message.sentType]), MAX_UNKNOWN_MARGIN_TYPES, 'type', 'margin types');
      this.#unknownMargin.set(message.sentType, { key: message.sentType, type: message.sentType, raw: message.raw });
    }
  }

  #applyPositions(message: PositionsMessage): void {
    const snapshot = message.type === 'snapshot';
    const symbols = message.positions.map((position) => position.symbol);
    checkBound(sizeAfter(this.#positions, snapshot, message.closed, symbols), MAX_STREAMED_POSITIONS, 'data.futures', 'open positions');
    checkBound(sizeAfter(this.#markPrices, snapshot, [], Object.keys(message.markPrices)), MAX_STREAMED_POSITIONS, 'data.futures', 'mark prices');
    if (snapshot) {
      this.#positions.clear();
      this.#markPrices.clear();
    }
    for (const symbol of message.closed) this.#positions.delete(symbol);
    for (const position of message.positions) this.#positions.set(position.symbol, position);
    for (const [symbol, price] of Object.entries(message.markPrices)) this.#markPrices.set(symbol, price);
    if (message.time !== null) this.#serverTime = message.time;
  }

  #applyBalances(message: BalancesMessage): void {
    const assets = message.balances.map(({ currency }) => currency.raw);
    checkBound(sizeAfter(this.#cash, message.type === 'snapshot', [], assets), MAX_STREAMED_ASSETS, 'data', 'assets');
    if (message.type === 'snapshot') this.#cash.clear();
    for (const { currency, wallets } of message.balances) {
      const holding = wallets.find((wallet) => HOLDING_WALLETS.has(wallet.type));
      if (holding !== undefined) this.#cash.set(currency.raw, { currency, amount: holding.balance });
    }
  }

  /** The account in the one model, received at `fetchedAt`. */
  snapshot(profileId: string, fetchedAt: number): AccountSnapshot {
    const missing = { ...this.#flex?.missingForHealth, ...this.#wallets?.missingForHealth };
    return {
      profileId,
      fetchedAt,
      serverTime: this.#serverTime,
      accounts: {
        cash: { balances: [...this.#cash.values()] },
        marginWallets: this.#wallets?.wallets ?? [],
        flex: this.#flex?.flex ?? null,
        unknown: [...this.#unknownMargin.values()],
        serverTime: this.#serverTime,
      },
      subaccounts: null,
      positions: [...this.#positions.values()],
      markPrices: Object.fromEntries(this.#markPrices),
      ...(Object.keys(missing).length === 0 ? {} : { missingFigures: missing }),
    };
  }
}
