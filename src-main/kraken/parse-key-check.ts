/**
 * `GET /api/auth/v1/api-keys/v3/check` → `KeyPermissions`. This endpoint belongs to Kraken's auth
 * service: no `result` envelope, the permissions sit in `permissions: { general, transfer }`.
 */
import { asObject, requireObject } from './json-reader.ts';
import type { KeyPermissions, PermissionLevel } from './model.ts';

function level(value: unknown): PermissionLevel {
  return value === 'NO_ACCESS' || value === 'READ_ONLY' || value === 'FULL_ACCESS' ? value : 'unknown';
}

/** Parses a key-check response body (HTTP 200). An unknown or missing level becomes `unknown`. */
export function parseKeyCheck(json: unknown): KeyPermissions {
  const permissions = requireObject(asObject(json, ''), 'permissions', '');
  const other: Record<string, string> = {};
  for (const key of Object.keys(permissions)) {
    const value = permissions[key];
    if (key !== 'general' && key !== 'transfer' && typeof value === 'string') other[key] = value;
  }
  return { general: level(permissions['general']), transfer: level(permissions['transfer']), other };
}
