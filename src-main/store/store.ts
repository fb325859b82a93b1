import type { Database } from 'better-sqlite3';
import { AlertLogRepository } from './alert-log-repository.ts';
import { AlertRulesRepository } from './alert-rules-repository.ts';
import { AppStateRepository } from './app-state-repository.ts';
import { DesksRepository } from './desks-repository.ts';
import { openDatabase, type OpenDatabaseOptions } from './database.ts';
import { HistoryRepository } from './history-repository.ts';
import { NonceRepository } from './nonce-repository.ts';
import { ProfilesRepository } from './profiles-repository.ts';
import { SettingsRepository } from './settings-repository.ts';
import { SnapshotRepository } from './snapshot-repository.ts';
import { recordCleanClose } from './clean-close.ts';
import { isLockError } from './sqlite-error.ts';
import type { StoreNotice } from './store-notice.ts';

/**
 * How long a write waits for another program's lock once the app runs. Every write happens on the
 * main thread, so waiting longer would freeze the window, IPC and tray; a write that gives up is a
 * visible storage problem and the next refresh writes again.
 */
const RUNNING_BUSY_TIMEOUT_MS = 40;

/**
 * The local store: one SQLite file with every repository over it. Synchronous (better-sqlite3): each
 * call is a few hundred microseconds, cheaper than the hop to a worker would be.
 */
export class Store {
  /** Full path of the database file. */
  readonly path: string;
  /** What the app must tell the user about this start (a damaged file that was replaced). */
  readonly notices: readonly StoreNotice[];
  readonly profiles: ProfilesRepository;
  readonly desks: DesksRepository;
  readonly snapshots: SnapshotRepository;
  readonly history: HistoryRepository;
  readonly alertLog: AlertLogRepository;
  readonly alertRules: AlertRulesRepository;
  readonly settings: SettingsRepository;
  readonly appState: AppStateRepository;
  readonly nonces: NonceRepository;
  readonly #db: Database;

  /** Opens (creating, checking and migrating as needed) the database in `folder`. Throws AppError. */
  static open(folder: string, options?: OpenDatabaseOptions): Store {
    const opened = openDatabase(folder, options);
    opened.db.pragma(`busy_timeout = ${RUNNING_BUSY_TIMEOUT_MS}`);
    return new Store(opened.db, opened.path, opened.notices);
  }

  private constructor(db: Database, path: string, notices: readonly StoreNotice[]) {
    this.#db = db;
    this.path = path;
    this.notices = notices;
    this.profiles = new ProfilesRepository(db);
    this.desks = new DesksRepository(db);
    this.snapshots = new SnapshotRepository(db);
    this.history = new HistoryRepository(db);
    this.alertLog = new AlertLogRepository(db);
    this.alertRules = new AlertRulesRepository(db);
    this.settings = new SettingsRepository(db);
    this.appState = new AppStateRepository(db);
    this.nonces = new NonceRepository(db);
  }

  /** How long a write waits for another connection's lock, ms. */
  busyTimeoutMs(): number {
    return this.#db.pragma('busy_timeout', { simple: true }) as number;
  }

  /**
   * Closes the file. Runs at quit, where another program (a backup tool, a database viewer) may hold
   * a lock: the planner's statistics are then left as they are, without waiting, and the file still
   * closes; SQLITE_BUSY never reaches the quitting app.
   */
  close(): void {
    if (!this.#db.open) return;
    try {
      this.#db.pragma('busy_timeout = 0');
      // lets SQLite refresh the statistics its query planner uses, as its docs advise before closing
      this.#db.pragma('optimize');
    } catch (error) {
      if (!isLockError(error)) throw error;
    } finally {
      this.#db.close();
    }
    recordCleanClose(this.path);
  }
}
