/**
 * A Unified WebSocket account as its messages describe it, and the snapshot of the one model
 * (../model.ts) it amounts to, so that a streamed profile shows what a REST profile shows.
 *
 * What each channel means (the notes, ../../../../shared/reference/kraken-uws-notes.md):
 * - `margin`: every message replaces one section, named by `type`; one cache per type
 *   (`multi_collateral`: the flex wallet; `single_collateral`: the single-collateral wallets).
 *   Unknown types are kept raw and shown, never a reason to fail.
 * - `positions`: one snapshot, then updates of the positions that changed; size 0 closes one.
 * - `balances`: a snapshot of every asset's wallets, then ledger entries carrying the new balance.
 *
 * Field names are UWS's documented ones where known (`size`, `entry_price`) and otherwise the
 * candidates the notes list (v1 snake_case, REST camelCase). A figure health needs that no candidate
 * supplied is a placeholder 0 listed in `missingFigures`, so the account's health is "unknown"
 * rather than judged on a made-up number. Numbers arrive exactly (parseJsonExact) as numbers or strings.
 */
import { toCurrency } from '../currency.ts';
import { parseDecimal, ZERO } from '../../../src-shared/decimal.ts';
import { parseJsonExact } from '../decode/exact-json.ts';
import type { AccountSnapshot, CurrencyAmount, Decimal, FlexAccount, FlexCurrency, MarginWallet, OpenPosition, UnknownAccount } from '../../../src-shared/account-model.ts';

type Fields = Readonly<Record<string, unknown>>;

function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Candidate names per model figure: the v1 snake_case guess first, then REST's camelCase. */
const FLEX_FIGURES = {
  balanceValue: ['balance_value', 'balanceValue'],
  portfolioValue: ['portfolio_value', 'portfolioValue'],
  collateralValue: ['collateral_value', 'collateralValue'],
  // v1's `initial_margin` seems to include orders and `initial_margin_without_orders` not (the notes).
  initialMargin: ['initial_margin_without_orders', 'initialMargin'],
  initialMarginWithOrders: ['initial_margin', 'initialMarginWithOrders'],
  maintenanceMargin: ['maintenance_margin', 'maintenanceMargin'],
  pnl: ['pnl'],
  unrealizedFunding: ['unrealized_funding', 'unrealizedFunding'],
  totalUnrealized: ['total_unrealized', 'totalUnrealized'],
  totalUnrealizedAsMargin: ['total_unrealized_as_margin', 'totalUnrealizedAsMargin'],
  marginEquity: ['margin_equity', 'marginEquity'],
  availableMargin: ['available_margin', 'availableMargin'],
} as const;

/** What flex health is computed from (src-main/monitor/health.ts). */
const FLEX_HEALTH_FIGURES: readonly (keyof typeof FLEX_FIGURES)[] = ['marginEquity', 'maintenanceMargin', 'initialMargin', 'initialMarginWithOrders'];

const WALLET_FIGURES = {
  portfolioValue: ['portfolio_value', 'pv'],
  pnl: ['pnl'],
  availableFunds: ['available', 'af', 'available_funds'],
  maintenanceMargin: ['maintenance_margin', 'mm'],
  initialMargin: ['initial_margin', 'im'],
} as const;

const WALLET_HEALTH_FIGURES: readonly (keyof typeof WALLET_FIGURES)[] = ['portfolioValue', 'maintenanceMargin', 'initialMargin'];

/** Words for a missing figure: the model's name and the names looked for. */
function describeMissing(name: string, candidates: readonly string[]): string {
  const words = name.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
  return `${words} (${candidates.join(' or ')})`;
}

function figureOf(fields: Fields, candidates: readonly string[]): Decimal | null {
  for (const name of candidates) {
    if (!(name in fields)) continue;
    const value = parseDecimal(fields[name]);
    if (value !== null) return value;
  }
  return null;
}

/** Every figure of `table` from `fields`, with the health figures that were missing named. */
function figuresOf<K extends string>(fields: Fields, table: Readonly<Record<K, readonly string[]>>, health: readonly K[], missing: string[]): Record<K, Decimal> {
  const out = {} as Record<K, Decimal>;
  for (const name of Object.keys(table) as K[]) {
    const value = figureOf(fields, table[name]);
    if (value === null && health.includes(name)) missing.push(describeMissing(name, table[name]));
    out[name] = value ?? ZERO;
  }
  return out;
}

