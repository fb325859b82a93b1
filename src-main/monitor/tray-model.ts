/**
 * What the tray shows, as plain data: the icon state, the tooltip and the menu. Built from every
 * profile's connection status, health and alert status; the Electron adapter
 * (src-main/electron/tray-service.ts) only draws it. Actions are data too, so a test (or the
 * adapter's "did anything change?" check) can compare whole models.
 *
 * Everything is reachable from the menu, because click events do not reach the app on every Linux
 * tray. The tray never shows amounts (only ratios), so privacy mode changes nothing but its checkbox.
 */
import type { AccountAlertLevel } from './alert-engine.ts';
import { formatPercent } from './alert-text.ts';
import { compareFigures, healthRank } from '../../src-shared/health-order.ts';
import type { HealthFigure, HealthLevel, HealthReport } from '../../src-shared/health-model.ts';
import type { ConnectionState } from '../../src-shared/profile-status.ts';
import { looseProfilesStart, switchOrder, type SwitchEntry } from '../../src-shared/switch-order.ts';

export type TrayIconState = 'ok' | 'warn' | 'critical' | 'stale' | 'offline';

export interface TrayProfileInput {
  readonly id: string;
  readonly name: string;
  readonly connection: ConnectionState;
  /** Health of the newest snapshot (cached or fresh), null when there is none. */
  readonly health: HealthReport | null;
  /** The alert engine's staleness guard fired for this profile (AlertService.status().interrupted). */
  readonly monitoringInterrupted: boolean;
  /**
   * The alert engine's level with hysteresis (AlertService.status().level): keeps the icon at warn
   * while the ratio hovers just above the threshold, instead of flickering with each refresh.
   */
  readonly alertLevel: AccountAlertLevel | null;
  /** End of the profile's snooze, null when not snoozed. */
  readonly snoozedUntil: number | null;
}

/** A desk as the tray lists it: its state is its members' (the worst of them). */
export interface TrayDeskInput {
  readonly id: string;
  readonly name: string;
  readonly memberIds: readonly string[];
}

export interface TrayInput {
  readonly profiles: readonly TrayProfileInput[];
  /** The profile shown, null while a desk (or nothing) is shown. */
  readonly activeProfileId: string | null;
  /** Desks in the switcher's order; none when absent. The menu lists them first and leaves their members to them. */
  readonly desks?: readonly TrayDeskInput[];
  readonly activeDeskId?: string | null;
  readonly privacyMode: boolean;
  /** A downloaded update waiting for the user's restart; `held` while a critical alert is showing. */
  readonly updateReady?: { readonly version: string; readonly held: boolean } | null;
}

export type TrayAction =
  /** Make the profile active and show the window on it. */
  | { readonly kind: 'switchProfile'; readonly profileId: string }
  /** Show the desk and the window on it. */
  | { readonly kind: 'switchDesk'; readonly deskId: string }
  /** Refresh every profile now. */
  | { readonly kind: 'refreshNow' }
  /** Snooze these profiles' alerts for `minutes`; 0 resumes them. */
  | { readonly kind: 'snooze'; readonly profileIds: readonly string[]; readonly minutes: number }
  | { readonly kind: 'setPrivacyMode'; readonly enabled: boolean }
  | { readonly kind: 'openWindow' }
  /** Restart into the downloaded update. */
  | { readonly kind: 'installUpdate' }
  | { readonly kind: 'quit' };

export type TrayMenuItem =
  | { readonly type: 'action'; readonly label: string; readonly action: TrayAction; readonly enabled: boolean }
  | { readonly type: 'radio'; readonly label: string; readonly checked: boolean; readonly action: TrayAction }
  | { readonly type: 'checkbox'; readonly label: string; readonly checked: boolean; readonly action: TrayAction }
  /** A line of information that cannot be clicked. */
  | { readonly type: 'note'; readonly label: string }
  | { readonly type: 'separator' }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly TrayMenuItem[] };

