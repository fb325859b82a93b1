/**
 * Every bridge call as a BridgeResult, even when the call itself throws (preload missing, IPC torn
 * down during shutdown): views handle one failure shape, never an exception.
 */
import type { BridgeResult, UserFacingError } from '../../../src-preload/contract.ts';

export const BRIDGE_UNREACHABLE: UserFacingError = {
  kind: 'bridgeUnreachable',
  message: 'The window lost its connection to the Margin Desk background process.',
  action: 'Close and reopen the window. If it keeps happening, restart Margin Desk.',
  retryable: true,
};

export async function settle<T>(call: () => Promise<BridgeResult<T>>): Promise<BridgeResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: BRIDGE_UNREACHABLE };
  }
}
