/** The words around a switcher entry (src-shared/switch-order.ts): its key, tooltip and shortcut as ARIA names it. */
import type { ConnectionState, Desk, ProfileView } from '../../../src-preload/contract.ts';
import type { SwitchEntry } from '../../../src-shared/switch-order.ts';
import { MODIFIER_ARIA, MODIFIER_LABEL } from './hotkeys.ts';
import { CONNECTION_LABELS } from './labels.ts';

type Entry = SwitchEntry<ProfileView, Desk>;

export function entryKey(entry: Entry): string {
  return entry.kind === 'desk' ? `desk:${entry.desk.id}` : `profile:${entry.profile.id}`;
}

export function entryShortcutAria(entry: Entry): string | undefined {
  return entry.shortcut === null ? undefined : `${MODIFIER_ARIA}+${entry.shortcut}`;
}

/** "Desk Team: 3 of 200 members live (Ctrl+1)", "Main: Live (Ctrl+2)", "Trader 7: Live, opened alone from its desk". */
export function entryTitle(entry: Entry, connectionOf: (profileId: string, fallback: ConnectionState) => ConnectionState): string {
  const shortcut = entry.shortcut === null ? '' : ` (${MODIFIER_LABEL}+${entry.shortcut})`;
  if (entry.kind === 'desk') {
    const live = entry.desk.memberIds.filter((id) => connectionOf(id, 'idle') === 'live').length;
    return `Desk ${entry.desk.name}: ${live} of ${entry.desk.memberIds.length} members live${shortcut}`;
  }
  const alone = entry.openedAlone ? ', opened alone from its desk' : '';
  return `${entry.profile.name}: ${CONNECTION_LABELS[connectionOf(entry.profile.id, entry.profile.status.state)]}${alone}${shortcut}`;
}
