/**
 * The order in which the window's switcher, Ctrl/Cmd+1…9, the tray menu and the application menu
 * offer what can be shown: every desk first (in creation order), then the profiles that belong to
 * no desk (in the profiles' order). A desk's members are reached through their desk (its overview
 * opens a member alone) and the Profiles view: a desk of 200 subaccount keys is one entry, not 200.
 *
 * A desk member opened alone still gets an entry, right after its first desk, so that what is shown
 * is always visible; that entry takes no shortcut, so opening a member never renumbers the others.
 */

/** How many entries get a shortcut: Ctrl/Cmd+1…9. */
const SWITCH_SHORTCUT_COUNT = 9;

export type SwitchEntry<P, D> =
  | { readonly kind: 'desk'; readonly desk: D; readonly shortcut: number | null }
  | {
      readonly kind: 'profile';
      readonly profile: P;
      /** 1…9 for Ctrl/Cmd+1…9, null beyond the ninth entry and for a member opened alone. */
      readonly shortcut: number | null;
      /** A desk member shown on its own because it is the active profile. */
      readonly openedAlone: boolean;
    };

export interface SwitchOrderInput<P, D> {
  readonly profiles: readonly P[];
  readonly desks: readonly D[];
  /** The profile shown (null while a desk is shown). */
  readonly activeProfileId: string | null;
}

export function switchOrder<P extends { readonly id: string }, D extends { readonly memberIds: readonly string[] }>(
  input: SwitchOrderInput<P, D>,
): SwitchEntry<P, D>[] {
  const members = new Set(input.desks.flatMap((desk) => desk.memberIds));
  const active = input.activeProfileId === null || !members.has(input.activeProfileId) ? undefined : input.profiles.find((profile) => profile.id === input.activeProfileId);
  const hostIndex = active === undefined ? -1 : input.desks.findIndex((desk) => desk.memberIds.includes(active.id));
  let numbered = 0;
  const shortcut = (): number | null => (numbered < SWITCH_SHORTCUT_COUNT ? ++numbered : null);
  const entries: SwitchEntry<P, D>[] = [];
  input.desks.forEach((desk, index) => {
    entries.push({ kind: 'desk', desk, shortcut: shortcut() });
    if (index === hostIndex && active !== undefined) entries.push({ kind: 'profile', profile: active, shortcut: null, openedAlone: true });
  });
  for (const profile of input.profiles) {
    if (!members.has(profile.id)) entries.push({ kind: 'profile', profile, shortcut: shortcut(), openedAlone: false });
  }
  return entries;
}

/** Where the profiles in no desk start after the desks (menus draw a separator there); -1 when nothing precedes them or there are none. */
export function looseProfilesStart<P, D>(entries: readonly SwitchEntry<P, D>[]): number {
  const index = entries.findIndex((entry) => entry.kind === 'profile' && !entry.openedAlone);
  return index > 0 ? index : -1;
}

/** The entry Ctrl/Cmd+`shortcut` opens, if any. */
export function entryForShortcut<P, D>(entries: readonly SwitchEntry<P, D>[], shortcut: number): SwitchEntry<P, D> | undefined {
  return entries.find((entry) => entry.shortcut === shortcut);
}
