/** API keys of the simulated exchange: a secret to verify signatures, an account, permissions. */
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
  readonly createdAt: string;
}

export const READ_ONLY: SimKeyPermissions = { general: 'READ_ONLY', transfer: 'NO_ACCESS' };
