import type { Database, Statement } from 'better-sqlite3';
import type { AlertLevel, AlertRecord } from '../../src-shared/alert-model.ts';

/** An alert as the monitor raises it; the log assigns the id and it starts unacknowledged. */
export type NewAlertRecord = Omit<AlertRecord, 'id' | 'acknowledgedAt'>;

export interface AlertListQuery {
  /** Only this profile's alerts; all profiles when absent. */
  readonly profileId?: string;
  /** Newest first, at most this many. */
  readonly limit: number;
}

interface AlertRow {
  id: number;
  profile_id: string;
  profile_name: string;
  account_key: string;
  account_label: string;
  level: string;
  title: string;
  body: string;
  raised_at: number;
  notified: number;
  acknowledged_at: number | null;
}

const COLUMNS = 'id, profile_id, profile_name, account_key, account_label, level, title, body, raised_at, notified, acknowledged_at';

function fromRow(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    profileId: row.profile_id,
    profileName: row.profile_name,
    accountKey: row.account_key,
    accountLabel: row.account_label,
    level: row.level as AlertLevel,
    title: row.title,
    body: row.body,
    raisedAt: row.raised_at,
    notified: row.notified === 1,
    acknowledgedAt: row.acknowledged_at,
  };
}

/** Alerts older than this are pruned: the log explains recent episodes, the history keeps the figures. */
export const ALERT_LOG_MAX_AGE_MS = 90 * 86_400_000;
/** And never more than this many rows, so a flapping account cannot grow the file without bound. */
export const ALERT_LOG_MAX_ROWS = 10_000;

/**
 * Every alert the monitor raised, notified or not (snooze, quiet hours and the rate cap keep an alert
 * off the desktop, never out of the log). Alerts go with their profile when it is deleted.
 */
export class AlertLogRepository {
  readonly #insert: Statement<[Omit<AlertRow, 'id' | 'acknowledged_at'>], AlertRow>;
  readonly #listAll: Statement<[number], AlertRow>;
  readonly #listProfile: Statement<[string, number], AlertRow>;
  readonly #acknowledge: Statement<[number, number], AlertRow>;
  readonly #get: Statement<[number], AlertRow>;
  readonly #dropOlder: Statement<[number]>;
  readonly #dropBeyond: Statement<[number]>;

  constructor(db: Database) {
    this.#insert = db.prepare(
      `INSERT INTO alert_log (profile_id, profile_name, account_key, account_label, level, title, body, raised_at, notified, acknowledged_at)
       VALUES (@profile_id, @profile_name, @account_key, @account_label, @level, @title, @body, @raised_at, @notified, NULL)
       RETURNING ${COLUMNS}`,
    );
    this.#listAll = db.prepare(`SELECT ${COLUMNS} FROM alert_log ORDER BY raised_at DESC, id DESC LIMIT ?`);
    this.#listProfile = db.prepare(`SELECT ${COLUMNS} FROM alert_log WHERE profile_id = ? ORDER BY raised_at DESC, id DESC LIMIT ?`);
    // the first acknowledgement is the one kept
    this.#acknowledge = db.prepare(
      `UPDATE alert_log SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL RETURNING ${COLUMNS}`,
    );
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM alert_log WHERE id = ?`);
    this.#dropOlder = db.prepare('DELETE FROM alert_log WHERE raised_at < ?');
    this.#dropBeyond = db.prepare(
      'DELETE FROM alert_log WHERE id IN (SELECT id FROM alert_log ORDER BY raised_at DESC, id DESC LIMIT -1 OFFSET ?)',
    );
  }

  append(alert: NewAlertRecord): AlertRecord {
    const row = this.#insert.get({
      profile_id: alert.profileId,
      profile_name: alert.profileName,
      account_key: alert.accountKey,
      account_label: alert.accountLabel,
      level: alert.level,
      title: alert.title,
      body: alert.body,
      raised_at: alert.raisedAt,
      notified: alert.notified ? 1 : 0,
    });
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return fromRow(row);
  }

  list(query: AlertListQuery): AlertRecord[] {
    if (!(Number.isInteger(query.limit) && query.limit >= 1)) throw new RangeError(`limit must be a positive integer, got ${query.limit}`);
    const rows = query.profileId === undefined ? this.#listAll.all(query.limit) : this.#listProfile.all(query.profileId, query.limit);
    return rows.map(fromRow);
  }

  /** Marks the alert acknowledged at `at` (an earlier acknowledgement stays); null when there is no such alert. */
  acknowledge(id: number, at: number): AlertRecord | null {
    const row = this.#acknowledge.get(at, id) ?? this.#get.get(id);
    return row === undefined ? null : fromRow(row);
  }

  /** Drops alerts older than 90 days and all but the newest 10,000; returns how many went. */
  prune(now: number): number {
    return this.#dropOlder.run(now - ALERT_LOG_MAX_AGE_MS).changes + this.#dropBeyond.run(ALERT_LOG_MAX_ROWS).changes;
  }
}
