/**
 * What the local store costs on the paths the app takes:
 * - the latest snapshot: write (every refresh) and read (every start and profile switch) with 1 and
 *   1,000 subaccounts, each compared with the same JSON written to / parsed from a plain file, the
 *   least any persistent cache could cost;
 * - a history append per poll (the app's path: one transaction per poll for all accounts of a profile);
 * - a year of 10-second polling for one profile (master flex, two single-collateral wallets, three
 *   subaccounts), thinned daily as the app does: the file size, the thinning run, a 90-day chart query,
 *   and opening that file (the integrity check runs at every start).
 *
 *   node test/bench/store.bench.ts
 */
import Sqlite from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DAY_MS } from '../../src-main/store/history-repository.ts';
import type { HistoryPoint } from '../../src-shared/history-model.ts';
import { Store } from '../../src-main/store/store.ts';
import { buildAccountSnapshot, withSequence } from '../main/store/fixtures/account-snapshot-fixture.ts';
import { historyWalk } from '../main/store/fixtures/history-point-fixture.ts';
import { buildProfile } from '../main/store/fixtures/profile-fixture.ts';
import type { BenchResult } from './bench-result.ts';
import { fileBytes, median, timed } from './measure.ts';

const POLL_MS = 10_000;
const POLLS_PER_DAY = DAY_MS / POLL_MS;
const YEAR_DAYS = 365;
const ACCOUNT_KEYS = [
  'flex',
  'wallet:fi_xbtusd',
  'wallet:fi_ethusd',
  'sub:7c1e5d2a-0b4f-4c9e-9a61-000000000001',
  'sub:7c1e5d2a-0b4f-4c9e-9a61-000000000002',
  'sub:7c1e5d2a-0b4f-4c9e-9a61-000000000003',
];
const MB = 1024 * 1024;

function medianMs(rounds: number, operation: (round: number) => unknown): number {
  for (let i = 0; i < 3; i++) operation(-1 - i); // warm-up
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    operation(round);
    times.push(performance.now() - start);
  }
  return median(times);
}

function snapshotResults(folder: string): BenchResult[] {
  const store = Store.open(join(folder, 'snapshots'));
  const results: BenchResult[] = [];
  try {
    for (const [subaccountCount, rounds] of [
      [1, 200],
      [1_000, 25],
    ] as const) {
      const profileId = `bench-${subaccountCount}`;
      store.profiles.insert(buildProfile(profileId));
      const template = buildAccountSnapshot({ profileId, subaccountCount, sequence: 1 });
      const json = JSON.stringify(template);
      const plainFile = join(folder, `${profileId}.json`);

      const writeMs = medianMs(rounds, (round) => store.snapshots.saveLatest(withSequence(template, round + 10)));
      const plainWriteMs = medianMs(rounds, (round) => writeFileSync(plainFile, JSON.stringify(withSequence(template, round + 10))));
      const readMs = medianMs(rounds, () => store.snapshots.readLatest(profileId));
      const plainReadMs = medianMs(rounds, () => JSON.parse(readFileSync(plainFile, 'utf8')));
      const label = `${subaccountCount.toLocaleString('en')} subaccount${subaccountCount === 1 ? '' : 's'}`;
      const size = `${(json.length / 1024).toFixed(0)} KiB of JSON`;
      results.push(
        { name: `snapshot write, ${label} (median)`, value: writeMs, unit: 'ms', note: `${size}; includes JSON.stringify` },
        { name: `snapshot write / plain file write, ${label}`, value: writeMs / plainWriteMs, unit: 'ratio', note: `plain file ${plainWriteMs.toFixed(3)} ms` },
        { name: `latest snapshot read, ${label} (median)`, value: readMs, unit: 'ms', note: 'includes JSON.parse' },
        { name: `latest read / plain file read + parse, ${label}`, value: readMs / plainReadMs, unit: 'ratio', note: `plain file ${plainReadMs.toFixed(3)} ms` },
      );
    }
  } finally {
    store.close();
  }
  return results;
}

/**
 * One day of 10-second polls for every account, in a temp table, so that each simulated day can be
 * inserted by one INSERT … SELECT (C speed) instead of 8,640 × 6 JS calls: the fast bulk path that
 * lets a year of polling finish in a bench run. The rows are exactly what HistoryRepository.append
 * writes (same table, same text figures); thinning then runs through the repository as in the app.
 */
