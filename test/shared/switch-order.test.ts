import { describe, expect, it } from 'vitest';
import { entryForShortcut, looseProfilesStart, switchOrder, type SwitchEntry } from '../../src-shared/switch-order.ts';

interface P {
  readonly id: string;
}
interface D {
  readonly id: string;
  readonly memberIds: readonly string[];
}

const profile = (id: string): P => ({ id });
const desk = (id: string, memberIds: readonly string[]): D => ({ id, memberIds });

/** Each entry as `desk:<id>` or `<profile id>`, then `*` when opened alone, then `/<shortcut>` when numbered. */
function spell(entries: readonly SwitchEntry<P, D>[]): string[] {
  return entries.map((entry) => {
    const name = entry.kind === 'desk' ? `desk:${entry.desk.id}` : `${entry.profile.id}${entry.openedAlone ? '*' : ''}`;
    return entry.shortcut === null ? name : `${name}/${entry.shortcut}`;
  });
}

describe('switch order', () => {
  it('lists desks first, then the profiles that belong to no desk, numbering 1…9 in that order', () => {
    const entries = switchOrder({ profiles: ['a', 'm1', 'b', 'm2'].map(profile), desks: [desk('d1', ['m1', 'm2'])], activeProfileId: 'a' });
    expect(spell(entries)).toEqual(['desk:d1/1', 'a/2', 'b/3']);
  });

  it('keeps a desk of 200 members to one entry, so the desk is Ctrl/Cmd+1 and the loose profiles follow', () => {
    const members = Array.from({ length: 200 }, (_, index) => `m${index}`);
    const entries = switchOrder({ profiles: [...members, 'a', 'b'].map(profile), desks: [desk('team', members)], activeProfileId: null });
    expect(spell(entries)).toEqual(['desk:team/1', 'a/2', 'b/3']);
    expect(entryForShortcut(entries, 1)).toMatchObject({ kind: 'desk', desk: { id: 'team' } });
  });

  it('shows a member opened alone right after its first desk, without a shortcut, so nothing is renumbered', () => {
    const input = { profiles: ['a', 'm1', 'm2'].map(profile), desks: [desk('d1', ['m1']), desk('d2', ['m2', 'm1'])] };
    expect(spell(switchOrder({ ...input, activeProfileId: 'm1' }))).toEqual(['desk:d1/1', 'm1*', 'desk:d2/2', 'a/3']);
    expect(spell(switchOrder({ ...input, activeProfileId: 'm2' }))).toEqual(['desk:d1/1', 'desk:d2/2', 'm2*', 'a/3']);
    expect(spell(switchOrder({ ...input, activeProfileId: null }))).toEqual(['desk:d1/1', 'desk:d2/2', 'a/3']);
    expect(looseProfilesStart(switchOrder({ ...input, activeProfileId: 'm1' }))).toBe(3);
  });

  it('says where the loose profiles start only when desks precede them', () => {
    expect(looseProfilesStart(switchOrder({ profiles: [profile('a')], desks: [], activeProfileId: null }))).toBe(-1);
    expect(looseProfilesStart(switchOrder({ profiles: [profile('m')], desks: [desk('d', ['m'])], activeProfileId: 'm' }))).toBe(-1);
  });

  it('numbers only the first nine entries and leaves a member that no longer exists out', () => {
    const loose = Array.from({ length: 9 }, (_, index) => `p${index}`);
    const entries = switchOrder({ profiles: loose.map(profile), desks: [desk('d1', ['gone'])], activeProfileId: 'gone' });
    expect(spell(entries)).toEqual(['desk:d1/1', ...loose.slice(0, 8).map((id, index) => `${id}/${index + 2}`), 'p8']);
    expect(entryForShortcut(entries, 10)).toBeUndefined();
  });

  it('without desks is the profiles in their own order', () => {
    expect(spell(switchOrder({ profiles: ['a', 'b'].map(profile), desks: [], activeProfileId: 'b' }))).toEqual(['a/1', 'b/2']);
  });
});