export interface TrayModel {
  readonly icon: TrayIconState;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

/** Which icon wins when profiles differ: known danger first, then "not watching", then mild concern. */
const ICON_ORDER: readonly TrayIconState[] = ['ok', 'stale', 'offline', 'warn', 'critical'];

/** Windows truncates tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

export const SNOOZE_CHOICES: readonly { readonly minutes: number; readonly label: string }[] = [
  { minutes: 15, label: 'For 15 minutes' },
  { minutes: 60, label: 'For 1 hour' },
  { minutes: 240, label: 'For 4 hours' },
  { minutes: 480, label: 'For 8 hours' },
];

const LEVEL_WORDS: Readonly<Record<HealthLevel, string>> = {
  noMargin: 'no margin used',
  healthy: '',
  unknown: 'health unknown',
  warn: 'warning',
  imBreached: 'initial margin breached',
  critical: 'critical',
  liquidation: 'liquidation imminent',
};

const CONNECTION_WORDS: Readonly<Partial<Record<ConnectionState, string>>> = {
  stale: 'data stale',
  offline: 'offline',
  authFailed: 'key refused',
  keychainLocked: 'keychain locked',
  switchedOff: 'API switched off',
};

interface ProfileSummary {
  readonly profile: TrayProfileInput;
  readonly icon: TrayIconState;
  readonly worst: HealthFigure | null;
  /** "Flex 142 % critical", "no margin used", "no data yet". */
  readonly figureText: string;
  /** "offline", "monitoring interrupted", or null when the data is live. */
  readonly connectionText: string | null;
}

function figureText(worst: HealthFigure | null): string {
  if (worst === null) return 'no data yet';
  if (worst.marginRatio === null) return LEVEL_WORDS[worst.level];
  const words = LEVEL_WORDS[worst.level];
  return `${worst.label} ${formatPercent(worst.marginRatio)}${words === '' ? '' : ` ${words}`}`;
}

function summarise(profile: TrayProfileInput): ProfileSummary {
  const worst = profile.health?.worst ?? null;
  const measured = worst?.level ?? 'noMargin';
  const level = profile.alertLevel !== null && healthRank(profile.alertLevel) > healthRank(measured) ? profile.alertLevel : measured;
  const connectionText = profile.monitoringInterrupted ? 'monitoring interrupted' : (CONNECTION_WORDS[profile.connection] ?? null);
  let icon: TrayIconState;
  // A last-known critical stays critical even when the data stopped coming: danger is not forgotten.
  if (level === 'critical' || level === 'liquidation') icon = 'critical';
  else if (profile.connection === 'offline' || profile.connection === 'authFailed' || profile.connection === 'keychainLocked' || profile.connection === 'switchedOff') icon = 'offline';
  else if (profile.connection === 'stale' || profile.monitoringInterrupted) icon = 'stale';
  else if (level === 'warn' || level === 'imBreached') icon = 'warn';
  else icon = 'ok';
  return { profile, icon, worst, figureText: figureText(worst), connectionText };
}

/** Worst first: by icon, then by the worst figure. */
function compareSummaries(a: ProfileSummary, b: ProfileSummary): number {
  const byIcon = ICON_ORDER.indexOf(b.icon) - ICON_ORDER.indexOf(a.icon);
  if (byIcon !== 0) return byIcon;
  if (a.worst === null || b.worst === null) return a.worst === null ? (b.worst === null ? 0 : 1) : -1;
  return compareFigures(a.worst, b.worst);
}

function describe(summary: ProfileSummary): string {
  if (summary.connectionText === null) return summary.figureText;
  return summary.worst === null ? summary.connectionText : `${summary.connectionText}, last: ${summary.figureText}`;
}

