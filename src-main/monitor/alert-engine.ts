/**
 * The alert rule engine: a pure reducer `(state, event, now) → (state, alerts, next check)`.
 *
 * No clock, timer, store or notification lives here: the caller injects `now`, feeds events (fresh
 * health reports, rule changes, snoozes, ticks) and gets back the alerts to log and whether each one
 * may show on the desktop. Same inputs, same outputs, which is what lets the tests replay hours of
 * flapping prices in microseconds.
 *
 * Rules, per profile (AlertRules), applied to every account of the profile, subaccounts inheriting
 * the thresholds unless overridden:
 * - levels warn < initial margin breached < critical < liquidation imminent; an alert is raised when
 *   an account's level rises (the first alert, or an escalation), never when it falls;
 * - hysteresis: a level clears only once the ratio is `hysteresisPct` points above its threshold,
 *   so a ratio flapping around 300 % gives one warning, not one per refresh;
 * - critical or worse repeats every `repeatCriticalMinutes` while it lasts and data is fresh;
 * - snooze (per profile) and quiet hours keep alerts off the desktop but in the log; quiet hours
 *   never silence critical or worse, and nothing silences liquidation imminent;
 * - at most `maxNotificationsPerMinute` notifications per profile per rolling minute (the worst
 *   alerts of a step get the slots); the rest are logged with `notified: false`;
 * - at start the state is empty, so every account already at warn or worse alerts once;
 * - staleness guard: no fresh data for the stale limit raises "monitoring interrupted" once; the
 *   next fresh data clears it.
 */
import type { AlertLevel, AlertRecord, AlertRules, AlertThresholds } from '../../src-shared/alert-model.ts';
import {
  type AccountAlertLevel,
  accountAlertBody,
  accountAlertTitle,
  alertSubject,
  interruptedBody,
  interruptedTitle,
  nearLiquidationBody,
  nearLiquidationTitle,
} from './alert-text.ts';
import { thresholdsByAccount } from './health.ts';
import type { HealthFigure, HealthReport } from '../../src-shared/health-model.ts';
import { stepNearLiquidation, type NearLiquidation } from './near-liquidation.ts';
import type { PositionRisk } from '../../src-shared/risk-model.ts';
import { wholePercentOf } from '../../src-shared/margin-ratio.ts';
import { staleLimitMs } from '../../src-shared/staleness.ts';
import { minutesOfDay } from '../../src-shared/time-of-day.ts';

export type { AccountAlertLevel };

/** What the engine needs to know about a profile. */
export interface AlertProfileSetup {
  readonly profileId: string;
  readonly profileName: string;
  readonly rules: AlertRules;
  /** The profile's refresh interval, for the default stale limit (src-shared/staleness.ts). */
  readonly refreshSeconds: number;
}

export type AlertEvent =
  /** A profile was added or its name, rules or interval changed. Its staleness clock starts at the first configure. */
  | { readonly kind: 'configure'; readonly profile: AlertProfileSetup }
  | { readonly kind: 'remove'; readonly profileId: string }
  /** A successful refresh: the health of the snapshot fetched at `fetchedAt`, and its positions for the distance rule. */
  | {
      readonly kind: 'health';
      readonly profileId: string;
      readonly report: HealthReport;
      readonly fetchedAt: number;
      readonly positions?: readonly PositionRisk[];
    }
  /** `until` null ends a snooze. */
  | { readonly kind: 'snooze'; readonly profileId: string; readonly until: number | null }
  /** The computer woke from sleep: no data could arrive while it slept, so staleness counts from now. */
  | { readonly kind: 'resumed' }
  /** Time passed: repeats and the staleness guard are due (see AlertStep.nextCheckAt). */
  | { readonly kind: 'tick' };

/** An alert to append to the alert log (which assigns the id) and, when `notified`, to show. */
export type AlertDraft = Omit<AlertRecord, 'id' | 'acknowledgedAt'>;

interface AccountAlertState {
  /** The ratio ladder's level with hysteresis, null when the ratio is clear of every threshold. */
  readonly ratioLevel: 'warn' | 'critical' | 'liquidation' | null;
  readonly imBreached: boolean;
  /** The worse of the two: what has been alerted. Accounts with no level are not kept. */
  readonly level: AccountAlertLevel;
  /** When the last alert about this account was raised (transition or repeat). */
  readonly lastRaisedAt: number;
  /** The newest figure, for the text of repeats. */
  readonly figure: HealthFigure;
}

