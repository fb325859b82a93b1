/**
 * A simulated master with `members` generated subaccounts and one Kraken API key per subaccount:
 * the shape of a desk after 2027-03-01, when a master view needs a key (and a stream) per account.
 * Tests and benchmarks of desks at scale start from it.
 */
import { SimulatedExchange, type SimulatedExchangeOptions } from './exchange.ts';
import type { SpotPermission } from './keys.ts';

export interface DeskMemberKey {
  /** The subaccount's name as a profile would carry it. */
  readonly name: string;
  readonly accountUid: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface DeskExchangeOptions extends SimulatedExchangeOptions {
  readonly members: number;
  /** Members (by index) whose key lacks the WebSocket permission: their stream is refused. */
  readonly refused?: ReadonlySet<number>;
}

export function createDeskExchange(options: DeskExchangeOptions): { readonly exchange: SimulatedExchange; readonly keys: readonly DeskMemberKey[] } {
  const exchange = new SimulatedExchange({ seed: 17, ...options });
  // Every instrument and currency the subaccount generator draws from needs a price.
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.setMarkPrice('pi_xbtusd', '64000');
  exchange.setMarkPrice('pf_ethusd', '3200');
  exchange.setUsdRate('EUR', '1.08');
  exchange.setUsdRate('GBP', '1.27');
  const keys = exchange.addSubaccounts(options.members).map((sub, i) => {
    const spotPermissions: SpotPermission[] = options.refused?.has(i) ? [] : ['websocket'];
    return { name: sub.fullName ?? sub.email, accountUid: sub.uid, ...exchange.addKey({ account: sub.uid, spotPermissions }) };
  });
  return { exchange, keys };
}
