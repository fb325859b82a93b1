import type { Database, Statement } from 'better-sqlite3';

/** Main window geometry to restore at start; x and y are null when the window manager placed it. */
export interface WindowState {
  readonly x: number | null;
  readonly y: number | null;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/**
 * What the app restores at start: the active profile (cleared by the database when that profile is
 * deleted), the active desk (likewise), the window geometry, and each profile's alert snooze.
 */
export class AppStateRepository {
  readonly #activeProfile: Statement<[], { active_profile_id: string | null }>;
  readonly #setActiveProfile: Statement<[string | null]>;
  readonly #activeDesk: Statement<[], { active_desk_id: string | null }>;
  readonly #setActiveDesk: Statement<[string | null]>;
  readonly #windowState: Statement<[], { window_state: string | null }>;
  readonly #setWindowState: Statement<[string]>;
  readonly #snooze: Statement<[string], { until: number }>;
  readonly #setSnooze: Statement<[string, number]>;
  readonly #clearSnooze: Statement<[string]>;

  constructor(db: Database) {
    this.#activeProfile = db.prepare('SELECT active_profile_id FROM app_state WHERE id = 1');
    this.#setActiveProfile = db.prepare<[string | null]>('UPDATE app_state SET active_profile_id = ? WHERE id = 1');
    this.#activeDesk = db.prepare('SELECT active_desk_id FROM app_state WHERE id = 1');
    this.#setActiveDesk = db.prepare<[string | null]>('UPDATE app_state SET active_desk_id = ? WHERE id = 1');
    this.#windowState = db.prepare('SELECT window_state FROM app_state WHERE id = 1');
    this.#setWindowState = db.prepare('UPDATE app_state SET window_state = ? WHERE id = 1');
    this.#snooze = db.prepare('SELECT until FROM alert_snoozes WHERE profile_id = ?');
    this.#setSnooze = db.prepare(
      'INSERT INTO alert_snoozes (profile_id, until) VALUES (?, ?) ON CONFLICT (profile_id) DO UPDATE SET until = excluded.until',
    );
    this.#clearSnooze = db.prepare('DELETE FROM alert_snoozes WHERE profile_id = ?');
  }

  getActiveProfileId(): string | null {
    return this.#activeProfile.get()?.active_profile_id ?? null;
  }

  /** The profile must exist (foreign key); null: no active profile. */
  setActiveProfileId(profileId: string | null): void {
    this.#setActiveProfile.run(profileId);
  }

  /** The desk shown instead of the active profile, or null (cleared by the database when that desk is deleted). */
  getActiveDeskId(): string | null {
    return this.#activeDesk.get()?.active_desk_id ?? null;
  }

  /** The desk must exist (foreign key); null: show the active profile. */
  setActiveDeskId(deskId: string | null): void {
    this.#setActiveDesk.run(deskId);
  }

  getWindowState(): WindowState | null {
    const json = this.#windowState.get()?.window_state ?? null;
    return json === null ? null : (JSON.parse(json) as WindowState);
  }

  setWindowState(state: WindowState): void {
    this.#setWindowState.run(JSON.stringify(state));
  }

  /** When the profile's notifications resume (ms since epoch), or null when not snoozed. */
  getSnoozeUntil(profileId: string): number | null {
    return this.#snooze.get(profileId)?.until ?? null;
  }

  /** null ends the snooze. The profile must exist (foreign key). */
  setSnoozeUntil(profileId: string, until: number | null): void {
    if (until === null) this.#clearSnooze.run(profileId);
    else this.#setSnooze.run(profileId, until);
  }
}