export interface ProfileAlertState {
  readonly setup: AlertProfileSetup;
  readonly snoozedUntil: number | null;
  /** Start of the staleness window: the newest fresh data, or when watching started or the computer woke. */
  readonly freshSince: number;
  /** Whether fresh data arrived since the engine started (the first data's alerts say "just started"). */
  readonly seenData: boolean;
  readonly interrupted: boolean;
  /** Worst figure of the newest fresh data, quoted by the "monitoring interrupted" alert. */
  readonly lastWorst: HealthFigure | null;
  readonly accounts: Readonly<Record<string, AccountAlertState>>;
  /** raisedAt of notifications shown in the last minute, oldest first (the rate cap's window). */
  readonly notifiedAt: readonly number[];
  /** Positions alerted as within the distance rule's limit and not cleared (./near-liquidation.ts). */
  readonly nearLiquidation?: readonly string[];
}

export interface AlertEngineState {
  readonly profiles: Readonly<Record<string, ProfileAlertState>>;
}

export interface AlertStep {
  readonly state: AlertEngineState;
  /** Worst first within each profile. */
  readonly alerts: readonly AlertDraft[];
  /** When the engine next needs a `tick` (a repeat or the staleness guard is due); null: only on events. */
  readonly nextCheckAt: number | null;
}

export interface AlertEngineOptions {
  /** Minutes since local midnight at `now` (quiet hours are local time). */
  readonly minuteOfDay: (now: number) => number;
}

export const LOCAL_TIME: AlertEngineOptions = {
  minuteOfDay: (now) => {
    const date = new Date(now);
    return date.getHours() * 60 + date.getMinutes();
  },
};

/** accountKey of alerts about a whole profile ("monitoring interrupted"). */
export const PROFILE_ALERT_KEY = 'profile';

const MINUTE = 60_000;
const RATE_WINDOW = MINUTE;

/** Severity of alert levels, mildest first (as listed in AlertLevel). */
const ALERT_LEVELS: readonly AlertLevel[] = ['warn', 'imBreached', 'critical', 'liquidation', 'interrupted'];
const alertRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);
const isCriticalOrWorse = (level: AccountAlertLevel): boolean => level === 'critical' || level === 'liquidation';

export function initialAlertState(): AlertEngineState {
  return { profiles: {} };
}

/** Milliseconds without fresh data before "monitoring interrupted": the screen's stale limit (src-shared/staleness.ts). */
function profileStaleLimit(setup: AlertProfileSetup): number {
  return staleLimitMs(setup.refreshSeconds * 1000, setup.rules.staleAfterMinutes);
}

/** What the tray and the Alerts view need to know about a profile's alerting. */
export interface ProfileAlertStatus {
  readonly interrupted: boolean;
  /** End of the snooze, null when not snoozed (any more). */
  readonly snoozedUntil: number | null;
  /**
   * The worst level alerted and not yet cleared, with hysteresis: while a ratio hovers just above
   * 300 % this stays `warn`, so the tray icon does not flicker with every refresh.
   */
  readonly level: AccountAlertLevel | null;
}

export function profileAlertStatus(state: AlertEngineState, profileId: string, now: number): ProfileAlertStatus {
  const profile = state.profiles[profileId];
  if (profile === undefined) return { interrupted: false, snoozedUntil: null, level: null };
  return { interrupted: profile.interrupted, snoozedUntil: isSnoozed(profile, now) ? profile.snoozedUntil : null, level: worstAccountLevel(profile) };
}

