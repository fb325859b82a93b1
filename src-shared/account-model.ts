/**
 * The one normalised model of a Kraken Futures account.
 *
 * Kraken returns the same facts in two shapes (`/accounts` keys flex currencies by upper-case code in
 * a map, `/subaccounts` lists them lower-case in an array), as JSON numbers or decimal strings, with
 * XBT and BTC used for the same coin. The parsers in this folder turn both into the types below;
 * every later layer (store, monitor, bridge, renderer) reads only these types, never raw JSON.
 *
 * Every type here is plain data (no classes) so that it survives JSON (SQLite) and structured clone
 * (IPC) unchanged.
 */

/**
 * An exact decimal amount as a canonical decimal string: no exponent, no leading '+', '-' only for
 * negatives, no trailing fractional zeros ("0.1185308247", "-0.0009056832839642471", "5000").
 * Never a JS number: arithmetic goes through big.js (see ./decimal.ts) so that no float artefact
 * such as 0.30000000000000004 can reach a total or the screen.
 */
export type Decimal = string & { readonly __decimal: unique symbol };

/** A currency as shown and joined (upper-case, XBT → BTC) next to the code Kraken sent. */
export interface Currency {
  /** Normalised display and join code: upper-case, `XBT` → `BTC`. */
  readonly code: string;
  /** Exactly what Kraken sent (`xbt`, `XBT`, `usd credit`). */
  readonly raw: string;
}

export interface CurrencyAmount {
  readonly currency: Currency;
  readonly amount: Decimal;
}

/** `accounts.cash` (type `cashAccount`): holding balances, lower-case keys in Kraken's response. */
export interface CashAccount {
  readonly balances: readonly CurrencyAmount[];
}

/** A contract size held in a single-collateral wallet (balance keys containing `_`, e.g. `pi_xbtusd`). */
export interface ContractBalance {
  readonly symbol: string;
  readonly size: Decimal;
}

/** The four margin levels Kraken reports; `lt`/`tt` are legacy and only shown, never used for health. */
export interface MarginLevels {
  readonly im: Decimal;
  readonly mm: Decimal;
  readonly lt: Decimal | null;
  readonly tt: Decimal | null;
}

/**
 * A single-collateral margin wallet (`fi_xbtusd`, `fv_ethusd`…, type `marginAccount`).
 * All money figures are in `currency` (BTC for `fi_xbtusd`), trigger estimates are mark prices.
 */
export interface MarginWallet {
  /** Kraken's account key, e.g. `fi_xbtusd`. */
  readonly key: string;
  readonly currency: Currency;
  /** Currency balances only (keys without `_`). */
  readonly balances: readonly CurrencyAmount[];
  /** Contract sizes (keys with `_`), kept apart so they are never summed as money. */
  readonly contracts: readonly ContractBalance[];
  /** pv: portfolio value. */
  readonly portfolioValue: Decimal;
  /** pnl: unrealised profit and loss of open positions. */
  readonly pnl: Decimal;
  /** af: available funds. */
  readonly availableFunds: Decimal;
  readonly funding: Decimal | null;
  /** auxiliary.usd, when Kraken sends it. */
  readonly usd: Decimal | null;
  /** Margin requirements in the wallet currency. */
  readonly margin: MarginLevels;
  /**
   * Trigger estimates: mark prices at which each level would be reached.
   * `triggers.mm` is the estimated liquidation price; 0 means "no position".
   */
  readonly triggers: MarginLevels;
}

/** One collateral currency of a flex (multi-collateral) account. */
export interface FlexCurrency {
  readonly currency: Currency;
  readonly quantity: Decimal;
  /** USD value of the quantity. */
  readonly value: Decimal;
  /** USD value usable as collateral: value × (1 − haircut). */
  readonly collateral: Decimal;
  /** Quantity available (in the currency itself, not USD). */
  readonly available: Decimal;
  /** Haircut implied by 1 − collateral / value; null when value is 0 (no holding, no haircut to infer). */
  readonly haircut: Decimal | null;
}

/** A flex (multi-collateral, USD-margined) account: the master's `flex` and every subaccount's `flexAccount`. */
export interface FlexAccount {
  readonly currencies: readonly FlexCurrency[];
  readonly balanceValue: Decimal;
  readonly portfolioValue: Decimal;
  readonly collateralValue: Decimal;
  readonly initialMargin: Decimal;
  readonly initialMarginWithOrders: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly pnl: Decimal;
  readonly unrealizedFunding: Decimal;
  readonly totalUnrealized: Decimal;
  readonly totalUnrealizedAsMargin: Decimal;
  readonly marginEquity: Decimal;
  readonly availableMargin: Decimal;
  /** Optional in Kraken's response; its components are shown as sent (decimal values by key). */
  readonly portfolioMarginBreakdown: Readonly<Record<string, Decimal>> | null;
}

/** An account type this app does not know yet: kept and shown raw, never a reason to fail. */
export interface UnknownAccount {
  readonly key: string;
  readonly type: string;
  readonly raw: unknown;
}

