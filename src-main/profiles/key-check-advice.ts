/**
 * What a key check means for the user: plain warnings when a key can do more than Margin Desk needs
 * (it only reads), and an explanation when Kraken refuses a key.
 *
 * A key that can trade or move funds is a liability on a desktop: if it leaks, money can move.
 * Margin Desk works with general = READ_ONLY and transfer = NO_ACCESS.
 */
import { AppError } from '../errors.ts';
import type { KeyPermissions } from '../../src-shared/account-model.ts';

const RECOMMENDATION =
  'Recommended: create a read-only key (General: Read only, Transfer: No access) used by Margin Desk alone, ' +
  'and restrict it to your IP address (IP allow-list) on Kraken.';

export function permissionWarnings(permissions: KeyPermissions): readonly string[] {
  const warnings: string[] = [];
  if (permissions.general === 'FULL_ACCESS') {
    warnings.push('This key can trade: it can place and cancel orders on your account. Margin Desk never trades.');
  }
  if (permissions.transfer === 'FULL_ACCESS') {
    warnings.push('This key can transfer and withdraw funds. If it leaks, money can leave your account.');
  }
  if (permissions.general === 'NO_ACCESS') {
    warnings.push('This key cannot read account data, so Margin Desk cannot show balances with it. Use a key with General: Read only.');
  }
  for (const [name, level] of Object.entries(permissions.other)) {
    if (level === 'FULL_ACCESS') warnings.push(`This key has full access for "${name}", which Margin Desk does not need.`);
  }
  const unknown = [
    ...(permissions.general === 'unknown' ? ['general'] : []),
    ...(permissions.transfer === 'unknown' ? ['transfer'] : []),
  ];
  if (unknown.length > 0) {
    warnings.push(`Kraken reported a permission level Margin Desk does not know (${unknown.join(', ')}). Check this key's permissions on Kraken.`);
  }
  const powerful =
    permissions.general === 'FULL_ACCESS' ||
    permissions.transfer === 'FULL_ACCESS' ||
    Object.values(permissions.other).includes('FULL_ACCESS');
  if (powerful) warnings.push(RECOMMENDATION);
  return warnings;
}

const KEY_REFUSED = {
  message:
    'Kraken refused this key. The usual causes: it is a Spot key (Futures has its own keys, made on futures.kraken.com); ' +
    'the secret does not belong to this key or was copied incompletely; or the key is also used by another tool ' +
    'that sends nonces, after which Kraken rejects requests from Margin Desk.',
  action: 'On futures.kraken.com → Settings → API keys, create a new read-only key for Margin Desk alone and paste both parts again.',
};

/**
 * Kraken error kinds (src-main/kraken/errors.ts) that mean "this key and secret were refused", each
 * with its likely causes. The key check answers a refused key with HTTP 401 rather than a Kraken code.
 */
const REFUSAL_EXPLANATIONS: Readonly<Record<string, { message: string; action: string }>> = {
  authenticationError: KEY_REFUSED,
  httpUnauthorized: KEY_REFUSED,
  nonceBelowThreshold: {
    message:
      'Kraken refused the request because another program uses the same key with higher nonces. Two tools cannot share one key.',
    action: 'Create a separate read-only key for Margin Desk alone and enter it here.',
  },
  nonceDuplicate: {
    message:
      'Kraken refused the request because another program uses the same key with the same nonces. Two tools cannot share one key.',
    action: 'Create a separate read-only key for Margin Desk alone and enter it here.',
  },
};

/** The key check's error, explained when Kraken refused the key; every other error unchanged. */
export function explainKeyCheckFailure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const explanation = REFUSAL_EXPLANATIONS[error.kind];
  if (explanation === undefined) return error;
  return new AppError({ kind: error.kind, ...explanation, retryable: false, cause: error });
}
