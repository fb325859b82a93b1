/**
 * Runtime shapes of every call's argument. The renderer is not trusted (a compromised page can send
 * anything through the bridge), so main checks each argument before a handler sees it: strict
 * objects (unknown keys are refused), bounded strings and numbers. The table is typed against the
 * contract, so a call added there without a schema here is a compile error.
 *
 * Every entity's schema (its limits, cross-field rules and messages) is the one in src-shared, which
 * the forms and the domain services use too; zod's issues carry the path and message of the
 * offending field, which the error passes on to the renderer.
 */
import { z } from 'zod';
import type { CallInput, CallName } from '../../src-preload/contract.ts';
import { MAX_ACCOUNT_KEY_LENGTH } from '../../src-shared/account-keys.ts';
import { alertRulesSchema } from '../../src-shared/alert-rules-schema.ts';
import { credentialsShape } from '../../src-shared/credentials-schema.ts';
import {
  baseUrlSchema,
  dataSourceSchema,
  newProfileSchema,
  profileChangesSchema,
  credentialsAtAddressSchema,
  profileIdSchema as id,
} from '../../src-shared/profile-schema.ts';
import { deskChangesSchema, deskIdSchema, newDeskSchema } from '../../src-shared/desk-schema.ts';
import { settingsChangesSchema } from '../../src-shared/settings-schema.ts';
import { keyImportRequestSchema } from '../../src-shared/key-import.ts';

const none = z.undefined();

export const ARGUMENT_SCHEMAS = {
  getAppInfo: none,
  listProfiles: none,
  createProfile: newProfileSchema,
  createSampleProfile: none,
  importKeys: keyImportRequestSchema,
  updateProfile: profileChangesSchema,
  deleteProfile: z.strictObject({ id }),
  activateProfile: z.strictObject({ id }),
  testConnection: z.union([
    z.strictObject({ ...credentialsShape, source: z.optional(dataSourceSchema), baseUrl: z.optional(baseUrlSchema) }),
    z.strictObject({ profileId: id }),
  ]),
  listDesks: none,
  createDesk: newDeskSchema,
  updateDesk: deskChangesSchema,
  deleteDesk: z.strictObject({ id: deskIdSchema }),
  activateDesk: z.strictObject({ id: deskIdSchema }),
  replaceCredentials: credentialsAtAddressSchema,
  switchToStreaming: credentialsAtAddressSchema,
  getSnapshot: z.strictObject({ profileId: id }),
  openWindow: none,
  refreshNow: z.strictObject({ profileId: id }),
  getHistory: z.strictObject({
    profileId: id,
    accountKey: z.string().min(1).max(MAX_ACCOUNT_KEY_LENGTH),
    range: z.enum(['24h', '7d', '30d', '90d', '1y']),
  }),
  listAlerts: z.strictObject({ profileId: z.optional(id), limit: z.number().int().min(1).max(1000) }),
  acknowledgeAlert: z.strictObject({ id: z.number().int().min(1) }),
  getAlertRules: z.strictObject({ profileId: id }),
  setAlertRules: z.strictObject({ profileId: id, rules: alertRulesSchema }),
  snoozeAlerts: z.strictObject({ profileId: id, minutes: z.number().int().min(0).max(7 * 24 * 60) }),
  getAlertStatus: z.strictObject({ profileId: id }),
  getSettings: none,
  updateSettings: settingsChangesSchema,
  reportRendererError: z.strictObject({
    message: z.string().max(2000),
    stack: z.string().max(8000).optional(),
    source: z.string().max(200).optional(),
  }),
  showLogFile: none,
  getUpdateState: none,
  checkForUpdatesNow: none,
  installUpdate: none,
  openExternal: z.strictObject({ url: z.string().max(2000) }),
} satisfies { readonly [K in CallName]: z.core.$ZodType<CallInput<K>> };
