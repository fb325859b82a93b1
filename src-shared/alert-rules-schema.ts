/**
 * A profile's alert rules: limits, the order of the thresholds and what the user is told. The rules
 * editor, the bridge's gate and the alert rules service check with this one schema, so main never
 * stores a ladder the form would refuse (warn above critical above liquidation above 100 %).
 *
 * Thresholds are whole percentages: a margin ratio is written as a whole percentage rounded down
 * (./margin-ratio.ts), and with whole thresholds a figure below a threshold never reads as at or
 * above it, and one at or above it never reads as below.
 */
import { z } from 'zod';
import type { AlertThresholds } from './alert-model.ts';
import { TIME_OF_DAY_PATTERN } from './time-of-day.ts';

/** More overrides than a master has subaccounts is a hostile or broken caller; each is stored with the rules. */
export const MAX_SUBACCOUNT_OVERRIDES = 1_000;
const MAX_THRESHOLD_PCT = 10_000;
const MAX_HYSTERESIS_PCT = 100;

function wholePercent(): z.ZodNumber {
  return z
    .number('A whole percentage.')
    .int('A whole percentage.')
    .min(100, 'At least 100 %.')
    .max(MAX_THRESHOLD_PCT, `At most ${MAX_THRESHOLD_PCT} %.`);
}

const thresholdsShape = {
  warnBelowPct: wholePercent(),
  criticalBelowPct: wholePercent(),
  liquidationBelowPct: wholePercent(),
  hysteresisPct: z
    .number('Whole percentage points.')
    .int('Whole percentage points.')
    .min(0, `Between 0 and ${MAX_HYSTERESIS_PCT} percentage points.`)
    .max(MAX_HYSTERESIS_PCT, `Between 0 and ${MAX_HYSTERESIS_PCT} percentage points.`),
};

/** Kraken subaccount UIDs are UUIDs; the bound keeps a stored key short whatever they become. */
export const subaccountUidSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'This is not a subaccount identifier.');

/** The threshold ladder's order, reported on the field that breaks it (prefixed by `path`). */
function checkLadder(thresholds: AlertThresholds, context: z.RefinementCtx, path: readonly PropertyKey[]): void {
  const { warnBelowPct, criticalBelowPct, liquidationBelowPct } = thresholds;
  if (!(liquidationBelowPct > 100)) {
    context.addIssue({
      code: 'custom',
      path: [...path, 'liquidationBelowPct'],
      message: 'Must be above 100 %: at 100 % equity equals maintenance margin and liquidation starts.',
    });
  }
  if (!(criticalBelowPct > liquidationBelowPct)) {
    context.addIssue({ code: 'custom', path: [...path, 'criticalBelowPct'], message: 'Must be above the liquidation threshold.' });
  }
  if (!(warnBelowPct > criticalBelowPct)) {
    context.addIssue({ code: 'custom', path: [...path, 'warnBelowPct'], message: 'Must be above the critical threshold.' });
  }
}

const NEAR_LIQUIDATION_MESSAGE = 'A distance above 0 and at most 100 %.';

const timeOfDay = z.string().regex(TIME_OF_DAY_PATTERN, 'A time such as 22:00.');

const subaccountOverrides = z
  .unknown()
  .refine(
    (value) => typeof value !== 'object' || value === null || Object.keys(value).length <= MAX_SUBACCOUNT_OVERRIDES,
    `At most ${MAX_SUBACCOUNT_OVERRIDES} subaccounts can have their own thresholds.`,
  )
  .pipe(z.record(subaccountUidSchema, z.strictObject(thresholdsShape).partial()));

export const alertRulesSchema = z
  .strictObject({
    ...thresholdsShape,
    enabled: z.boolean(),
    alertOnInitialMarginBreach: z.boolean(),
    repeatCriticalMinutes: z.number('Whole minutes, 0 for never.').int('Whole minutes, 0 for never.').min(0, 'Whole minutes, 0 for never.').max(24 * 60, 'At most a day.'),
    quietHours: z.strictObject({ from: timeOfDay, to: timeOfDay }).nullable(),
    maxNotificationsPerMinute: z.number('At least 1.').int('A whole number.').min(1, 'At least 1.').max(60, 'At most 60.'),
    staleAfterMinutes: z.number('Whole minutes, at least 1.').int('Whole minutes, at least 1.').min(1, 'Whole minutes, at least 1.').max(24 * 60, 'At most a day.').nullable(),
    subaccountOverrides,
    nearLiquidationPct: z
      .number(NEAR_LIQUIDATION_MESSAGE)
      .gt(0, NEAR_LIQUIDATION_MESSAGE)
      .max(100, NEAR_LIQUIDATION_MESSAGE)
      .nullable()
      .optional(),
  })
  .superRefine((rules, context) => {
    checkLadder(rules, context, []);
    for (const [uid, override] of Object.entries(rules.subaccountOverrides)) {
      checkLadder({ ...rules, ...override }, context, ['subaccountOverrides', uid]);
    }
  });
