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
import { decodeUwsFrame } from './decode-frame.ts';
import type { FlexMargin, MarginMessage, MissingForHealth } from './decode-margin.ts';
import type { PositionsMessage } from './decode-positions.ts';

/** Wallet types whose balance is a holding (REST's cash account); a ledger entry may name none. */
const HOLDING_WALLETS = new Set(['spot', '']);

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
    else this.#unknownMargin.set(message.sentType, { key: message.sentType, type: message.sentType, raw: message.raw });
  }

  #applyPositions(message: PositionsMessage): void {
    if (message.type === 'snapshot') {
      this.#positions.clear();
      this.#markPrices.clear();
    }
    for (const symbol of message.closed) this.#positions.delete(symbol);
    for (const position of message.positions) this.#positions.set(position.symbol, position);
    for (const [symbol, price] of Object.entries(message.markPrices)) this.#markPrices.set(symbol, price);
    if (message.time !== null) this.#serverTime = message.time;
  }

  #applyBalances(message: BalancesMessage): void {
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
