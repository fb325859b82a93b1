/**
 * The alert rules editor's form model: AlertRules flattened into what inputs can bind to (optional
 * parts become a switch plus fields), and back, with checks that explain themselves.
 */
import type { AlertRules, AlertThresholds } from '../../../src-preload/contract.ts';

export type ThresholdKey = keyof AlertThresholds;

export const THRESHOLD_KEYS: readonly ThresholdKey[] = ['warnBelowPct', 'criticalBelowPct', 'liquidationBelowPct', 'hysteresisPct'];

export interface OverrideDraft {
  uid: string;
  /** null: inherit the profile's value. */
  values: Record<ThresholdKey, number | null>;
}

export interface RulesDraft {
  enabled: boolean;
  warnBelowPct: number;
  criticalBelowPct: number;
  liquidationBelowPct: number;
  hysteresisPct: number;
  alertOnInitialMarginBreach: boolean;
  repeatCriticalMinutes: number;
  quietHoursEnabled: boolean;
  quietFrom: string;
  quietTo: string;
  maxNotificationsPerMinute: number;
  staleAfterAutomatic: boolean;
  staleAfterMinutes: number;
  nearLiquidationEnabled: boolean;
  nearLiquidationPct: number;
  overrides: OverrideDraft[];
}

export type RulesErrors = Partial<Record<string, string>>;

const DEFAULT_QUIET_FROM = '22:00';
const DEFAULT_QUIET_TO = '07:00';
const DEFAULT_STALE_MINUTES = 5;
const DEFAULT_NEAR_LIQUIDATION_PCT = 10;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toDraft(rules: AlertRules): RulesDraft {
  return {
    enabled: rules.enabled,
    warnBelowPct: rules.warnBelowPct,
    criticalBelowPct: rules.criticalBelowPct,
    liquidationBelowPct: rules.liquidationBelowPct,
    hysteresisPct: rules.hysteresisPct,
    alertOnInitialMarginBreach: rules.alertOnInitialMarginBreach,
    repeatCriticalMinutes: rules.repeatCriticalMinutes,
    quietHoursEnabled: rules.quietHours !== null,
    quietFrom: rules.quietHours?.from ?? DEFAULT_QUIET_FROM,
    quietTo: rules.quietHours?.to ?? DEFAULT_QUIET_TO,
    maxNotificationsPerMinute: rules.maxNotificationsPerMinute,
    staleAfterAutomatic: rules.staleAfterMinutes === null,
    staleAfterMinutes: rules.staleAfterMinutes ?? DEFAULT_STALE_MINUTES,
    nearLiquidationEnabled: (rules.nearLiquidationPct ?? null) !== null,
    nearLiquidationPct: rules.nearLiquidationPct ?? DEFAULT_NEAR_LIQUIDATION_PCT,
    overrides: Object.entries(rules.subaccountOverrides).map(([uid, partial]) => ({
      uid,
      values: {
        warnBelowPct: partial.warnBelowPct ?? null,
        criticalBelowPct: partial.criticalBelowPct ?? null,
        liquidationBelowPct: partial.liquidationBelowPct ?? null,
        hysteresisPct: partial.hysteresisPct ?? null,
      },
    })),
  };
}

function isWhole(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}

function checkOrder(thresholds: AlertThresholds, errors: RulesErrors, prefix: string): void {
  const { warnBelowPct, criticalBelowPct, liquidationBelowPct, hysteresisPct } = thresholds;
  if (!(liquidationBelowPct > 100)) {
    errors[`${prefix}liquidationBelowPct`] = 'Must be above 100 %: at 100 % equity equals maintenance margin and liquidation starts.';
  }
  if (!(criticalBelowPct > liquidationBelowPct)) errors[`${prefix}criticalBelowPct`] = 'Must be above the liquidation threshold.';
  if (!(warnBelowPct > criticalBelowPct)) errors[`${prefix}warnBelowPct`] = 'Must be above the critical threshold.';
  if (!(hysteresisPct >= 0 && hysteresisPct <= 100)) errors[`${prefix}hysteresisPct`] = 'Between 0 and 100 percentage points.';
}

export function fromDraft(draft: RulesDraft): { errors: RulesErrors; value: AlertRules | null } {
  const errors: RulesErrors = {};
  const base: AlertThresholds = {
    warnBelowPct: draft.warnBelowPct,
    criticalBelowPct: draft.criticalBelowPct,
    liquidationBelowPct: draft.liquidationBelowPct,
    hysteresisPct: draft.hysteresisPct,
  };
  checkOrder(base, errors, '');
  if (!isWhole(draft.repeatCriticalMinutes, 0)) errors.repeatCriticalMinutes = 'Whole minutes, 0 for never.';
  if (!isWhole(draft.maxNotificationsPerMinute, 1)) errors.maxNotificationsPerMinute = 'At least 1.';
  if (draft.quietHoursEnabled) {
    if (!TIME.test(draft.quietFrom)) errors.quietFrom = 'A time such as 22:00.';
    if (!TIME.test(draft.quietTo)) errors.quietTo = 'A time such as 07:00.';
  }
  if (!draft.staleAfterAutomatic && !isWhole(draft.staleAfterMinutes, 1)) errors.staleAfterMinutes = 'Whole minutes, at least 1.';
  if (draft.nearLiquidationEnabled && !(draft.nearLiquidationPct > 0 && draft.nearLiquidationPct <= 100)) {
    errors.nearLiquidationPct = 'A distance above 0 and at most 100 %.';
  }

  const overrides: Record<string, Partial<AlertThresholds>> = {};
  draft.overrides.forEach((override, index) => {
    if (override.uid === '') {
      errors[`override${index}.uid`] = 'Choose a subaccount.';
      return;
    }
    if (overrides[override.uid] !== undefined) errors[`override${index}.uid`] = 'This subaccount already has an override.';
    const partial: Partial<Record<ThresholdKey, number>> = {};
    for (const key of THRESHOLD_KEYS) {
      const value = override.values[key];
      if (value !== null && Number.isFinite(value)) partial[key] = value;
    }
    checkOrder({ ...base, ...partial }, errors, `override${index}.`);
    overrides[override.uid] = partial;
  });

  if (Object.keys(errors).length > 0) return { errors, value: null };
  return {
    errors,
    value: {
      enabled: draft.enabled,
      ...base,
      alertOnInitialMarginBreach: draft.alertOnInitialMarginBreach,
      repeatCriticalMinutes: draft.repeatCriticalMinutes,
      quietHours: draft.quietHoursEnabled ? { from: draft.quietFrom, to: draft.quietTo } : null,
      maxNotificationsPerMinute: draft.maxNotificationsPerMinute,
      staleAfterMinutes: draft.staleAfterAutomatic ? null : draft.staleAfterMinutes,
      subaccountOverrides: overrides,
      nearLiquidationPct: draft.nearLiquidationEnabled ? draft.nearLiquidationPct : null,
    },
  };
}
