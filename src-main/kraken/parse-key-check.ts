/**
 * `GET /api/auth/v1/api-keys/v3/check` → `KeyPermissions`. This endpoint belongs to Kraken's auth
 * service: no `result` envelope, the permissions sit in `permissions: { general, transfer }`.
 */
import { readBody, type RootReader } from './exact-json.ts';
import type { JsonCursor } from './json-cursor.ts';
import { AN_OBJECT, readObject, required } from './json-reader.ts';
import type { KeyPermissions, PermissionLevel } from '../../src-shared/account-model.ts';

function level(value: unknown): PermissionLevel {
  return value === 'NO_ACCESS' || value === 'READ_ONLY' || value === 'FULL_ACCESS' ? value : 'unknown';
}

/** The `permissions` object, the cursor inside it. An unknown or missing level becomes `unknown`. */
function readPermissions(json: JsonCursor): KeyPermissions {
  let general: unknown = null;
  let transfer: unknown = null;
  const other: Record<string, string> = {};
  for (let key = json.nextKey(); key !== null; key = json.nextKey()) {
    const value = json.string();
    if (value === null) json.skip();
    else if (key === 'general') general = value;
    else if (key === 'transfer') transfer = value;
    else other[key] = value;
  }
  return { general: level(general), transfer: level(transfer), other };
}

/** Reads a key-check body (HTTP 200): `{ permissions: { general, transfer, … }, … }`. */
export function keyCheckReader(): RootReader<KeyPermissions> {
  let permissions: KeyPermissions | undefined;
  return {
    field(key, json) {
      if (key !== 'permissions') return false;
      permissions = readObject(json, key, readPermissions);
      return true;
    },
    result: () => required(permissions, 'permissions', AN_OBJECT),
  };
}

/** Parses a whole key-check body. */
export function parseKeyCheck(text: string): KeyPermissions {
  return readBody(text, keyCheckReader());
}