/** Items of a map keyed by code or of a list of objects with a code field, as [code, fields]. */
function keyedItems(value: unknown, codeFields: readonly string[]): Array<[string, Fields]> {
  if (Array.isArray(value)) {
    return value.filter(isFields).flatMap((item): Array<[string, Fields]> => {
      const code = codeFields.map((field) => item[field]).find((candidate) => typeof candidate === 'string');
      return typeof code === 'string' ? [[code, item]] : [];
    });
  }
  return isFields(value) ? Object.entries(value).filter((entry): entry is [string, Fields] => isFields(entry[1])) : [];
}

function flexCurrency(code: string, fields: Fields): FlexCurrency {
  const value = figureOf(fields, ['value']) ?? ZERO;
  return {
    currency: toCurrency(code),
    quantity: figureOf(fields, ['quantity']) ?? ZERO,
    value,
    collateral: figureOf(fields, ['collateral_value', 'collateral', 'collateralValue']) ?? ZERO,
    available: figureOf(fields, ['available']) ?? ZERO,
    haircut: figureOf(fields, ['haircut']),
  };
}

interface Decoded<T> {
  readonly value: T;
  /** By account key: the health figures the message did not carry. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
}

function decodeFlex(data: Fields): Decoded<FlexAccount> {
  const missing: string[] = [];
  const figures = figuresOf(data, FLEX_FIGURES, FLEX_HEALTH_FIGURES, missing);
  const breakdown = data['portfolio_margin_breakdown'] ?? data['portfolioMarginBreakdown'];
  const flex: FlexAccount = {
    ...figures,
    currencies: keyedItems(data['currencies'], ['currency', 'asset', 'code']).map(([code, fields]) => flexCurrency(code, fields)),
    portfolioMarginBreakdown: isFields(breakdown)
      ? Object.fromEntries(Object.entries(breakdown).flatMap(([key, value]) => {
          const decimal = parseDecimal(value);
          return decimal === null ? [] : [[key, decimal]];
        }))
      : null,
  };
  return { value: flex, missing: missing.length === 0 ? {} : { flex: missing } };
}

/** `F-XBT:USD` → `fi_xbtusd`, REST's key of the same wallet, so history and alerts join both sources. */
export function walletKeyOf(name: string): { readonly key: string; readonly base: string } | null {
  const match = /^F-([A-Za-z0-9]+):([A-Za-z]+)$/.exec(name.trim());
  if (match === null) return null;
  const base = match[1]!.toLowerCase();
  return { key: `fi_${base}${match[2]!.toLowerCase()}`, base };
}

function decodeWallets(data: Fields): Decoded<MarginWallet[]> {
  const wallets: MarginWallet[] = [];
  const missing: Record<string, readonly string[]> = {};
  for (const [name, fields] of keyedItems(data, ['name'])) {
    const identity = walletKeyOf(typeof fields['name'] === 'string' ? fields['name'] : name);
    if (identity === null) continue;
    const absent: string[] = [];
    const figures = figuresOf(fields, WALLET_FIGURES, WALLET_HEALTH_FIGURES, absent);
    const unit = typeof fields['unit'] === 'string' ? fields['unit'] : identity.base;
    const balance = figureOf(fields, ['balance']);
    wallets.push({
      key: identity.key,
      currency: toCurrency(unit),
      balances: balance === null ? [] : [{ currency: toCurrency(unit), amount: balance }],
      contracts: [],
      portfolioValue: figures.portfolioValue,
      pnl: figures.pnl,
      availableFunds: figures.availableFunds,
      funding: figureOf(fields, ['unrealized_funding', 'funding']),
      usd: null,
      margin: { im: figures.initialMargin, mm: figures.maintenanceMargin, lt: null, tt: null },
      // UWS sends no liquidation estimate (REST's triggerEstimates): 0 is the model's "none".
      triggers: { im: ZERO, mm: ZERO, lt: null, tt: null },
    });
    if (absent.length > 0) missing[`wallet:${identity.key}`] = absent;
  }
  return { value: wallets, missing };
}

function decodePosition(fields: Fields): { symbol: string; position: OpenPosition | null; markPrice: Decimal | null } | null {
  const instrument = [fields['instrument'], fields['symbol']].find((value) => typeof value === 'string');
  if (typeof instrument !== 'string') return null;
  const symbol = instrument.toLowerCase();
  const size = figureOf(fields, ['size', 'balance']);
  const markPrice = figureOf(fields, ['mark_price', 'markPrice']);
  if (size === null || size === ZERO) return { symbol, position: null, markPrice };
  const negative = size.startsWith('-');
  return {
    symbol,
    markPrice,
    position: {
      symbol,
      side: negative ? 'short' : 'long',
      size: (negative ? size.slice(1) : size) as Decimal,
      price: figureOf(fields, ['entry_price', 'price']) ?? ZERO,
      fillTime: null,
      unrealizedFunding: figureOf(fields, ['unrealized_funding', 'unrealizedFunding']),
    },
  };
}

/** The channels' caches; apply frames in order, ask for the snapshot when needed. */
export class UwsAccountState {
  #flex: Decoded<FlexAccount> | null = null;
  #wallets: Decoded<MarginWallet[]> | null = null;
  readonly #unknownMargin = new Map<string, UnknownAccount>();
  readonly #positions = new Map<string, OpenPosition>();
  readonly #markPrices = new Map<string, Decimal>();
  /** Holding (spot) balances by asset. */
  readonly #cash = new Map<string, Decimal>();
  #serverTime: string | null = null;

