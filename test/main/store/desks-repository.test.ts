import { describe, expect, it } from 'vitest';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

function storeWithProfiles(...ids: string[]) {
  const store = openTestStore();
  for (const id of ids) store.profiles.insert(buildProfile(id));
  return store;
}

describe('DesksRepository', () => {
  it('keeps desks in creation order with their members in the given order', () => {
    const { desks } = storeWithProfiles('a', 'b', 'c');
    desks.insert({ id: 'd2', name: 'Later', memberIds: ['c'], createdAt: 2 });
    desks.insert({ id: 'd1', name: 'Team', memberIds: ['c', 'a', 'b'], createdAt: 1 });
    expect(desks.list()).toEqual([
      { id: 'd1', name: 'Team', memberIds: ['c', 'a', 'b'], createdAt: 1 },
      { id: 'd2', name: 'Later', memberIds: ['c'], createdAt: 2 },
    ]);
    expect(desks.get('d1')?.memberIds).toEqual(['c', 'a', 'b']);
    expect(desks.get('nothing')).toBeNull();
  });

  it('renames and replaces members in one step, and refuses a member that is no profile', () => {
    const { desks } = storeWithProfiles('a', 'b');
    desks.insert({ id: 'd', name: 'Team', memberIds: ['a'], createdAt: 1 });
    expect(desks.update('d', { name: 'Renamed', memberIds: ['b', 'a'] })).toMatchObject({ name: 'Renamed', memberIds: ['b', 'a'] });
    expect(desks.update('d', { name: 'Only the name' })?.memberIds).toEqual(['b', 'a']);
    expect(() => desks.update('d', { memberIds: ['a', 'ghost'] })).toThrow(/FOREIGN KEY/);
    // the refused change left the desk as it was
    expect(desks.get('d')?.memberIds).toEqual(['b', 'a']);
    expect(desks.update('missing', { name: 'x' })).toBeNull();
  });

  it('a deleted profile leaves its desks; a desk left empty is deleted by deleteEmpty, never a profile', () => {
    const { desks, profiles, appState } = storeWithProfiles('a', 'b');
    desks.insert({ id: 'both', name: 'Both', memberIds: ['a', 'b'], createdAt: 1 });
    desks.insert({ id: 'only-b', name: 'Only b', memberIds: ['b'], createdAt: 2 });
    appState.setActiveDeskId('only-b');
    profiles.delete('b');
    expect(desks.get('both')?.memberIds).toEqual(['a']);
    expect(desks.get('only-b')?.memberIds).toEqual([]);
    expect(desks.deleteEmpty()).toEqual(['only-b']);
    expect(desks.list().map((desk) => desk.id)).toEqual(['both']);
    // the database forgets the shown desk with it
    expect(appState.getActiveDeskId()).toBeNull();
    expect(desks.delete('both')).toBe(true);
    expect(profiles.list().map((profile) => profile.id)).toEqual(['a']);
    expect(desks.delete('both')).toBe(false);
  });

  it('remembers the shown desk, and only an existing one', () => {
    const { desks, appState } = storeWithProfiles('a');
    desks.insert({ id: 'd', name: 'Team', memberIds: ['a'], createdAt: 1 });
    appState.setActiveDeskId('d');
    expect(appState.getActiveDeskId()).toBe('d');
    expect(() => appState.setActiveDeskId('nothing')).toThrow(/FOREIGN KEY/);
    appState.setActiveDeskId(null);
    expect(appState.getActiveDeskId()).toBeNull();
  });
});
