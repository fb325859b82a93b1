/**
 * The alert rules editor's form model: AlertRules flattened into what inputs can bind to (optional
 * parts become a switch plus fields), and back, checked with the schema main checks with too
 * (src-shared/alert-rules-schema.ts), its messages shown beside the fields they are about.
 */
import type { AlertRules, AlertThresholds } from '../../../src-preload/contract.ts';
import { alertRulesSchema } from '../../../src-shared/alert-rules-schema.ts';

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

/** The form's key of a field the schema refused: the draft flattens quiet hours and lists overrides. */
function formKey(path: readonly PropertyKey[], overrideIndex: ReadonlyMap<string, number>): string {
  const [head, second, third] = path.map(String);
  if (head === 'quietHours') return second === 'to' ? 'quietTo' : 'quietFrom';
  if (head === 'subaccountOverrides' && second !== undefined) {
    const index = overrideIndex.get(second);
    return third === undefined ? `override${index}.uid` : `override${index}.${third}`;
  }
  return head ?? 'rules';
}

export function fromDraft(draft: RulesDraft): { errors: RulesErrors; value: AlertRules | null } {
  const errors: RulesErrors = {};
  const overrides: Record<string, Partial<AlertThresholds>> = {};
  const overrideIndex = new Map<string, number>();
  draft.overrides.forEach((override, index) => {
    if (override.uid === '') {
      errors[`override${index}.uid`] = 'Choose a subaccount.';
      return;
    }
    if (overrideIndex.has(override.uid)) {
      errors[`override${index}.uid`] = 'This subaccount already has an override.';
      return;
    }
    const partial: Partial<Record<ThresholdKey, number>> = {};
    for (const key of THRESHOLD_KEYS) {
      const value = override.values[key];
      if (value !== null && Number.isFinite(value)) partial[key] = value;
    }
    overrides[override.uid] = partial;
    overrideIndex.set(override.uid, index);
  });

  const rules: AlertRules = {
    enabled: draft.enabled,
    warnBelowPct: draft.warnBelowPct,
    criticalBelowPct: draft.criticalBelowPct,
    liquidationBelowPct: draft.liquidationBelowPct,
    hysteresisPct: draft.hysteresisPct,
    alertOnInitialMarginBreach: draft.alertOnInitialMarginBreach,
    repeatCriticalMinutes: draft.repeatCriticalMinutes,
    quietHours: draft.quietHoursEnabled ? { from: draft.quietFrom, to: draft.quietTo } : null,
    maxNotificationsPerMinute: draft.maxNotificationsPerMinute,
    staleAfterMinutes: draft.staleAfterAutomatic ? null : draft.staleAfterMinutes,
    subaccountOverrides: overrides,
    nearLiquidationPct: draft.nearLiquidationEnabled ? draft.nearLiquidationPct : null,
  };
  const checked = alertRulesSchema.safeParse(rules);
  if (!checked.success) {
    for (const issue of checked.error.issues) errors[formKey(issue.path, overrideIndex)] ??= issue.message;
  }
  if (!checked.success || Object.keys(errors).length > 0) return { errors, value: null };
  return { errors, value: checked.data };
}
