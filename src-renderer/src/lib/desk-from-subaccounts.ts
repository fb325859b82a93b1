/**
 * "Make a desk from these subaccounts": which profile holds the key of each subaccount of a master.
 *
 * Neither Kraken's key check nor its key information says which account a key belongs to, so no
 * match can be certain: the user picks the profile of each subaccount, and the form starts from the
 * profile already named after the subaccount (its label or e-mail, ignoring case and the spaces around it).
 */
import type { NewDesk, ProfileView } from '../../../src-preload/contract.ts';
import { DESK_NAME_MAX_LENGTH } from '../../../src-shared/desk-schema.ts';
import { PROFILE_NAME_MAX_LENGTH } from '../../../src-shared/profile-schema.ts';
import type { SubaccountRow } from './subaccount-table.ts';

function comparable(text: string): string {
  return text.trim().toLowerCase();
}

/** The profile each subaccount starts with (by UID): named like it, each profile used once, never the master's. */
export function suggestedMembers(rows: readonly SubaccountRow[], profiles: readonly ProfileView[], masterId: string): Record<string, string> {
  const byName = new Map<string, string>();
  for (const profile of profiles) {
    if (profile.id !== masterId && !byName.has(comparable(profile.name))) byName.set(comparable(profile.name), profile.id);
  }
  const used = new Set<string>();
  const chosen: Record<string, string> = {};
  for (const row of rows) {
    const id = byName.get(comparable(row.label)) ?? (row.email === '' ? undefined : byName.get(comparable(row.email)));
    if (id === undefined || used.has(id)) continue;
    used.add(id);
    chosen[row.uid] = id;
  }
  return chosen;
}

/** The desk's default name: the master's, as the subaccounts' desk. */
export function deskNameFor(masterName: string): string {
  return `${masterName} subaccounts`.slice(0, DESK_NAME_MAX_LENGTH).trim();
}

/** A subaccount's label as a profile name (within the profile name's limit). */
function carriedName(row: SubaccountRow): string {
  return row.label.slice(0, PROFILE_NAME_MAX_LENGTH).trim();
}

export interface DeskPlan {
  readonly desk: NewDesk;
  /** Profiles to rename after their subaccount, when names are carried over. */
  readonly renames: readonly { readonly id: string; readonly name: string }[];
}

/** The desk of the chosen profiles in the master's order, and the renames that carry the subaccounts' names over. */
export function deskPlan(
  name: string,
  rows: readonly SubaccountRow[],
  chosen: Readonly<Record<string, string>>,
  profiles: readonly ProfileView[],
  carryNames: boolean,
): DeskPlan {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const memberIds: string[] = [];
  const renames: { id: string; name: string }[] = [];
  for (const row of rows) {
    const id = chosen[row.uid];
    if (id === undefined || id === '') continue;
    memberIds.push(id);
    const profile = byId.get(id);
    if (carryNames && profile !== undefined && profile.name !== carriedName(row)) renames.push({ id, name: carriedName(row) });
  }
  return { desk: { name, memberIds }, renames };
}
