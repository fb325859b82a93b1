/**
 * Where a profile's figures come from. The monitor and the profiles layer depend on this interface
 * only: today the REST client (./rest-data-source.ts) and the in-process simulated exchange behind
 * it; after Kraken decommissions the Derivatives REST API on 2027-03-01, a Unified WebSocket source
 * can implement it without touching the layers above.
 */
import type { AccountSnapshot } from '../../src-shared/account-model.ts';

export interface AccountDataSource {
  /**
   * Everything one refresh learns about a profile. Throws AppErrors (KrakenError with a `category`
   * for exchange failures, the keychain's errors for unreadable credentials); `aborted` when
   * `signal` fires.
   */
  fetchSnapshot(profileId: string, signal?: AbortSignal): Promise<AccountSnapshot>;
}
