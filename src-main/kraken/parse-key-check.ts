/**
 * `GET /api/auth/v1/api-keys/v3/check` → `KeyPermissions`. This endpoint belongs to Kraken's auth
 * service: no `result` envelope, the permissions sit in `permissions: { general, transfer }`.
 */
import { z } from 'zod';
import { decodeJson, entries, object } from './decode/schema.ts';
import type { KeyPermissions, PermissionLevel } from '../../src-shared/account-model.ts';

function level(value: string | undefined): PermissionLevel {
  return value === 'NO_ACCESS' || value === 'READ_ONLY' || value === 'FULL_ACCESS' ? value : 'unknown';
}

/** A key-check body (HTTP 200). An unknown or missing level becomes `unknown`; values that are not text are left out. */
export const keyCheckBody = object({ permissions: entries(z.unknown()) }).transform(({ permissions }): KeyPermissions => {
  const levels = new Map(permissions.flatMap(({ key, value }) => (typeof value === 'string' ? [[key, value] as const] : [])));
  const general = levels.get('general');
  const transfer = levels.get('transfer');
  levels.delete('general');
  levels.delete('transfer');
  return { general: level(general), transfer: level(transfer), other: Object.fromEntries(levels) };
});

export function parseKeyCheck(text: string): KeyPermissions {
  return decodeJson(keyCheckBody, text);
}