/** `GET /accounts`, normalised. */
export interface Accounts {
  readonly cash: CashAccount | null;
  readonly marginWallets: readonly MarginWallet[];
  readonly flex: FlexAccount | null;
  readonly unknown: readonly UnknownAccount[];
  readonly serverTime: string | null;
}

/** A single-collateral futures wallet as `/subaccounts` reports it (`f-xbt:usd`). */
export interface SubaccountFuturesWallet {
  /** Kraken's name, e.g. `f-xbt:usd`. */
  readonly name: string;
  readonly base: Currency;
  /** availableMargin is in this (quote) currency. */
  readonly quote: Currency;
  readonly availableMargin: Decimal;
}

export interface Subaccount {
  readonly uid: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly holdings: readonly CurrencyAmount[];
  readonly futuresWallets: readonly SubaccountFuturesWallet[];
  readonly flex: FlexAccount | null;
}

/** `GET /subaccounts`, normalised. */
export interface Subaccounts {
  readonly masterUid: string;
  readonly subaccounts: readonly Subaccount[];
  readonly serverTime: string | null;
}

/** `GET /openpositions`, one position. */
export interface OpenPosition {
  /** Lower-case Kraken symbol (`pi_xbtusd`), the same key as `markPrices` and wallet contracts. */
  readonly symbol: string;
  /** `unknown`: Kraken sent a side this app does not know (enums may carry new values since 2026-05). */
  readonly side: 'long' | 'short' | 'unknown';
  readonly size: Decimal;
  readonly price: Decimal;
  readonly fillTime: string | null;
  readonly unrealizedFunding: Decimal | null;
}

/**
 * One level of a contract's margin schedule (`/instruments` → `marginLevels`): from `from` on, the
 * position is margined at these rates. `from` counts contracts (inverse and vanilla contracts,
 * Kraken's `contracts`) or quote-currency units of notional (flexible futures, `numNonContractUnits`).
 */
export interface MarginLevel {
  readonly from: Decimal;
  readonly initialMargin: Decimal;
  readonly maintenanceMargin: Decimal;
}

/** `GET /instruments`, one contract: what the liquidation estimate needs of it. */
export interface Instrument {
  /** Lower-case Kraken symbol (`pf_xbtusd`), the same key as positions and mark prices. */
  readonly symbol: string;
  /** `unknown`: a type this app does not know yet (enums may carry new values since 2026-05). */
  readonly type: 'flexible_futures' | 'futures_inverse' | 'futures_vanilla' | 'unknown';
  readonly base: Currency | null;
  readonly quote: Currency | null;
  /** What a margin level's `from` counts: contracts, or quote-currency units of notional. */
  readonly levelUnit: 'contracts' | 'quote';
  /** Kraken's `marginLevels` (professional clients), lowest level first; empty for indices. */
  readonly marginLevels: readonly MarginLevel[];
}

/** `GET /tickers`, the prices the app uses. */
export interface Ticker {
  /** Lower-case Kraken symbol (`pi_xbtusd`, `in_xbtusd`). */
  readonly symbol: string;
  readonly markPrice: Decimal | null;
  readonly indexPrice: Decimal | null;
  readonly last: Decimal | null;
}

export type PermissionLevel = 'NO_ACCESS' | 'READ_ONLY' | 'FULL_ACCESS' | 'unknown';

/** The key check (`/api/auth/v1/api-keys/v3/check`). */
export interface KeyPermissions {
  /** General (trading and account data). */
  readonly general: PermissionLevel;
  /** Transfers and withdrawals. */
  readonly transfer: PermissionLevel;
  /** Any further permission fields Kraken sends, as sent. */
  readonly other: Readonly<Record<string, string>>;
}

/**
 * Everything one refresh of a profile learns: what the store keeps as the latest snapshot,
 * what the monitor evaluates and what the bridge carries to the renderer.
 */
export interface AccountSnapshot {
  readonly profileId: string;
  /** When the app received the data (ms since epoch, the app's clock). */
  readonly fetchedAt: number;
  /** Kraken's serverTime of the accounts response, when sent. */
  readonly serverTime: string | null;
  readonly accounts: Accounts;
  /** null when the key cannot list subaccounts (not a master account). */
  readonly subaccounts: Subaccounts | null;
  readonly positions: readonly OpenPosition[];
  /** Mark prices by symbol (lower-case Kraken symbol, e.g. `pi_xbtusd`). */
  readonly markPrices: Readonly<Record<string, Decimal>>;
  /**
   * The instruments of the contracts held, by lower-case symbol (their margin levels drive the
   * liquidation estimate). Absent in snapshots from before it existed or when `/instruments` failed.
   */
  readonly instruments?: Readonly<Record<string, Instrument>>;
  /**
   * Figures health needs that the source did not send, by account key (`flex`, `wallet:<key>`):
   * their model fields hold a placeholder that must not be judged, and the account's health is
   * `unknown`. The Unified WebSocket's field names are partly guessed, so its decoders fill this;
   * absent (REST, and snapshots stored before it existed) means every figure was sent.
   */
  readonly missingFigures?: Readonly<Record<string, readonly string[]>>;
}
