/**
 * Runtime shapes of every call's argument. The renderer is not trusted (a compromised page can send
 * anything through the bridge), so main checks each argument before a handler sees it: strict
 * objects (unknown keys are refused), bounded strings and numbers. The table is typed against the
 * contract, so a call added there without a schema here is a compile error.
 *
 * zod: a well-kept validation library whose issues carry the path of the offending field, which
 * the error message passes on to the renderer.
 */
import { z } from 'zod';
import type { CallInput, CallName } from '../../src-preload/contract.ts';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an identifier');
const name = z.string().trim().min(1).max(60);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f8a70');
// Only https (or loopback http for the simulator and tests): the base URL receives signed requests.
const baseUrl = z
  .string()
  .max(200)
  .url()
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
  }, 'must be an https URL (http only on this computer)');
// Only wss (or loopback ws for the simulator and tests): the connection carries the account's token.
const streamUrl = z
  .string()
  .max(200)
  .url()
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'wss:' || (parsed.protocol === 'ws:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
  }, 'must be a wss URL (ws only on this computer)');
const source = z.enum(['rest', 'uws']);
const refreshSeconds = z.number().int().min(5).max(3600);
// Lengths are generous bounds against hostile input; the credential rules themselves are checked
// by the profiles layer, which gives the precise message.
const apiKey = z.string().max(512);
const apiSecret = z.string().max(512);
const time = /^([01]\d|2[0-3]):[0-5]\d$/;

const thresholds = {
  warnBelowPct: z.number().min(100).max(10_000),
  criticalBelowPct: z.number().min(100).max(10_000),
  liquidationBelowPct: z.number().min(100).max(10_000),
  hysteresisPct: z.number().min(0).max(1_000),
};

const alertRules = z.strictObject({
  ...thresholds,
  enabled: z.boolean(),
  alertOnInitialMarginBreach: z.boolean(),
  repeatCriticalMinutes: z.number().int().min(0).max(24 * 60),
  quietHours: z.strictObject({ from: z.string().regex(time), to: z.string().regex(time) }).nullable(),
  maxNotificationsPerMinute: z.number().int().min(1).max(60),
  staleAfterMinutes: z.number().int().min(1).max(24 * 60).nullable(),
  subaccountOverrides: z.record(z.string().max(64), z.strictObject(thresholds).partial()),
  nearLiquidationPct: z.number().gt(0).max(100).nullable().optional(),
});

const none = z.undefined();

export const ARGUMENT_SCHEMAS = {
  getAppInfo: none,
  listProfiles: none,
  createProfile: z.strictObject({
    name,
    colour,
    source: source.optional(),
    baseUrl: baseUrl.optional(),
    streamUrl: streamUrl.optional(),
    refreshSeconds: refreshSeconds.optional(),
    apiKey,
    apiSecret,
  }),
  createSampleProfile: none,
  updateProfile: z.strictObject({
    id,
    name: name.optional(),
    colour: colour.optional(),
    refreshSeconds: refreshSeconds.optional(),
    source: source.optional(),
  }),
  deleteProfile: z.strictObject({ id }),
  activateProfile: z.strictObject({ id }),
  testConnection: z.union([
    z.strictObject({ apiKey, apiSecret, source: source.optional(), baseUrl: baseUrl.optional() }),
    z.strictObject({ profileId: id }),
  ]),
  replaceCredentials: z.strictObject({ id, apiKey, apiSecret, baseUrl: baseUrl.optional(), streamUrl: streamUrl.optional() }),
  switchToStreaming: z.strictObject({ id, apiKey, apiSecret, baseUrl: baseUrl.optional(), streamUrl: streamUrl.optional() }),
  getSnapshot: z.strictObject({ profileId: id }),
  openWindow: none,
  refreshNow: z.strictObject({ profileId: id }),
  getHistory: z.strictObject({
    profileId: id,
    accountKey: z.string().min(1).max(80),
    range: z.enum(['24h', '7d', '30d', '90d', '1y']),
  }),
  listAlerts: z.strictObject({ profileId: id.optional(), limit: z.number().int().min(1).max(1000) }),
  acknowledgeAlert: z.strictObject({ id: z.number().int().min(1) }),
  getAlertRules: z.strictObject({ profileId: id }),
  setAlertRules: z.strictObject({ profileId: id, rules: alertRules }),
  snoozeAlerts: z.strictObject({ profileId: id, minutes: z.number().int().min(0).max(7 * 24 * 60) }),
  getAlertStatus: z.strictObject({ profileId: id }),
  getSettings: none,
  updateSettings: z
    .strictObject({
      privacyMode: z.boolean(),
      theme: z.enum(['system', 'light', 'dark']),
      startAtLogin: z.boolean(),
      startHidden: z.boolean(),
      trayHintShown: z.boolean(),
      checkForUpdates: z.boolean(),
      recordStreamMessages: z.boolean(),
    })
    .partial(),
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
} satisfies { readonly [K in CallName]: z.ZodType<CallInput<K>> };
