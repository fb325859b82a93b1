import type { Database, Statement } from 'better-sqlite3';
import type { Decimal } from '../../src-shared/account-model.ts';
import type { HistoryPoint } from '../../src-shared/history-model.ts';
import { ACCOUNT_KEY_PATTERN } from '../../src-shared/account-keys.ts';

/** One observation of one account of a profile. */
export interface HistoryEntry {
  /** `flex` (the master's flex account), `sub:<uid>` (a subaccount's flex), `wallet:<key>` (single collateral). */
  readonly accountKey: string;
  readonly point: HistoryPoint;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Points younger than this keep every poll. */
export const FULL_RESOLUTION_MS = 48 * HOUR_MS;
/** Older points are thinned to one per quarter hour… */
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** …and those older than this to one per UTC day. */
export const QUARTER_HOUR_RESOLUTION_MS = 90 * DAY_MS;

/** Tiers of the history_points key: every poll, then quarter-hour buckets, then day buckets. */
const TIER = { poll: 0, quarterHour: 1, day: 2 } as const;

/** Each thinning step folds a tier's points older than `age` into buckets of the next tier. */
const THINNING_STEPS = [
  { from: TIER.poll, to: TIER.quarterHour, age: FULL_RESOLUTION_MS, bucket: QUARTER_HOUR_MS },
  { from: TIER.quarterHour, to: TIER.day, age: QUARTER_HOUR_RESOLUTION_MS, bucket: DAY_MS },
] as const;

/**
 * How a group of points (a thinning bucket, or a chart slice when downsampling) is reduced to one:
 * the point with the LOWEST margin ratio wins (any one of equals); only when no point of the group uses
 * margin (null ratio) does the latest observation win.
 *
 * Why the worst point and not an average or the last one: a dip that nearly liquidated the account is
 * exactly what the history must keep, and an average or a last value would erase it. Why the whole
 * observation and not a column-wise minimum: the kept point is one real moment, so its equity,
 * maintenance margin and ratio still agree with each other in a tooltip.
 *
 * In SQL this is `min(worstKey)` with GROUP BY: SQLite documents that with a single min() aggregate the
 * other (bare) columns come from the row holding the minimum, which is one pass over the group instead
 * of the several times slower sort a row_number() window needs. The key orders by a REAL cast of the
 * exact ratio (two ratios equal to 15 significant digits are equally bad here); a null ratio maps above
 * any real ratio (1e18, where ratios stay below ~1e12) minus the time, so the latest one is smallest.
 */
function worstKey(table: string): string {
  return `CASE WHEN ${table}.margin_ratio IS NULL THEN 1e18 - ${table}.t ELSE CAST(${table}.margin_ratio AS REAL) END`;
}

interface PointRow {
  t: number;
  margin_equity: string;
  maintenance_margin: string;
  initial_margin: string;
  collateral_value: string;
  available_margin: string;
  margin_ratio: string | null;
}

const FIGURE_COLUMNS = 'margin_equity, maintenance_margin, initial_margin, collateral_value, available_margin, margin_ratio';
const POINT_COLUMNS = `t, ${FIGURE_COLUMNS}`;
const SERIES_OF = '(SELECT id FROM history_series WHERE profile_id = @profileId AND account_key = @accountKey)';
const IN_RANGE = `series_id = ${SERIES_OF} AND tier IN (0, 1, 2) AND t BETWEEN @from AND @to`;

function fromRow(row: PointRow): HistoryPoint {
  return {
    t: row.t,
    marginEquity: row.margin_equity as Decimal,
    maintenanceMargin: row.maintenance_margin as Decimal,
    initialMargin: row.initial_margin as Decimal,
    collateralValue: row.collateral_value as Decimal,
    availableMargin: row.available_margin as Decimal,
    marginRatio: row.margin_ratio as Decimal | null,
  };
}

interface RangeParams {
  profileId: string;
  accountKey: string;
  from: number;
  to: number;
}

interface StepParams {
  seriesId: number;
  from: number;
  to: number;
  cutoff: number;
  bucket: number;
}

/**
 * Margin history per profile and account, thinned as it ages so that a year of 10-second polling stays
 * small: every point for 48 h, one per 15 minutes for 90 days, one per UTC day after that.
 * Buckets are aligned to multiples of their length since the epoch (UTC), and only buckets entirely
 * past a tier's age are folded, so thinning is idempotent and never splits a bucket between two runs.
 */
export class HistoryRepository {
  readonly #db: Database;
  readonly #findSeries: Statement<[string, string], { id: number }>;
  readonly #createSeries: Statement<[string, string]>;
  readonly #allSeries: Statement<[], { id: number }>;
  readonly #insertPoint: Statement<[number, number, string, string, string, string, string, string | null]>;
  readonly #foldWorst: Statement<[StepParams]>;
  readonly #dropFolded: Statement<[Omit<StepParams, 'to' | 'bucket'>]>;
  readonly #count: Statement<[RangeParams], { n: number }>;
  readonly #range: Statement<[RangeParams], PointRow>;
  readonly #downsampled: Statement<[RangeParams & { slices: number }], PointRow>;