function fillDayTemplate(db: Sqlite.Database, seriesIds: readonly number[]): void {
  db.exec(`CREATE TEMP TABLE day_template AS SELECT * FROM history_points WHERE 0`);
  const insert = db.prepare(
    `INSERT INTO day_template (series_id, tier, t, margin_equity, maintenance_margin, initial_margin, collateral_value, available_margin, margin_ratio)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    seriesIds.forEach((seriesId, index) => {
      const walk = historyWalk(100 + index);
      for (let poll = 0; poll < POLLS_PER_DAY; poll++) {
        const p = walk(poll * POLL_MS);
        insert.run(seriesId, p.t, p.marginEquity, p.maintenanceMargin, p.initialMargin, p.collateralValue, p.availableMargin, p.marginRatio);
      }
    });
  })();
}

function yearResults(folder: string): BenchResult[] {
  const yearFolder = join(folder, 'year');
  const profileId = 'year';
  const start = Date.UTC(2025, 0, 1);
  const store = Store.open(yearFolder);
  const bulk = new Sqlite(store.path);
  const thinTimes: number[] = [];
  let appendMs: number;
  try {
    store.profiles.insert(buildProfile(profileId));

    // day 1 through the app's own path: one append (one transaction) per poll for all six accounts
    const walks = ACCOUNT_KEYS.map((_, index) => historyWalk(index + 1));
    const appendTimes: number[] = [];
    for (let poll = 0; poll < POLLS_PER_DAY; poll++) {
      const t = start + poll * POLL_MS;
      const entries = ACCOUNT_KEYS.map((accountKey, index) => ({ accountKey, point: (walks[index] as (t: number) => HistoryPoint)(t) }));
      const before = performance.now();
      store.history.append(profileId, entries);
      appendTimes.push(performance.now() - before);
    }
    appendMs = median(appendTimes);
    thinTimes.push(timed(() => store.history.thin(start + DAY_MS)));

    // days 2…365 through the bulk path, thinned at the end of each day
    const seriesIds = bulk
      .prepare('SELECT id FROM history_series WHERE profile_id = ? ORDER BY id')
      .pluck()
      .all(profileId) as number[];
    fillDayTemplate(bulk, seriesIds);
    const insertDay = bulk.prepare(
      `INSERT INTO history_points (series_id, tier, t, margin_equity, maintenance_margin, initial_margin, collateral_value, available_margin, margin_ratio)
       SELECT series_id, tier, t + ?, margin_equity, maintenance_margin, initial_margin, collateral_value, available_margin, margin_ratio FROM day_template`,
    );
    for (let day = 1; day < YEAR_DAYS; day++) {
      insertDay.run(start + day * DAY_MS);
      thinTimes.push(timed(() => store.history.thin(start + (day + 1) * DAY_MS)));
    }
  } finally {
    bulk.close();
  }

  const now = start + YEAR_DAYS * DAY_MS;
  const ninetyDays = medianMs(15, () => store.history.query(profileId, 'flex', now - 90 * DAY_MS, now));
  const ninetyDaysChart = medianMs(15, () => store.history.query(profileId, 'flex', now - 90 * DAY_MS, now, 1_000));
  const points90 = store.history.query(profileId, 'flex', now - 90 * DAY_MS, now).length;
  const dayChart = medianMs(15, () => store.history.query(profileId, 'flex', now - DAY_MS, now, 1_000));
  const stats = new Sqlite(store.path, { readonly: true });
  const historyBytes = stats.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'history_points'").pluck().get() as number;
  const pointCount = stats.prepare('SELECT count(*) FROM history_points').pluck().get() as number;
  stats.close();
  store.close(); // checkpoints the -wal into the file
  const bytes = fileBytes(store.path);
  const openMs = medianMs(5, () => Store.open(yearFolder).close());
  const bytesPerPoint = historyBytes / pointCount;
  const unthinnedMb = (bytesPerPoint * POLLS_PER_DAY * YEAR_DAYS * ACCOUNT_KEYS.length) / MB;

  return [
    { name: `history append per poll, ${ACCOUNT_KEYS.length} accounts (median)`, value: appendMs, unit: 'ms', note: 'one transaction' },
    { name: 'database size after a year of 10 s polling, one profile', value: bytes / MB, unit: 'MB', note: `${ACCOUNT_KEYS.length} accounts (flex, 2 wallets, 3 subaccounts), thinned daily; ${pointCount.toLocaleString('en')} points` },
    { name: 'per account and year', value: bytes / MB / ACCOUNT_KEYS.length, unit: 'MB', note: `${bytesPerPoint.toFixed(0)} bytes per stored point` },
    { name: 'thinned / unthinned history size', value: (historyBytes / MB) / unthinnedMb, unit: 'ratio', note: `unthinned estimate ${unthinnedMb.toFixed(0)} MB` },
    { name: 'daily thinning run at steady state (median)', value: median(thinTimes.slice(-30)), unit: 'ms' },
    { name: '90-day history query, one account (median)', value: ninetyDays, unit: 'ms', note: `${points90.toLocaleString('en')} points` },
    { name: '90-day history query downsampled to 1,000 points (median)', value: ninetyDaysChart, unit: 'ms', note: `${(ninetyDaysChart / ninetyDays).toFixed(2)}× the full query` },
    { name: '24-hour history query downsampled to 1,000 points (median)', value: dayChart, unit: 'ms' },
    { name: 'open the year-old database: quick_check + migrations (median)', value: openMs, unit: 'ms' },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'margin-desk-store-bench-'));
  try {
    return [...snapshotResults(folder), ...yearResults(folder)];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) console.table(await run());
