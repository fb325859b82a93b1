/**
 * The simulated Kraken Futures exchange: accounts, subaccounts, keys, prices and faults, driven by
 * tests and by the Sample profile, served through ./handler.ts (in-process) or ./server.ts
 * (loopback HTTP).
 *
 * Every figure is derived from holdings, positions and prices on each request, so moving a mark
 * price moves PnL, margin equity, available margin and liquidation estimates together.
 */
import { systemClock, type Clock } from '../../../src-shared/clock.ts';
import { add, toDecimal, ZERO } from '../../../src-shared/decimal.ts';
import { normaliseCurrencyCode } from '../currency.ts';
import type { FetchFunction } from '../transport.ts';
import type { Decimal } from '../../../src-shared/account-model.ts';
import { walletKeyOf, type SimAccount, type SimFlex, type SimWallet } from './accounts.ts';
import { FaultPlan, type Fault, type FaultScope, type SimEndpoint } from './faults.ts';
import { RequestHandler } from './handler.ts';
import { baseOf, instrumentKind } from './instruments.ts';
import { READ_ONLY, WEBSOCKET_ONLY, type SimKey, type SimKeyPermissions, type SpotPermission } from './keys.ts';
import { Market } from './market.ts';
import { randomBase64, randomUuid, seededRandom, type Random } from './random.ts';
import { DOCS_STYLE, type RenderContext, type ResponseStyle } from './render.ts';
import { listen, type ListenOptions, type RunningServer } from './server.ts';
import { generateSubaccount } from './subaccount-generator.ts';
import { UwsServer, UWS_PRIVATE_PATH, type UwsServerOptions } from './uws-server.ts';
import { UwsTokens } from './uws-tokens.ts';

export interface SimulatedExchangeOptions {
  readonly clock?: Clock;
  /** Seed of every generated UID, secret and subaccount. */
  readonly seed?: number;
  readonly style?: ResponseStyle;
  /** Called before each request with the time: moves prices for an exchange that should look alive. */
  readonly priceDriver?: (market: Market, now: number) => void;
}

/** The simulator on loopback: REST at `url`, the Unified WebSocket at `uwsUrl` with its fault controls. */
export interface ExchangeServer extends RunningServer {
  readonly uwsUrl: string;
  readonly uws: UwsServer;
}

/** Which account a control call is about: the master (default) or a subaccount by UID. */
export interface AccountTarget {
  readonly account?: string;
}

export interface NewKey extends AccountTarget {
  readonly permissions?: SimKeyPermissions;
  /** Spot / Unified WebSocket permissions (default: the WebSocket permission only). */
  readonly spotPermissions?: readonly SpotPermission[];
  /** Fixed credentials (e.g. to share with another client library); generated otherwise. */
  readonly apiKey?: string;
  readonly apiSecret?: string;
}

/** Haircuts in the range Kraken applies; change them with setHaircut as Kraken does without notice. */
const DEFAULT_HAIRCUTS: Readonly<Record<string, string>> = { USD: '0', USDC: '0', USDT: '0.01', BTC: '0.02', ETH: '0.03', EUR: '0.02245', GBP: '0.02245' };

export class SimulatedExchange {
  readonly clock: Clock;
  readonly market = new Market();
  readonly faults = new FaultPlan();
  /** Unified WebSocket tokens issued by the Spot token endpoint. */
  readonly uwsTokens: UwsTokens;
  readonly #random: Random;
  readonly #haircuts = new Map<string, Decimal>();
  readonly #keys = new Map<string, SimKey>();
  readonly #master: SimAccount;
  readonly #subaccounts: SimAccount[] = [];
  readonly #handler: RequestHandler;
  readonly #priceDriver: SimulatedExchangeOptions['priceDriver'];
  #style: ResponseStyle;
  #version = 0;
  readonly #changeListeners = new Set<() => void>();
  #changeQueued = false;

  constructor(options: SimulatedExchangeOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.#random = seededRandom(options.seed ?? 1);
    // Tokens draw from their own sequence: issuing one must not change later generated accounts.
    this.uwsTokens = new UwsTokens(this.clock, seededRandom((options.seed ?? 1) + 0x75_77_73));
    this.#style = options.style ?? DOCS_STYLE;
    for (const [code, haircut] of Object.entries(DEFAULT_HAIRCUTS)) this.#haircuts.set(code, toDecimal(haircut));
    this.#master = { uid: randomUuid(this.#random), email: 'master@example.com', fullName: 'Master', cash: new Map(), flex: null, wallets: [] };
    this.#handler = new RequestHandler(this);
    this.#priceDriver = options.priceDriver;
    this.market.onChange(() => this.#notify());
  }

  /**
   * Calls `listener` after the state changed (a control call, a price move), once per burst of
   * changes made in one synchronous run: the Unified WebSocket server pushes its updates from it.
   */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #notify(): void {
    if (this.#changeQueued || this.#changeListeners.size === 0) return;
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      for (const listener of this.#changeListeners) listener();
    });
  }

