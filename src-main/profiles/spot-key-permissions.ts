/**
 * A Kraken API key's permissions (Spot `GetApiKeyInfo`) in the shape every key check reports, so the
 * profile card and the warnings read them as they read a Futures key's.
 *
 * Kraken's names for them could not be read when this was written (the notes: "field names were
 * not readable"), so they are recognised by the words Kraken's key page uses: a permission to place,
 * modify or cancel orders counts as trading (general: full access), one to deposit, withdraw or
 * transfer as moving funds (transfer: full access). Everything else (the WebSocket permission,
 * queries) only reads. Without an answer (the method is absent where the key was checked) both are
 * unknown, which the warnings turn into "check this key's permissions on Kraken".
 */
import type { KeyPermissions } from '../../src-shared/account-model.ts';
import type { SpotKeyInfo } from '../kraken/uws/spot-client.ts';

const TRADING = /trade|order|position|margin-trad/i;
const MOVING_FUNDS = /withdraw|deposit|transfer|fund-?move|earn/i;

export function spotKeyPermissions(info: SpotKeyInfo | null): KeyPermissions {
  if (info === null || info.permissions === null) return { general: 'unknown', transfer: 'unknown', other: {} };
  const names = info.permissions;
  return {
    general: names.some((name) => TRADING.test(name)) ? 'FULL_ACCESS' : 'READ_ONLY',
    transfer: names.some((name) => MOVING_FUNDS.test(name)) ? 'FULL_ACCESS' : 'NO_ACCESS',
    other: Object.fromEntries(names.filter((name) => !TRADING.test(name) && !MOVING_FUNDS.test(name)).map((name) => [name, 'enabled'])),
  };
}
