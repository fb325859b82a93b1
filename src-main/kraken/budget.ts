/**
 * Kraken Futures' cost budget: every `/derivatives` request costs points (accounts and
 * openpositions 2; subaccounts is not listed, treated as 2; public endpoints 0) and a key may
 * spend 500 points per 10 seconds, else `apiLimitExceeded`.
 *
 * Modelled as a sliding window of what was spent in the last 10 s. The client waits for room
 * rather than overspend; the simulator refuses what does not fit, as Kraken does.
 */
import type { Clock } from '../../src-shared/clock.ts';

export const BUDGET_LIMIT = 500;
export const BUDGET_WINDOW_MS = 10_000;
/**
 * The client's window is a little longer than Kraken's: the client counts a spend when it sends,
 * Kraken when the request arrives, so with a varying network delay a request sent exactly 10 s
 * after an earlier one could arrive inside Kraken's window of it.
 */
export const CLIENT_BUDGET_WINDOW_MS = BUDGET_WINDOW_MS + 1_000;

/** Cost of each endpoint the app calls. */
export const ENDPOINT_COST = {
  accounts: 2,
  openpositions: 2,
  subaccounts: 2,
  tickers: 0,
  instruments: 0,
  /** The key check is served by Kraken's auth service, outside the /derivatives budget. */
  keyCheck: 0,
} as const;

interface Spend {
  readonly at: number;
  readonly cost: number;
}

export class CostBudget {
  readonly #clock: Clock;
  readonly #limit: number;
  readonly #windowMs: number;
  #spends: Spend[] = [];

  constructor(clock: Clock, limit = BUDGET_LIMIT, windowMs = BUDGET_WINDOW_MS) {
    this.#clock = clock;
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  #forgetExpired(now: number): void {
    const firstLive = this.#spends.findIndex((spend) => spend.at + this.#windowMs > now);
    this.#spends = firstLive === -1 ? [] : this.#spends.slice(firstLive);
  }

  /** Points that can be spent right now. */
  available(): number {
    this.#forgetExpired(this.#clock.now());
    return this.#limit - this.#spends.reduce((total, spend) => total + spend.cost, 0);
  }

  /** Spends `cost` if it fits now; the simulator's check. */
  tryConsume(cost: number): boolean {
    if (cost > this.available()) return false;
    if (cost > 0) this.#spends.push({ at: this.#clock.now(), cost });
    return true;
  }

  /** Milliseconds until `cost` fits (0 if it fits now). */
  waitTime(cost: number): number {
    const now = this.#clock.now();
    let free = this.available();
    for (const spend of this.#spends) {
      if (free >= cost) break;
      free += spend.cost;
      if (free >= cost) return spend.at + this.#windowMs - now;
    }
    return free >= cost ? 0 : this.#windowMs;
  }

  /** Waits until `cost` fits, then spends it. Rejects when `signal` aborts. */
  async acquire(cost: number, signal?: AbortSignal): Promise<void> {
    if (cost > this.#limit) throw new RangeError(`A request costing ${cost} can never fit a budget of ${this.#limit}`);
    while (!this.tryConsume(cost)) await this.#clock.sleep(this.waitTime(cost), signal);
  }

  /**
   * Kraken said the budget is spent (someone else uses this key too, or its clock differs): treat
   * the whole window as used from now, so the next request waits for a full refill.
   */
  exhaust(): void {
    const now = this.#clock.now();
    this.#spends = [{ at: now, cost: this.#limit }];
  }
}

/**
 * One budget per API key, shared by every client that uses the key. The window defaults to the
 * client's (Kraken's plus the network margin); the simulator passes Kraken's exact window.
 */
export class CostBudgets {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #budgets = new Map<string, CostBudget>();

  constructor(clock: Clock, windowMs = CLIENT_BUDGET_WINDOW_MS) {
    this.#clock = clock;
    this.#windowMs = windowMs;
  }

  for(apiKey: string): CostBudget {
    let budget = this.#budgets.get(apiKey);
    if (budget === undefined) {
      budget = new CostBudget(this.#clock, BUDGET_LIMIT, this.#windowMs);
      this.#budgets.set(apiKey, budget);
    }
    return budget;
  }
}