export function stepAlerts(state: AlertEngineState, event: AlertEvent, now: number, options: AlertEngineOptions = LOCAL_TIME): AlertStep {
  const profiles: Record<string, ProfileAlertState> = { ...state.profiles };
  const alerts: AlertDraft[] = [];
  // Time-based checks run for the profiles an event touches; a tick or a wake-up touches them all.
  const touched: string[] = [];

  switch (event.kind) {
    case 'configure': {
      const { profileId } = event.profile;
      const existing = profiles[profileId];
      const enabled = event.profile.rules.enabled;
      profiles[profileId] =
        existing === undefined
          ? { setup: event.profile, snoozedUntil: null, freshSince: now, seenData: false, interrupted: false, lastWorst: null, accounts: {}, notifiedAt: [] }
          : { ...existing, setup: event.profile, ...(enabled ? {} : { accounts: {}, interrupted: false }) };
      touched.push(profileId);
      break;
    }
    case 'remove':
      delete profiles[event.profileId];
      break;
    case 'snooze': {
      const profile = profiles[event.profileId];
      if (profile === undefined) break;
      profiles[event.profileId] = { ...profile, snoozedUntil: event.until !== null && event.until > now ? event.until : null };
      touched.push(event.profileId);
      break;
    }
    case 'resumed':
      for (const [id, profile] of Object.entries(profiles)) {
        profiles[id] = { ...profile, freshSince: Math.max(profile.freshSince, now) };
        touched.push(id);
      }
      break;
    case 'tick':
      touched.push(...Object.keys(profiles));
      break;
    case 'health': {
      const profile = profiles[event.profileId];
      // Old data (a cached snapshot) says nothing about now: it neither alerts nor counts as fresh.
      if (profile === undefined || now - event.fetchedAt >= profileStaleLimit(profile.setup)) break;
      const evaluated = evaluateReport(profile, event.report, Math.max(profile.freshSince, event.fetchedAt), now);
      const near = evaluateNearLiquidation(evaluated.profile, event.positions, now);
      const decided = decide(near.profile, [...evaluated.pending, ...near.pending], now, options);
      profiles[event.profileId] = { ...near.profile, notifiedAt: decided.notifiedAt };
      alerts.push(...decided.drafts);
      touched.push(event.profileId);
      break;
    }
  }

  for (const id of touched) {
    const profile = profiles[id];
    if (profile === undefined) continue;
    const checked = timeChecks(profile, now, options);
    profiles[id] = checked.profile;
    alerts.push(...checked.alerts);
  }

  const next: AlertEngineState = { profiles };
  return { state: next, alerts, nextCheckAt: nextCheckAt(next, now) };
}

// ---------------------------------------------------------------------------------------------
// Levels

const RATIO_LADDER = ['liquidation', 'critical', 'warn'] as const;

function thresholdPct(level: (typeof RATIO_LADDER)[number], thresholds: { warnBelowPct: number; criticalBelowPct: number; liquidationBelowPct: number }): number {
  switch (level) {
    case 'liquidation':
      return thresholds.liquidationBelowPct;
    case 'critical':
      return thresholds.criticalBelowPct;
    case 'warn':
      return thresholds.warnBelowPct;
  }
}

/**
 * The ratio's level with hysteresis: a level holds when the ratio is below its threshold, or when
 * it was already at that level (or worse) and the ratio has not yet climbed `hysteresisPct` points
 * past the threshold. The worst level that holds wins. Thresholds and hysteresis are whole
 * percentages, so the ratio's whole percentage decides exactly (src-shared/margin-ratio.ts).
 */
function ratioLevel(figure: HealthFigure, previous: AccountAlertState['ratioLevel'], thresholds: AlertThresholds): AccountAlertState['ratioLevel'] {
  if (figure.marginRatio === null) return null; // no position: nothing left to liquidate
  const percent = wholePercentOf(figure.marginRatio);
  const previousRank = previous === null ? -1 : alertRank(previous);
  for (const level of RATIO_LADDER) {
    const pct = thresholdPct(level, thresholds);
    if (percent < pct) return level;
    if (previousRank >= alertRank(level) && percent < pct + thresholds.hysteresisPct) return level;
  }
  return null;
}

function imBreachedWithHysteresis(figure: HealthFigure, previous: boolean, rules: AlertRules, thresholds: AlertThresholds): boolean {
  if (!rules.alertOnInitialMarginBreach) return false;
  if (figure.initialMarginBreached) return true;
  if (!previous || figure.initialMarginRatio == null) return false;
  return wholePercentOf(figure.initialMarginRatio) < 100 + thresholds.hysteresisPct;
}

interface PendingAlert {
  readonly draft: Omit<AlertDraft, 'notified'>;
  /** Repeats are reminders: dropped, not logged, when they could not be shown. */
  readonly repeat: boolean;
  /** The level that decides whether quiet hours may silence it. */
  readonly urgency: AccountAlertLevel;
}

function evaluateReport(profile: ProfileAlertState, report: HealthReport, freshSince: number, now: number): { profile: ProfileAlertState; pending: PendingAlert[] } {
  const { setup } = profile;
  const fresh = { ...profile, freshSince, seenData: true, interrupted: false, lastWorst: report.worst };
  if (!setup.rules.enabled) return { profile: fresh, pending: [] };

  const accounts: Record<string, AccountAlertState> = {};
  const pending: PendingAlert[] = [];
  const thresholdsOf = thresholdsByAccount(setup.rules);
  for (const figure of report.figures) {
    const previous = profile.accounts[figure.accountKey];
    // Unknown is no news: an alert raised on the last known figures stands until figures return.
    if (figure.level === 'unknown') {
      if (previous !== undefined) accounts[figure.accountKey] = previous;
      continue;
    }
    const thresholds = thresholdsOf(figure.account);
    const ratio = ratioLevel(figure, previous?.ratioLevel ?? null, thresholds);
    const imBreached = imBreachedWithHysteresis(figure, previous?.imBreached ?? false, setup.rules, thresholds);
    const level = worseOf(ratio, imBreached ? 'imBreached' : null);
    if (level === null) continue;
    const rises = previous === undefined || alertRank(level) > alertRank(previous.level);
    accounts[figure.accountKey] = { ratioLevel: ratio, imBreached, level, figure, lastRaisedAt: rises ? now : previous.lastRaisedAt };
    if (rises) pending.push(accountAlert(setup, figure, level, now, { repeat: false, atStart: !profile.seenData }));
  }
  return { profile: { ...fresh, accounts }, pending };
}