  /** Changes on every control call; with the market's version it keys rendered responses. */
  get version(): string {
    return `${this.#version}:${this.market.version}`;
  }

  #changed(): void {
    this.#version++;
    this.#notify();
  }

  get masterUid(): string {
    return this.#master.uid;
  }

  get style(): ResponseStyle {
    return this.#style;
  }

  setStyle(style: ResponseStyle): void {
    this.#style = style;
    this.#changed();
  }

  renderContext(): RenderContext {
    return { market: this.market, haircuts: this.#haircuts, style: this.#style };
  }

  // --- accounts -------------------------------------------------------------------------------

  account(uid: string): SimAccount | undefined {
    if (uid === this.#master.uid) return this.#master;
    return this.#subaccounts.find((sub) => sub.uid === uid);
  }

  #target(target: AccountTarget): SimAccount {
    const account = this.account(target.account ?? this.#master.uid);
    if (account === undefined) throw new RangeError(`No simulated account ${target.account}`);
    return account;
  }

  subaccounts(): readonly SimAccount[] {
    return this.#subaccounts;
  }

  /** Adds `count` generated subaccounts (deterministic for the exchange's seed). */
  addSubaccounts(count: number): SimAccount[] {
    const fillTime = new Date(this.clock.now()).toISOString();
    const added = Array.from({ length: count }, (_, i) =>
      generateSubaccount(this.#random, this.#subaccounts.length + i, this.market, fillTime),
    );
    this.#subaccounts.push(...added);
    this.#changed();
    return added;
  }

  /** Adds an empty subaccount to fill with the controls below. */
  addSubaccount(details: { readonly email: string; readonly fullName: string | null }): SimAccount {
    const sub: SimAccount = { uid: randomUuid(this.#random), ...details, cash: new Map(), flex: null, wallets: [] };
    this.#subaccounts.push(sub);
    this.#changed();
    return sub;
  }

  /** Holding (cash) balance, by Kraken's lower-case code (`xbt`, `usd`). */
  setCash(currency: string, amount: Decimal | string, target: AccountTarget = {}): void {
    this.#target(target).cash.set(currency.toLowerCase(), toDecimal(amount));
    this.#changed();
  }

  #flexOf(account: SimAccount): SimFlex {
    if (account.flex !== null) return account.flex;
    account.flex = { holdings: new Map(), positions: [] };
    return account.flex;
  }

  /** Adds collateral to the flex account (creating it). */
  deposit(currency: string, quantity: Decimal | string, target: AccountTarget = {}): void {
    const holdings = this.#flexOf(this.#target(target)).holdings;
    const code = normaliseCurrencyCode(currency);
    holdings.set(code, add(holdings.get(code) ?? ZERO, toDecimal(quantity)));
    this.#changed();
  }

  #walletOf(account: SimAccount, base: string): SimWallet {
    const key = `fi_${base}usd`;
    let wallet = account.wallets.find((w) => w.key === key);
    if (wallet === undefined) {
      wallet = { key, base, balance: ZERO, positions: [] };
      account.wallets.push(wallet);
    }
    return wallet;
  }

  /** Balance of the single-collateral wallet of a base coin (`xbt` → `fi_xbtusd`), creating it. */
  setWalletBalance(base: string, balance: Decimal | string, target: AccountTarget = {}): void {
    this.#walletOf(this.#target(target), base.toLowerCase()).balance = toDecimal(balance);
    this.#changed();
  }

  /**
   * Opens a position at `entryPrice` (default: the current mark): `pf_*` in the flex account,
   * `pi_*` in the matching single-collateral wallet. Size signed (negative: short).
   */
  openPosition(spec: AccountTarget & { readonly symbol: string; readonly size: Decimal | string; readonly entryPrice?: Decimal | string }): void {
    const account = this.#target(spec);
    const symbol = spec.symbol.toLowerCase();
    const position = {
      symbol,
      size: toDecimal(spec.size),
      entryPrice: spec.entryPrice === undefined ? this.market.markPrice(symbol) : toDecimal(spec.entryPrice),
      fillTime: new Date(this.clock.now()).toISOString(),
    };
    if (instrumentKind(symbol) === 'inverse') {
      const wallet = this.#walletOf(account, baseOf(symbol));
      if (wallet.key !== walletKeyOf(symbol)) throw new RangeError(`No wallet for ${symbol}`);
      wallet.positions.push(position);
    } else this.#flexOf(account).positions.push(position);
    this.#changed();
  }

  /** Closes every position in `symbol` (flex or single-collateral wallet). */
  closePosition(spec: AccountTarget & { readonly symbol: string }): void {
    const account = this.#target(spec);
    const symbol = spec.symbol.toLowerCase();
    for (const positions of [account.flex?.positions ?? [], ...account.wallets.map((wallet) => wallet.positions)]) {
      for (let i = positions.length - 1; i >= 0; i--) if (positions[i]?.symbol === symbol) positions.splice(i, 1);
    }
    this.#changed();
  }

  /**
   * Lists `count` generated linear contracts (`pf_sim0usd`, …) and opens a position in each: an
   * account with many positions, such as the 1,000 positions of the Unified WebSocket's limits.
   */
  openGeneratedPositions(count: number, target: AccountTarget = {}): void {
    for (let i = 0; i < count; i++) {
      const symbol = `pf_sim${i}usd`;
      this.market.setMarkPrice(symbol, String(10 + (i % 90)));
      this.openPosition({ ...target, symbol, size: String((i % 7) - 3 || 1), entryPrice: String(10 + ((i * 7) % 90)) });
    }
  }

  setMarkPrice(symbol: string, price: Decimal | string | number): void {
    this.market.setMarkPrice(symbol, price);
  }

  setUsdRate(currency: string, rate: Decimal | string | number): void {
    this.market.setUsdRate(currency, rate);
  }

  setHaircut(currency: string, haircut: Decimal | string): void {
    this.#haircuts.set(normaliseCurrencyCode(currency), toDecimal(haircut));
    this.#changed();
  }

  // --- keys and faults ------------------------------------------------------------------------

  /** Issues an API key (64-byte base64 secret) for the master or a subaccount. */
  addKey(spec: NewKey = {}): { readonly apiKey: string; readonly apiSecret: string } {
    const key: SimKey = {
      apiKey: spec.apiKey ?? randomBase64(this.#random, 42),
      apiSecret: spec.apiSecret ?? randomBase64(this.#random, 64),
      accountUid: this.#target(spec).uid,
      permissions: spec.permissions ?? READ_ONLY,
      spotPermissions: spec.spotPermissions ?? WEBSOCKET_ONLY,
      createdAt: new Date(this.clock.now()).toISOString(),
    };
    this.#keys.set(key.apiKey, key);
    return { apiKey: key.apiKey, apiSecret: key.apiSecret };
  }

  key(apiKey: string): SimKey | undefined {
    return this.#keys.get(apiKey);
  }

  /** Requests received for `endpoint` so far, answered or not. */
  requestCount(endpoint: SimEndpoint): number {
    return this.#handler.requestCount(endpoint);
  }

  injectFault(fault: Fault, scope?: FaultScope): void {
    this.faults.add(fault, scope);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- serving --------------------------------------------------------------------------------

  /** The fetch-compatible handler: `(request) => Promise<Response>`. */
  handle(request: Request): Promise<Response> {
    this.#priceDriver?.(this.market, this.clock.now());
    return this.#handler.handle(request);
  }

  /**
   * Runs the price driver every `intervalMs` on the exchange's clock, so that prices move (and
   * Unified WebSocket subscribers get updates) without any REST request. Returns the stop function.
   */
  drivePrices(intervalMs: number): () => void {
    let cancel: (() => void) | null = null;
    const tick = () => {
      this.#priceDriver?.(this.market, this.clock.now());
      cancel = this.clock.timer(intervalMs, tick);
    };
    cancel = this.clock.timer(intervalMs, tick);
    return () => cancel?.();
  }

  /** For the client's `fetch` option: serves in-process, no socket involved. */
  readonly fetch: FetchFunction = (input, init) => this.handle(new Request(input, init));

  /**
   * Serves on loopback (port 0: any free port): REST and Spot REST over HTTP at `url`, the Unified
   * WebSocket at `uwsUrl` on the same port.
   */
  async listen(options: ListenOptions & { readonly uws?: UwsServerOptions } = {}): Promise<ExchangeServer> {
    const running = await listen((request) => this.handle(request), options);
    const uws = new UwsServer(this, running.server, options.uws);
    return {
      ...running,
      uws,
      uwsUrl: `${running.url.replace(/^http/, 'ws')}${UWS_PRIVATE_PATH}`,
      close: async () => {
        await uws.close();
        await running.close();
      },
    };
  }
}
