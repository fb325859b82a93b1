/** Alert levels a rule can raise, mildest first. `interrupted`: monitoring stopped getting fresh data. */
export type AlertLevel = 'warn' | 'imBreached' | 'critical' | 'liquidation' | 'interrupted';

export interface AlertThresholds {
  /** Warn when the margin ratio falls below this percentage (default 300). */
  readonly warnBelowPct: number;
  /** Critical below this percentage (default 150). */
  readonly criticalBelowPct: number;
  /** Liquidation imminent below this percentage (default 110). */
  readonly liquidationBelowPct: number;
  /** A level clears only once the ratio is this many percentage points above its threshold. */
  readonly hysteresisPct: number;
}

export interface AlertRules extends AlertThresholds {
  readonly enabled: boolean;
  readonly alertOnInitialMarginBreach: boolean;
  /** Repeat a critical alert every N minutes while it lasts (0: never repeat). */
  readonly repeatCriticalMinutes: number;
  /** Quiet hours in local time `HH:MM`; never silence critical or worse. */
  readonly quietHours: { readonly from: string; readonly to: string } | null;
  readonly maxNotificationsPerMinute: number;
  /** Minutes without fresh data before "monitoring interrupted"; null: twice the interval plus 60 s. */
  readonly staleAfterMinutes: number | null;
  /** Per-subaccount overrides of the thresholds, by subaccount UID. */
  readonly subaccountOverrides: Readonly<Record<string, Partial<AlertThresholds>>>;
  /**
   * Alert when a position's mark price is within this % of its liquidation price; null or absent:
   * off (the default, so that turning it on is the user's choice of distance). Clears with the same
   * hysteresis, relative: at this × (1 + hysteresisPct / 100).
   */
  readonly nearLiquidationPct?: number | null;
}

export interface AlertRecord {
  readonly id: number;
  readonly profileId: string;
  readonly profileName: string;
  readonly accountKey: string;
  readonly accountLabel: string;
  readonly level: AlertLevel;
  /** Notification title, e.g. "[Main] Margin level 142 % - critical". */
  readonly title: string;
  readonly body: string;
  readonly raisedAt: number;
  /** False when snooze, quiet hours or the rate cap kept it off the desktop (it is still logged). */
  readonly notified: boolean;
  readonly acknowledgedAt: number | null;
}

/**
 * Rules of a profile nobody has configured yet; the store's alert-rules repository fills every field
 * missing from a stored record from here, so rules saved by an older version gain new fields' defaults.
 */
export const DEFAULT_ALERT_RULES: AlertRules = {
  enabled: true,
  warnBelowPct: 300,
  criticalBelowPct: 150,
  liquidationBelowPct: 110,
  hysteresisPct: 10,
  alertOnInitialMarginBreach: true,
  repeatCriticalMinutes: 15,
  quietHours: null,
  maxNotificationsPerMinute: 6,
  staleAfterMinutes: null,
  subaccountOverrides: {},
  nearLiquidationPct: null,
};
