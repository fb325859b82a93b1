/**
 * Desks: named groups of profiles shown together (src-shared/desk.ts). Every bridge call about
 * desks lands here. A desk owns no key and no figures: it only names profiles, so deleting a desk
 * leaves its profiles as they are, and a deleted profile leaves every desk it was in; a desk left
 * without any member goes with its last profile.
 */
import { randomUUID } from 'node:crypto';
import type { Unsubscribe } from '../../src-preload/contract.ts';
import type { Desk, DeskChanges, DeskList, NewDesk } from '../../src-shared/desk.ts';
import { DESK_FIELD_ACTIONS, deskChangesSchema, newDeskSchema } from '../../src-shared/desk-schema.ts';
import { checkedValue } from '../checked-value.ts';
import { AppError } from '../errors.ts';
import type { DesksRepository } from '../store/desks-repository.ts';
import type { AppStateRepository } from '../store/app-state-repository.ts';

export type DeskRecords = Pick<DesksRepository, 'list' | 'get' | 'insert' | 'update' | 'delete' | 'deleteEmpty'>;
/** The desk shown instead of a single profile, remembered across restarts. */
export type ActiveDeskRecord = Pick<AppStateRepository, 'getActiveDeskId' | 'setActiveDeskId'>;

export interface DeskServiceOptions {
  readonly records: DeskRecords;
  readonly activeDesk: ActiveDeskRecord;
  /** Whether a profile exists: members are checked against the profiles when a desk is saved. */
  readonly profileExists: (profileId: string) => boolean;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** The advice for a refused desk field (`name`, `memberIds.3`, …). */
function deskFieldAction(field: string): string {
  const root = field.split('.')[0];
  return root === 'name' || root === 'id' ? DESK_FIELD_ACTIONS[root] : DESK_FIELD_ACTIONS.memberIds;
}

function deskNotFound(): AppError {
  return new AppError({
    kind: 'deskNotFound',
    message: 'This desk no longer exists.',
    action: 'Choose another desk or profile in the switcher.',
    retryable: false,
  });
}

function memberMissing(): AppError {
  return new AppError({
    kind: 'invalidArgument',
    message: 'A profile chosen for the desk no longer exists.',
    action: 'Choose the desk members again from the profiles listed now.',
    retryable: false,
  });
}

export class DeskService {
  readonly #records: DeskRecords;
  readonly #activeDesk: ActiveDeskRecord;
  readonly #profileExists: (profileId: string) => boolean;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #listeners = new Set<(list: DeskList) => void>();
  /** The list last announced, so that a profile change that touched no desk announces nothing. */
  #announced = '';

  constructor(options: DeskServiceOptions) {
    this.#records = options.records;
    this.#activeDesk = options.activeDesk;
    this.#profileExists = options.profileExists;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.#announced = JSON.stringify(this.list());
  }

  list(): DeskList {
    return { desks: this.#records.list(), activeDeskId: this.activeDeskId() };
  }

  /** Throws `deskNotFound`. */
  get(id: string): Desk {
    const desk = this.#records.get(id);
    if (desk === null) throw deskNotFound();
    return desk;
  }

  activeDeskId(): string | null {
    return this.#activeDesk.getActiveDeskId();
  }

  /** The members of the active desk, or null when a single profile is shown. */
  activeMembers(): readonly string[] | null {
    const id = this.activeDeskId();
    return id === null ? null : (this.#records.get(id)?.memberIds ?? null);
  }

  create(input: NewDesk): Desk {
    const valid = checkedValue(newDeskSchema, input, deskFieldAction);
    this.#requireProfiles(valid.memberIds);
    const desk: Desk = { id: this.#newId(), name: valid.name, memberIds: valid.memberIds, createdAt: this.#now() };
    this.#records.insert(desk);
    this.#emit();
    return desk;
  }

  /** Renames the desk and/or replaces its members (the whole new list, in order). */
  update(changes: DeskChanges): Desk {
    const valid = checkedValue(deskChangesSchema, changes, deskFieldAction);
    if (valid.memberIds !== undefined) this.#requireProfiles(valid.memberIds);
    const updated = this.#records.update(valid.id, { name: valid.name, memberIds: valid.memberIds });
    if (updated === null) throw deskNotFound();
    this.#emit();
    return updated;
  }

  /** Deletes the desk, never its profiles. When it was shown, the active profile is shown again. */
  delete(id: string): void {
    if (!this.#records.delete(id)) throw deskNotFound();
    this.#emit();
  }

  /** Shows the desk instead of a single profile (remembered across restarts). */
  activate(id: string): Desk {
    const desk = this.get(id);
    this.#activeDesk.setActiveDeskId(id);
    this.#emit();
    return desk;
  }

  /** Back to showing the active profile. */
  deactivate(): void {
    if (this.activeDeskId() === null) return;
    this.#activeDesk.setActiveDeskId(null);
    this.#emit();
  }

  /**
   * After profiles changed: a deleted profile has already left its desks (the database's cascade);
   * desks left empty are deleted, and the new list is announced when anything changed.
   */
  profilesChanged(): void {
    this.#records.deleteEmpty();
    this.#emit();
  }

  /** Called with the new list after every change of a desk or of the active desk. */
  onChange(listener: (list: DeskList) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #requireProfiles(memberIds: readonly string[]): void {
    if (!memberIds.every((id) => this.#profileExists(id))) throw memberMissing();
  }

  #emit(): void {
    const list = this.list();
    const text = JSON.stringify(list);
    if (text === this.#announced) return;
    this.#announced = text;
    for (const listener of this.#listeners) listener(list);
  }
}
