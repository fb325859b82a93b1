/** API keys of the simulated exchange: a secret to verify signatures, an account, permissions (Futures and Spot). */
import type { PermissionLevel } from '../../../src-shared/account-model.ts';

export interface SimKeyPermissions {
  readonly general: Exclude<PermissionLevel, 'unknown'>;
  readonly transfer: Exclude<PermissionLevel, 'unknown'>;
}

export interface SimKey {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly accountUid: string;
  readonly permissions: SimKeyPermissions;
  /** What the key may do on Spot REST and the Unified WebSocket (a Kraken API key's switches). */
  readonly spotPermissions: readonly SpotPermission[];
  readonly createdAt: string;
}

/**
 * A Kraken API key's permission switches as the simulator names them (`GetApiKeyInfo` lists these);
 * only `websocket` opens `GetWebSocketsToken`.
 */
export type SpotPermission = 'websocket' | 'query-funds' | 'query-ledger' | 'trade' | 'withdraw';

/** What Margin Desk asks users for: the WebSocket permission only. */
export const WEBSOCKET_ONLY: readonly SpotPermission[] = ['websocket'];

export const READ_ONLY: SimKeyPermissions = { general: 'READ_ONLY', transfer: 'NO_ACCESS' };
