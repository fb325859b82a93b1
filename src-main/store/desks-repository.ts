import type { Database, Statement } from 'better-sqlite3';
import type { Desk } from '../../src-shared/desk.ts';

interface DeskRow {
  id: string;
  name: string;
  created_at: number;
}

interface MemberRow {
  desk_id: string;
  profile_id: string;
}

/**
 * Desk records: a name and an ordered list of member profiles. Members reference their profiles, so
 * a deleted profile leaves every desk by itself (ON DELETE CASCADE); `deleteEmpty` then removes the
 * desks that had no other member.
 */
export class DesksRepository {
  readonly #db: Database;
  readonly #list: Statement<[], DeskRow>;
  readonly #get: Statement<[string], DeskRow>;
  readonly #members: Statement<[], MemberRow>;
  readonly #membersOf: Statement<[string], MemberRow>;
  readonly #insert: Statement<[string, string, number]>;
  readonly #rename: Statement<[string, string]>;
  readonly #clearMembers: Statement<[string]>;
  readonly #addMember: Statement<[string, string, number]>;
  readonly #delete: Statement<[string]>;
  readonly #empty: Statement<[], { id: string }>;

  constructor(db: Database) {
    this.#db = db;
    this.#list = db.prepare('SELECT id, name, created_at FROM desks ORDER BY created_at, id');
    this.#get = db.prepare('SELECT id, name, created_at FROM desks WHERE id = ?');
    this.#members = db.prepare('SELECT desk_id, profile_id FROM desk_members ORDER BY desk_id, position');
    this.#membersOf = db.prepare('SELECT desk_id, profile_id FROM desk_members WHERE desk_id = ? ORDER BY position');
    this.#insert = db.prepare('INSERT INTO desks (id, name, created_at) VALUES (?, ?, ?)');
    this.#rename = db.prepare('UPDATE desks SET name = ? WHERE id = ?');
    this.#clearMembers = db.prepare('DELETE FROM desk_members WHERE desk_id = ?');
    this.#addMember = db.prepare('INSERT INTO desk_members (desk_id, profile_id, position) VALUES (?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM desks WHERE id = ?');
    this.#empty = db.prepare('SELECT id FROM desks WHERE NOT EXISTS (SELECT 1 FROM desk_members WHERE desk_id = desks.id)');
  }

  /** Every desk in creation order, with its members in the user's order. */
  list(): Desk[] {
    const members = new Map<string, string[]>();
    for (const row of this.#members.all()) {
      const list = members.get(row.desk_id);
      if (list === undefined) members.set(row.desk_id, [row.profile_id]);
      else list.push(row.profile_id);
    }
    return this.#list.all().map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, memberIds: members.get(row.id) ?? [] }));
  }

  get(id: string): Desk | null {
    const row = this.#get.get(id);
    if (row === undefined) return null;
    return { id: row.id, name: row.name, createdAt: row.created_at, memberIds: this.#membersOf.all(id).map((member) => member.profile_id) };
  }

  /** Inserts the desk and its members in one transaction. Every member must be a stored profile (foreign key). */
  insert(desk: Desk): void {
    this.#db.transaction(() => {
      this.#insert.run(desk.id, desk.name, desk.createdAt);
      this.#setMembers(desk.id, desk.memberIds);
    })();
  }

  /** Applies a new name and/or member list; the stored result, or null when there is no such desk. */
  update(id: string, changes: { readonly name?: string; readonly memberIds?: readonly string[] }): Desk | null {
    return this.#db.transaction(() => {
      if (this.#get.get(id) === undefined) return null;
      if (changes.name !== undefined) this.#rename.run(changes.name, id);
      if (changes.memberIds !== undefined) {
        this.#clearMembers.run(id);
        this.#setMembers(id, changes.memberIds);
      }
      return this.get(id);
    })();
  }

  /** Deletes the desk (its member rows go with it; the profiles stay). False when absent. */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** Deletes every desk left without members (their last profile was deleted); their ids. */
  deleteEmpty(): string[] {
    return this.#db.transaction(() => {
      const ids = this.#empty.all().map((row) => row.id);
      for (const id of ids) this.#delete.run(id);
      return ids;
    })();
  }

  #setMembers(deskId: string, memberIds: readonly string[]): void {
    memberIds.forEach((profileId, position) => this.#addMember.run(deskId, profileId, position));
  }
}