function tooltipOf(summaries: readonly ProfileSummary[]): string {
  const [lead, ...others] = [...summaries].sort(compareSummaries);
  if (lead === undefined) return 'Margin Desk - no profiles';
  const needAttention = others.filter((summary) => summary.icon !== 'ok').length;
  const more = needAttention === 0 ? '' : ` (+${needAttention} more needing attention)`;
  const text = `Margin Desk - [${lead.profile.name}] ${describe(lead)}${more}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function snoozeItems(profiles: readonly TrayProfileInput[]): TrayMenuItem[] {
  const ids = profiles.map((profile) => profile.id);
  const anySnoozed = profiles.some((profile) => profile.snoozedUntil !== null);
  return [
    ...SNOOZE_CHOICES.map((choice): TrayMenuItem => ({ type: 'action', label: choice.label, action: { kind: 'snooze', profileIds: ids, minutes: choice.minutes }, enabled: true })),
    ...(anySnoozed ? [{ type: 'action', label: 'Resume alerts', action: { kind: 'snooze', profileIds: ids, minutes: 0 }, enabled: true } as const] : []),
  ];
}

/** Snoozing follows the switcher's entries: a desk snoozes all its members, so the menu stays short however large the desk. */
function snoozeMenu(profiles: readonly TrayProfileInput[], entries: readonly TrayEntry[]): TrayMenuItem {
  const note: TrayMenuItem = { type: 'note', label: 'Liquidation alerts always show' };
  const only = profiles.length === 1 ? profiles[0] : undefined;
  if (only !== undefined) return { type: 'submenu', label: only.snoozedUntil === null ? 'Snooze alerts' : 'Snooze alerts (snoozed)', items: [...snoozeItems(profiles), { type: 'separator' }, note] };
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const entryMenu = (entry: TrayEntry): TrayMenuItem => {
    const members = entry.kind === 'desk' ? entry.desk.memberIds.flatMap((id) => byId.get(id) ?? []) : [entry.profile];
    const snoozed = members.filter((profile) => profile.snoozedUntil !== null).length;
    const name = entry.kind === 'desk' ? `${entry.desk.name} (desk)` : entry.profile.name;
    const state = snoozed === 0 ? '' : snoozed === members.length ? ' (snoozed)' : ' (some snoozed)';
    return { type: 'submenu', label: `${name}${state}`, items: snoozeItems(members) };
  };
  return {
    type: 'submenu',
    label: profiles.some((profile) => profile.snoozedUntil !== null) ? 'Snooze alerts (some snoozed)' : 'Snooze alerts',
    items: [{ type: 'submenu', label: 'All profiles', items: snoozeItems(profiles) }, ...entries.map(entryMenu), { type: 'separator' }, note],
  };
}

function updateItems(ready: TrayInput['updateReady']): TrayMenuItem[] {
  if (!ready) return [];
  if (ready.held) return [{ type: 'note', label: `Update ${ready.version} ready: restart waits while a critical alert shows` }];
  return [{ type: 'action', label: `Restart to update to ${ready.version}`, action: { kind: 'installUpdate' }, enabled: true }];
}

/** A desk's line: the member closest to trouble speaks for it, named ("Desk — [Trader 7] Flex 142 % critical"). */
function deskItem(desk: TrayDeskInput, summaries: ReadonlyMap<string, ProfileSummary>, activeDeskId: string | null): TrayMenuItem {
  const members = desk.memberIds.map((id) => summaries.get(id)).filter((summary): summary is ProfileSummary => summary !== undefined);
  const [lead] = [...members].sort(compareSummaries);
  const state = lead === undefined ? 'no members' : `[${lead.profile.name}] ${describe(lead)}`;
  return { type: 'radio', label: `${desk.name} — ${state}`, checked: desk.id === activeDeskId, action: { kind: 'switchDesk', deskId: desk.id } };
}

function profileItem(summary: ProfileSummary, activeProfileId: string | null): TrayMenuItem {
  return {
    type: 'radio',
    label: `${summary.profile.name} — ${describe(summary)}${summary.profile.snoozedUntil === null ? '' : ' (snoozed)'}`,
    checked: summary.profile.id === activeProfileId,
    action: { kind: 'switchProfile', profileId: summary.profile.id },
  };
}

type TrayEntry = SwitchEntry<TrayProfileInput, TrayDeskInput>;

export function buildTrayModel(input: TrayInput): TrayModel {
  const summaries = input.profiles.map(summarise);
  const byId = new Map(summaries.map((summary) => [summary.profile.id, summary]));
  const icon = summaries.reduce<TrayIconState>((worst, summary) => (ICON_ORDER.indexOf(summary.icon) > ICON_ORDER.indexOf(worst) ? summary.icon : worst), 'ok');
  // The switcher's order (src-shared/switch-order.ts): desks, then the profiles in no desk.
  const entries = switchOrder({ profiles: input.profiles, desks: input.desks ?? [], activeProfileId: input.activeProfileId });
  const firstLoose = looseProfilesStart(entries);
  const entryItems = entries.flatMap((entry, index): TrayMenuItem[] => {
    if (entry.kind === 'desk') return [deskItem(entry.desk, byId, input.activeDeskId ?? null)];
    const summary = byId.get(entry.profile.id);
    const apart: TrayMenuItem[] = index === firstLoose ? [{ type: 'separator' }] : [];
    return summary === undefined ? [] : [...apart, profileItem(summary, input.activeProfileId)];
  });
  const menu: TrayMenuItem[] = [
    ...(entryItems.length === 0 ? [{ type: 'note', label: 'No profiles yet' } as const] : entryItems),
    { type: 'separator' },
    { type: 'action', label: 'Open Margin Desk', action: { kind: 'openWindow' }, enabled: true },
    { type: 'action', label: 'Refresh now', action: { kind: 'refreshNow' }, enabled: input.profiles.length > 0 },
    ...(input.profiles.length > 0 ? [snoozeMenu(input.profiles, entries)] : []),
    { type: 'checkbox', label: 'Privacy mode', checked: input.privacyMode, action: { kind: 'setPrivacyMode', enabled: !input.privacyMode } },
    { type: 'separator' },
    ...updateItems(input.updateReady ?? null),
    { type: 'action', label: 'Quit Margin Desk', action: { kind: 'quit' }, enabled: true },
  ];
  return { icon, tooltip: tooltipOf(summaries), menu };
}
