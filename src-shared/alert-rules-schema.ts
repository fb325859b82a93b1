/**
 * A profile's alert rules: limits, the order of the thresholds and what the user is told. The rules
 * editor, the bridge's gate and the alert rules service check with this one schema, so main never
 * stores a ladder the form would refuse (warn above critical above liquidation above 100 %).
 *
 * Thresholds are whole percentages: a margin ratio is written as a whole percentage rounded down
 * (./margin-ratio.ts), and with whole thresholds a figure below a threshold never reads as at or
 * above it, and one at or above it never reads as below.
 */
import { z } from 'zod/mini';
import type { AlertThresholds } from './alert-model.ts';
import { TIME_OF_DAY_PATTERN } from './time-of-day.ts';

/** More overrides than a master has subaccounts is a hostile or broken caller; each is stored with the rules. */
export const MAX_SUBACCOUNT_OVERRIDES = 1_000;
const MAX_THRESHOLD_PCT = 10_000;
const MAX_HYSTERESIS_PCT = 100;

/** A whole number from `min` to `max`: `typeMessage` for anything else than a number, `wholeMessage` for a fraction. */
function wholeNumber(typeMessage: string, wholeMessage: string, [min, minMessage]: [number, string], [max, maxMessage]: [number, string]) {
  return z.number(typeMessage).check(z.int(wholeMessage), z.minimum(min, minMessage), z.maximum(max, maxMessage));
}

function wholePercent() {
  return wholeNumber('A whole percentage.', 'A whole percentage.', [100, 'At least 100 %.'], [MAX_THRESHOLD_PCT, `At most ${MAX_THRESHOLD_PCT} %.`]);
}

const HYSTERESIS_RANGE = `Between 0 and ${MAX_HYSTERESIS_PCT} percentage points.`;

const thresholdsShape = {
  warnBelowPct: wholePercent(),
  criticalBelowPct: wholePercent(),
  liquidationBelowPct: wholePercent(),
  hysteresisPct: wholeNumber('Whole percentage points.', 'Whole percentage points.', [0, HYSTERESIS_RANGE], [MAX_HYSTERESIS_PCT, HYSTERESIS_RANGE]),
};

/** Kraken subaccount UIDs are UUIDs; the bound keeps a stored key short whatever they become. */
const subaccountUidSchema = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'This is not a subaccount identifier.'));

/** The threshold ladder's order, reported on the field that breaks it (prefixed by `path`). */
function checkLadder(thresholds: AlertThresholds, context: z.core.$RefinementCtx, path: readonly PropertyKey[]): void {
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

const timeOfDay = z.string().check(z.regex(TIME_OF_DAY_PATTERN, 'A time such as 22:00.'));

const subaccountOverrides = z.pipe(
  z.unknown().check(
    z.refine(
      (value) => typeof value !== 'object' || value === null || Object.keys(value).length <= MAX_SUBACCOUNT_OVERRIDES,
      `At most ${MAX_SUBACCOUNT_OVERRIDES} subaccounts can have their own thresholds.`,
    ),
  ),
  z.record(subaccountUidSchema, z.partial(z.strictObject(thresholdsShape))),
);

const WHOLE_MINUTES = 'Whole minutes, 0 for never.';
const WHOLE_MINUTES_FROM_ONE = 'Whole minutes, at least 1.';
const A_DAY = 24 * 60;

export const alertRulesSchema = z
  .strictObject({
    ...thresholdsShape,
    enabled: z.boolean(),
    alertOnInitialMarginBreach: z.boolean(),
    repeatCriticalMinutes: wholeNumber(WHOLE_MINUTES, WHOLE_MINUTES, [0, WHOLE_MINUTES], [A_DAY, 'At most a day.']),
    quietHours: z.nullable(z.strictObject({ from: timeOfDay, to: timeOfDay })),
    maxNotificationsPerMinute: wholeNumber('At least 1.', 'A whole number.', [1, 'At least 1.'], [60, 'At most 60.']),
    staleAfterMinutes: z.nullable(wholeNumber(WHOLE_MINUTES_FROM_ONE, WHOLE_MINUTES_FROM_ONE, [1, WHOLE_MINUTES_FROM_ONE], [A_DAY, 'At most a day.'])),
    subaccountOverrides,
    nearLiquidationPct: z.optional(z.nullable(z.number(NEAR_LIQUIDATION_MESSAGE).check(z.gt(0, NEAR_LIQUIDATION_MESSAGE), z.maximum(100, NEAR_LIQUIDATION_MESSAGE)))),
  })
  .check(
    z.superRefine((rules, context) => {
      checkLadder(rules, context, []);
      for (const [uid, override] of Object.entries(rules.subaccountOverrides)) {
        checkLadder({ ...rules, ...override }, context, ['subaccountOverrides', uid]);
      }
    }),
  );
