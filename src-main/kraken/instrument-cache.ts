/**
 * Kraken's instrument list (public `/instruments`), fetched at most once an hour per profile:
 * margin levels change rarely and the list is long. A failed fetch keeps the last good list and
 * is tried again after a minute; until a first list arrives, snapshots carry no instruments (the
 * liquidation estimate then says it lacks margin levels).
 */
import type { Clock } from '../../src-shared/clock.ts';
import type { Instrument } from '../../src-shared/account-model.ts';

export const INSTRUMENTS_MAX_AGE_MS = 60 * 60_000;
export const INSTRUMENTS_RETRY_MS = 60_000;

interface Entry {
  readonly bySymbol: ReadonlyMap<string, Instrument>;
  readonly fetchedAt: number;
}

export class InstrumentCache {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  readonly #failedAt = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * The instruments of `symbols` for a profile, fetching the list with `fetch` when it is missing
   * or an hour old; a fetch that fails leaves the last list in place (or none).
   */
  async instrumentsOf(profileId: string, symbols: readonly string[], fetch: () => Promise<Instrument[]>): Promise<Record<string, Instrument> | undefined> {
    const now = this.#clock.now();
    let entry = this.#entries.get(profileId);
    const failedAt = this.#failedAt.get(profileId);
    const due = entry === undefined || now - entry.fetchedAt >= INSTRUMENTS_MAX_AGE_MS;
    if (due && (failedAt === undefined || now - failedAt >= INSTRUMENTS_RETRY_MS)) {
      try {
        const list = await fetch();
        entry = { bySymbol: new Map(list.map((instrument) => [instrument.symbol, instrument])), fetchedAt: now };
        this.#entries.set(profileId, entry);
        this.#failedAt.delete(profileId);
      } catch {
        this.#failedAt.set(profileId, now);
      }
    }
    if (entry === undefined) return undefined;
    const held: Record<string, Instrument> = {};
    for (const symbol of symbols) {
      const instrument = entry.bySymbol.get(symbol);
      if (instrument !== undefined) held[symbol] = instrument;
    }
    return held;
  }
}