/** The distance rule over the snapshot's positions; positions not sent (another source) leave its state as it was. */
function evaluateNearLiquidation(profile: ProfileAlertState, positions: readonly PositionRisk[] | undefined, now: number): { profile: ProfileAlertState; pending: PendingAlert[] } {
  const { rules } = profile.setup;
  const withinPct = rules.nearLiquidationPct ?? null;
  if (!rules.enabled || withinPct === null) return { profile: { ...profile, nearLiquidation: [] }, pending: [] };
  if (positions === undefined) return { profile, pending: [] };
  const step = stepNearLiquidation(profile.nearLiquidation ?? [], positions, withinPct, rules.hysteresisPct);
  const pending = step.raised.map((near) => nearLiquidationAlert(profile.setup, near, withinPct, now));
  return { profile: { ...profile, nearLiquidation: step.alerted }, pending };
}

function nearLiquidationAlert(setup: AlertProfileSetup, near: NearLiquidation, withinPct: number, now: number): PendingAlert {
  const { position, liquidation, past } = near;
  return {
    draft: {
      profileId: setup.profileId,
      profileName: setup.profileName,
      accountKey: near.key,
      accountLabel: position.symbol.toUpperCase(),
      level: 'warn',
      title: nearLiquidationTitle(setup.profileName, position.symbol, near.distancePct, past),
      body: nearLiquidationBody({
        markPrice: position.markPrice,
        liquidationPrice: liquidation.price,
        movePct: liquidation.movePct ?? near.distancePct,
        source: liquidation.source,
        withinPct,
      }),
      raisedAt: now,
    },
    repeat: false,
    urgency: 'warn',
  };
}

function worseOf(a: AccountAlertLevel | null, b: AccountAlertLevel | null): AccountAlertLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return alertRank(a) >= alertRank(b) ? a : b;
}

function accountAlert(setup: AlertProfileSetup, figure: HealthFigure, level: AccountAlertLevel, now: number, how: { repeat: boolean; atStart: boolean }): PendingAlert {
  return {
    draft: {
      profileId: setup.profileId,
      profileName: setup.profileName,
      accountKey: figure.accountKey,
      accountLabel: figure.label,
      level,
      title: accountAlertTitle(alertSubject(setup.profileName, figure), level, figure, how.repeat),
      body: accountAlertBody(level, figure, how.atStart),
      raisedAt: now,
    },
    repeat: how.repeat,
    urgency: level,
  };
}

// ---------------------------------------------------------------------------------------------
// Time: repeats and the staleness guard

function timeChecks(profile: ProfileAlertState, now: number, options: AlertEngineOptions): { profile: ProfileAlertState; alerts: AlertDraft[] } {
  const { setup } = profile;
  if (!setup.rules.enabled) return { profile, alerts: [] };
  const pending: PendingAlert[] = [];
  let next = profile;

  if (!profile.interrupted && now - profile.freshSince >= profileStaleLimit(setup)) {
    next = { ...next, interrupted: true };
    pending.push({
      draft: {
        profileId: setup.profileId,
        profileName: setup.profileName,
        accountKey: PROFILE_ALERT_KEY,
        accountLabel: setup.profileName,
        level: 'interrupted',
        title: interruptedTitle(setup.profileName),
        body: interruptedBody(Math.floor((now - profile.freshSince) / MINUTE), profile.lastWorst),
        raisedAt: now,
      },
      repeat: false,
      // Silence must not pass for safety: if the last data was critical, quiet hours let it through.
      urgency: worstAccountLevel(profile) ?? 'warn',
    });
  }

  // "Still critical" is only said about fresh data.
  if (!next.interrupted && setup.rules.repeatCriticalMinutes > 0) {
    for (const account of Object.values(next.accounts)) {
      if (isCriticalOrWorse(account.level) && now - account.lastRaisedAt >= setup.rules.repeatCriticalMinutes * MINUTE) {
        pending.push(accountAlert(setup, account.figure, account.level, now, { repeat: true, atStart: false }));
      }
    }
  }
  if (pending.length === 0) return { profile: next, alerts: [] };

  const decided = decide(next, pending, now, options);
  // Every account alert here is a repeat, and repeats are only kept when shown.
  const accounts: Record<string, AccountAlertState> = { ...next.accounts };
  for (const draft of decided.drafts) {
    const account = accounts[draft.accountKey];
    if (account !== undefined) accounts[draft.accountKey] = { ...account, lastRaisedAt: now };
  }
  return { profile: { ...next, accounts, notifiedAt: decided.notifiedAt }, alerts: decided.drafts };
}