  /** Applies one data frame (its raw text); returns false when it changed nothing this model shows. */
  apply(channel: string, type: string | undefined, frame: string): boolean {
    const message = parseJsonExact(frame);
    if (!isFields(message)) return false;
    const data = message['data'];
    switch (channel) {
      case 'margin':
        return this.#applyMargin(type, data);
      case 'positions':
        return this.#applyPositions(type, data);
      case 'balances':
        return this.#applyBalances(type, data);
      default:
        return false;
    }
  }

  #applyMargin(type: string | undefined, data: unknown): boolean {
    if (!isFields(data)) return false;
    if (type === 'multi_collateral') this.#flex = decodeFlex(data);
    else if (type === 'single_collateral') this.#wallets = decodeWallets(data);
    else this.#unknownMargin.set(type ?? 'margin', { key: type ?? 'margin', type: type ?? 'margin', raw: data });
    return true;
  }

  #applyPositions(type: string | undefined, data: unknown): boolean {
    if (!isFields(data)) return false;
    if (type === 'snapshot') {
      this.#positions.clear();
      this.#markPrices.clear();
    }
    const lists = [data['futures'], data['options']].filter(Array.isArray).flat();
    for (const item of lists) {
      if (!isFields(item)) continue;
      const decoded = decodePosition(item);
      if (decoded === null) continue;
      if (decoded.position === null) this.#positions.delete(decoded.symbol);
      else this.#positions.set(decoded.symbol, decoded.position);
      if (decoded.markPrice !== null) this.#markPrices.set(decoded.symbol, decoded.markPrice);
    }
    if (typeof data['time'] === 'string') this.#serverTime = data['time'];
    return true;
  }

  #applyBalances(type: string | undefined, data: unknown): boolean {
    if (!Array.isArray(data)) return false;
    if (type === 'snapshot') this.#cash.clear();
    for (const entry of data) {
      if (!isFields(entry) || typeof entry['asset'] !== 'string') continue;
      if (type === 'snapshot') {
        const spot = Array.isArray(entry['wallets']) ? entry['wallets'].filter(isFields).find((wallet) => wallet['type'] === 'spot') : undefined;
        const balance = spot === undefined ? null : parseDecimal(spot['balance']);
        if (balance !== null) this.#cash.set(entry['asset'], balance);
      } else if ((entry['wallet_type'] ?? 'spot') === 'spot') {
        const balance = parseDecimal(entry['balance']);
        if (balance !== null) this.#cash.set(entry['asset'], balance);
      }
    }
    return true;
  }

  /** The account in the one model, received at `fetchedAt`. */
  snapshot(profileId: string, fetchedAt: number): AccountSnapshot {
    const missing = { ...this.#flex?.missing, ...this.#wallets?.missing };
    const cash: CurrencyAmount[] = [...this.#cash].map(([asset, amount]) => ({ currency: toCurrency(asset), amount }));
    return {
      profileId,
      fetchedAt,
      serverTime: this.#serverTime,
      accounts: {
        cash: { balances: cash },
        marginWallets: this.#wallets?.value ?? [],
        flex: this.#flex?.value ?? null,
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
