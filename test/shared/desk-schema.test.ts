import { describe, expect, it } from 'vitest';
import { deskChangesSchema, MAX_DESK_MEMBERS, newDeskSchema } from '../../src-shared/desk-schema.ts';
import { fieldProblems } from '../../src-shared/field-problem.ts';

function problems(value: unknown, schema: typeof newDeskSchema | typeof deskChangesSchema = newDeskSchema) {
  const result = schema.safeParse(value);
  return result.success ? [] : fieldProblems(result.error);
}

describe('desk schema', () => {
  it('accepts a named desk of distinct profiles, any number from 1 to the limit, and trims the name', () => {
    expect(newDeskSchema.parse({ name: '  Team  ', memberIds: ['a'] })).toEqual({ name: 'Team', memberIds: ['a'] });
    const many = Array.from({ length: MAX_DESK_MEMBERS }, (_, i) => `p${i}`);
    expect(newDeskSchema.parse({ name: 'All', memberIds: many }).memberIds).toHaveLength(MAX_DESK_MEMBERS);
  });

  it('refuses what a desk cannot be, naming the field and saying why', () => {
    expect(problems({ name: ' ', memberIds: ['a'] })).toEqual([{ field: 'name', message: 'The desk name is empty.' }]);
    expect(problems({ name: 'x'.repeat(41), memberIds: ['a'] })).toEqual([{ field: 'name', message: 'The desk name is longer than 40 characters.' }]);
    expect(problems({ name: 'Team', memberIds: [] })).toEqual([{ field: 'memberIds', message: 'A desk needs at least one profile.' }]);
    expect(problems({ name: 'Team', memberIds: ['a', 'b', 'a'] })).toEqual([{ field: 'memberIds', message: 'A profile is in the desk twice.' }]);
    const tooMany = Array.from({ length: MAX_DESK_MEMBERS + 1 }, (_, i) => `p${i}`);
    expect(problems({ name: 'Team', memberIds: tooMany })).toEqual([{ field: 'memberIds', message: `A desk holds at most ${MAX_DESK_MEMBERS} profiles.` }]);
    expect(problems({ name: 'Team', memberIds: ['../etc'] })[0]).toMatchObject({ field: 'memberIds.0', message: 'This is not a profile identifier.' });
    expect(problems({ name: 'Team', memberIds: ['a'], extra: 1 })).toHaveLength(1);
  });

  it('changes: an id and any of name and members, each checked by the same rules', () => {
    expect(deskChangesSchema.parse({ id: 'd1', name: 'New' })).toEqual({ id: 'd1', name: 'New' });
    expect(problems({ id: 'd1', memberIds: [] }, deskChangesSchema)).toEqual([{ field: 'memberIds', message: 'A desk needs at least one profile.' }]);
    expect(problems({ id: 'not an id', name: 'x' }, deskChangesSchema)[0]).toMatchObject({ field: 'id', message: 'This is not a desk identifier.' });
  });
});