function worstAccountLevel(profile: ProfileAlertState): AccountAlertLevel | null {
  let worst: AccountAlertLevel | null = null;
  for (const account of Object.values(profile.accounts)) worst = worseOf(worst, account.level);
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Delivery: snooze, quiet hours, rate cap

function isSnoozed(profile: ProfileAlertState, now: number): boolean {
  return profile.snoozedUntil !== null && now < profile.snoozedUntil;
}

/** Whether `now` falls in the quiet hours; a window may wrap midnight (22:00 → 07:00). */
export function inQuietHours(quietHours: AlertRules['quietHours'], now: number, options: AlertEngineOptions): boolean {
  if (quietHours === null) return false;
  const from = minutesOfDay(quietHours.from);
  const to = minutesOfDay(quietHours.to);
  if (from === null || to === null || from === to) return false;
  const minute = options.minuteOfDay(now);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Whether snooze or quiet hours keep an alert of this urgency off the desktop. */
function silenced(profile: ProfileAlertState, urgency: AccountAlertLevel, now: number, options: AlertEngineOptions): boolean {
  if (urgency === 'liquidation') return false;
  if (isSnoozed(profile, now)) return true;
  return !isCriticalOrWorse(urgency) && inQuietHours(profile.setup.rules.quietHours, now, options);
}

function recentNotifications(profile: ProfileAlertState, now: number): number[] {
  return profile.notifiedAt.filter((at) => now - at < RATE_WINDOW);
}

/** Worst first, so the most urgent alerts of a step get the notification slots. */
function byUrgency(pending: readonly PendingAlert[]): PendingAlert[] {
  return [...pending].sort((a, b) => alertRank(b.draft.level) - alertRank(a.draft.level));
}

/** Decides `notified` for each pending alert in urgency order, dropping repeats that cannot be shown. */
function decide(profile: ProfileAlertState, pending: readonly PendingAlert[], now: number, options: AlertEngineOptions): { drafts: AlertDraft[]; notifiedAt: number[] } {
  const notifiedAt = recentNotifications(profile, now);
  const drafts: AlertDraft[] = [];
  for (const alert of byUrgency(pending)) {
    const notified = !silenced(profile, alert.urgency, now, options) && notifiedAt.length < profile.setup.rules.maxNotificationsPerMinute;
    if (alert.repeat && !notified) continue;
    if (notified) notifiedAt.push(now);
    drafts.push({ ...alert.draft, notified });
  }
  return { drafts, notifiedAt };
}

// ---------------------------------------------------------------------------------------------
// Scheduling

/** The earliest moment a tick could change something: a staleness deadline, a snooze's end or a repeat (once it can be shown). */
function nextCheckAt(state: AlertEngineState, now: number): number | null {
  let next: number | null = null;
  const consider = (at: number): void => {
    next = next === null ? at : Math.min(next, at);
  };
  for (const profile of Object.values(state.profiles)) {
    const { rules } = profile.setup;
    if (!rules.enabled) continue;
    if (!profile.interrupted) consider(profile.freshSince + profileStaleLimit(profile.setup));
    // The end of a snooze changes what the tray shows.
    if (isSnoozed(profile, now)) consider(profile.snoozedUntil!);
    if (profile.interrupted || rules.repeatCriticalMinutes <= 0) continue;
    const recent = recentNotifications(profile, now);
    const capFreeAt = recent.length >= rules.maxNotificationsPerMinute ? recent[0]! + RATE_WINDOW : now;
    for (const account of Object.values(profile.accounts)) {
      if (!isCriticalOrWorse(account.level)) continue;
      let due = Math.max(account.lastRaisedAt + rules.repeatCriticalMinutes * MINUTE, capFreeAt);
      if (account.level !== 'liquidation' && isSnoozed(profile, due)) due = profile.snoozedUntil!;
      consider(due);
    }
  }
  return next;
}
