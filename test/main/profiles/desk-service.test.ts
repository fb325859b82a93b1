import { describe, expect, it } from 'vitest';
import type { DeskList } from '../../../src-shared/desk.ts';
import { MAX_DESK_MEMBERS } from '../../../src-shared/desk-schema.ts';
import { DeskService } from '../../../src-main/profiles/desk-service.ts';
import type { AppError } from '../../../src-main/errors.ts';
import { buildProfile } from '../store/fixtures/profile-fixture.ts';
import { openTestStore } from '../store/support/test-store.ts';

function setup(...profileIds: string[]) {
  const store = openTestStore();
  for (const id of profileIds) store.profiles.insert(buildProfile(id));
  let next = 0;
  const service = new DeskService({
    records: store.desks,
    activeDesk: store.appState,
    profileExists: (id) => store.profiles.get(id) !== null,
    now: () => 1_000 + next,
    newId: () => `d${++next}`,
  });
  const announced: DeskList[] = [];
  service.onChange((list) => announced.push(list));
  return { store, service, announced };
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('DeskService (real SQLite store)', () => {
  it('creates a desk of any profiles, renames it, changes its members and announces each change', () => {
    const { service, announced } = setup('a', 'b', 'c');
    const desk = service.create({ name: ' Team ', memberIds: ['c', 'a'] });
    expect(desk).toEqual({ id: 'd1', name: 'Team', memberIds: ['c', 'a'], createdAt: 1_001 });
    expect(service.update({ id: 'd1', name: 'Traders' })).toMatchObject({ name: 'Traders', memberIds: ['c', 'a'] });
    expect(service.update({ id: 'd1', memberIds: ['a', 'b', 'c'] })).toMatchObject({ name: 'Traders', memberIds: ['a', 'b', 'c'] });
    expect(announced.map((list) => list.desks[0]?.name)).toEqual(['Team', 'Traders', 'Traders']);
    expect(service.list()).toEqual({ desks: [{ id: 'd1', name: 'Traders', memberIds: ['a', 'b', 'c'], createdAt: 1_001 }], activeDeskId: null });
  });

  it('refuses a bad desk with the field, a message and an action, and changes nothing', () => {
    const { service, announced } = setup('a');
    const empty = refusal(() => service.create({ name: 'Team', memberIds: [] }));
    expect(empty).toMatchObject({ kind: 'invalidArgument', message: 'memberIds: A desk needs at least one profile.', action: `Choose between 1 and ${MAX_DESK_MEMBERS} profiles, each once.` });
    const unnamed = refusal(() => service.create({ name: '', memberIds: ['a'] }));
    expect(unnamed).toMatchObject({ kind: 'invalidArgument', message: 'name: The desk name is empty.' });
    expect(unnamed.action).toMatch(/^Give the desk a name/);
    const ghost = refusal(() => service.create({ name: 'Team', memberIds: ['a', 'ghost'] }));
    expect(ghost).toMatchObject({ kind: 'invalidArgument', message: 'A profile chosen for the desk no longer exists.' });
    expect(refusal(() => service.update({ id: 'nothing', name: 'x' }))).toMatchObject({ kind: 'deskNotFound' });
    expect(service.list().desks).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('deleting a desk leaves its profiles; showing it is remembered until another profile or desk is shown', () => {
    const { store, service } = setup('a', 'b');
    service.create({ name: 'Team', memberIds: ['a', 'b'] });
    service.activate('d1');
    expect(service.activeDeskId()).toBe('d1');
    expect(service.activeMembers()).toEqual(['a', 'b']);
    service.deactivate();
    expect(service.activeMembers()).toBeNull();
    service.activate('d1');
    service.delete('d1');
    expect(service.list()).toEqual({ desks: [], activeDeskId: null });
    expect(store.profiles.list().map((profile) => profile.id)).toEqual(['a', 'b']);
    expect(refusal(() => service.activate('d1'))).toMatchObject({ kind: 'deskNotFound', action: 'Choose another desk or profile in the switcher.' });
  });

  it('a deleted profile leaves its desks; a desk it leaves empty goes, and only real changes are announced', () => {
    const { store, service, announced } = setup('a', 'b');
    service.create({ name: 'Both', memberIds: ['a', 'b'] });
    service.create({ name: 'Only b', memberIds: ['b'] });
    announced.length = 0;
    service.profilesChanged();
    expect(announced).toEqual([]);
    store.profiles.delete('b');
    service.profilesChanged();
    expect(announced).toHaveLength(1);
    expect(service.list().desks).toEqual([{ id: 'd1', name: 'Both', memberIds: ['a'], createdAt: 1_001 }]);
  });
});