  // better-sqlite3 binds every JS number as REAL: the CASTs below keep bucket arithmetic integral.
  constructor(db: Database) {
    this.#db = db;
    this.#findSeries = db.prepare('SELECT id FROM history_series WHERE profile_id = ? AND account_key = ?');
    this.#createSeries = db.prepare('INSERT INTO history_series (profile_id, account_key) VALUES (?, ?)');
    this.#allSeries = db.prepare('SELECT id FROM history_series');
    // the same instant twice (a repeated refresh): the later observation replaces the earlier one
    this.#insertPoint = db.prepare(
      `INSERT OR REPLACE INTO history_points (series_id, tier, ${POINT_COLUMNS}) VALUES (?, ${TIER.poll}, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The worst point of each bucket goes to the next tier at the bucket start. A bucket already there
    // (a late point, after the clock went back) keeps whichever of the two is worse.
    this.#foldWorst = db.prepare(
      `INSERT INTO history_points (series_id, tier, ${POINT_COLUMNS})
       SELECT series_id, @to, t - t % @bucket, ${FIGURE_COLUMNS} FROM (
         SELECT series_id, ${POINT_COLUMNS}, min(${worstKey('p')}) FROM history_points AS p
         WHERE series_id = @seriesId AND tier = @from AND t < @cutoff
         GROUP BY t / CAST(@bucket AS INTEGER)
       ) WHERE true
       ON CONFLICT (series_id, tier, t) DO UPDATE SET
         margin_equity = excluded.margin_equity, maintenance_margin = excluded.maintenance_margin,
         initial_margin = excluded.initial_margin, collateral_value = excluded.collateral_value,
         available_margin = excluded.available_margin, margin_ratio = excluded.margin_ratio
       WHERE ${worstKey('excluded')} < ${worstKey('history_points')}`,
    );
    this.#dropFolded = db.prepare('DELETE FROM history_points WHERE series_id = @seriesId AND tier = @from AND t < @cutoff');
    this.#count = db.prepare(`SELECT count(*) AS n FROM history_points WHERE ${IN_RANGE}`);
    this.#range = db.prepare(`SELECT ${POINT_COLUMNS} FROM history_points WHERE ${IN_RANGE} ORDER BY t`);
    this.#downsampled = db.prepare(
      `SELECT ${POINT_COLUMNS}, min(${worstKey('p')}) FROM history_points AS p WHERE ${IN_RANGE}
       GROUP BY CAST((t - @from) * @slices / (@to - @from + 1) AS INTEGER) ORDER BY t`,
    );
  }

  /** Appends one poll's points (any accounts of one profile) in one transaction. */
  append(profileId: string, entries: readonly HistoryEntry[]): void {
    this.#db.transaction(() => {
      for (const { accountKey, point } of entries) {
        if (!ACCOUNT_KEY_PATTERN.test(accountKey)) throw new RangeError(`Not a history account key: "${accountKey}"`);
        this.#insertPoint.run(
          this.#seriesId(profileId, accountKey),
          point.t,
          point.marginEquity,
          point.maintenanceMargin,
          point.initialMargin,
          point.collateralValue,
          point.availableMargin,
          point.marginRatio,
        );
      }
    })();
  }

  /** Ids of every series, for thinning them one at a time (see history-thinning.ts). */
  seriesIds(): number[] {
    return this.#allSeries.all().map((row) => row.id);
  }

  /**
   * Thins one series as of `now`: quarter-hour buckets entirely older than 48 h, then days entirely
   * older than 90 days, each reduced to its worst point (see worstKey) stamped with the bucket start.
   * One short transaction; returns how many points were folded into buckets.
   */
  thinSeries(seriesId: number, now: number): number {
    return this.#db.transaction(() => {
      let folded = 0;
      for (const step of THINNING_STEPS) {
        const cutoff = Math.floor((now - step.age) / step.bucket) * step.bucket;
        this.#foldWorst.run({ seriesId, from: step.from, to: step.to, cutoff, bucket: step.bucket });
        folded += this.#dropFolded.run({ seriesId, from: step.from, cutoff }).changes;
      }
      return folded;
    })();
  }

  /** Thins every series at once (tools and tests; the app thins in slices, see history-thinning.ts). */
  thin(now: number): number {
    let folded = 0;
    for (const seriesId of this.seriesIds()) folded += this.thinSeries(seriesId, now);
    return folded;
  }

  /**
   * Points of one account with fromMs ≤ t ≤ toMs, oldest first. With maxPoints, a range holding more
   * points is cut into maxPoints equal time slices, each reduced to its worst point, so a chart of any
   * width still shows every dip.
   */
  query(profileId: string, accountKey: string, fromMs: number, toMs: number, maxPoints?: number): HistoryPoint[] {
    if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 1)) {
      throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
    }
    if (toMs < fromMs) return [];
    const range: RangeParams = { profileId, accountKey, from: fromMs, to: toMs };
    const rows =
      maxPoints === undefined || (this.#count.get(range)?.n ?? 0) <= maxPoints
        ? this.#range.all(range)
        : this.#downsampled.all({ ...range, slices: maxPoints });
    return rows.map(fromRow);
  }

  #seriesId(profileId: string, accountKey: string): number {
    const existing = this.#findSeries.get(profileId, accountKey);
    if (existing !== undefined) return existing.id;
    return Number(this.#createSeries.run(profileId, accountKey).lastInsertRowid);
  }
}
