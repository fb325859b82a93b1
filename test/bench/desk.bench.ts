/**
 * A desk of 200 Kraken API keys (one per subaccount) streamed at once, as a master view needs after
 * 2027-03-01 (issue 17):
 * - the 200 keys imported from a file (each checked with the exchange, four at a time);
 * - cold start: from a new AppServices on the saved profiles and desk until every member's stream
 *   is live, median over several starts (target < 10 s);
 * - idle cost with the 200 streams open and only heartbeats flowing (one a second per stream, as
 *   Kraken sends): this process's CPU as a share of one core, its heap and resident memory;
 * - the renderer: the desk's table (its Subaccounts view, a row per member) rendered in Chromium
 *   (the built renderer, the end-to-end harness, the desk streaming in its app), median.
 * The simulated exchange runs in its own process (src-main/kraken/simulator/serve.ts) so that its
 * work is not counted; secrets are kept in memory (the keychain's cost is not part of the figures).
 *
 *   node --expose-gc test/bench/desk.bench.ts
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AppServices } from '../../src-main/app/app-services.ts';
import type { DeskMemberKey } from '../../src-main/kraken/simulator/desk-exchange.ts';
import { DEFAULT_UWS_TIMINGS } from '../../src-main/kraken/uws/uws-connection.ts';
import { importKeyFile } from '../../src-main/profiles/key-import.ts';
import { MemorySecretStore } from '../../src-main/profiles/memory-secret-store.ts';
import { closeBrowser, startHarness } from '../e2e/support/app-harness.ts';
import { withBudget, type BenchResult } from './bench-result.ts';
import { median } from './measure.ts';
import { timeUntil } from './page-timing.ts';
import { quietAppOptions } from '../support/quiet-app-options.ts';

const MEMBERS = Number(process.env['MD_BENCH_DESK_MEMBERS'] ?? 200);
const COLD_STARTS = Number(process.env['MD_BENCH_COLD_STARTS'] ?? 5);
const IDLE_SECONDS = Number(process.env['MD_BENCH_IDLE_SECONDS'] ?? 30);
const RENDER_RUNS = Number(process.env['MD_BENCH_RUNS'] ?? 31);
const RESTARTS = Number(process.env['MD_BENCH_RESTARTS'] ?? 3);
const RESTART_DOWN_MS = 5_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const round = (value: number, places = 1) => Number(value.toFixed(places));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

interface Served {
  readonly url: string;
  readonly uwsUrl: string;
  readonly members: readonly DeskMemberKey[];
}

/** The simulator in its own process; the same seed gives the same keys, so a restart on the same port is the same exchange. */
async function startSimulator(port = 0): Promise<{ served: Served; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['src-main/kraken/simulator/serve.ts', '--desk', String(MEMBERS), '--subaccounts', '0', '--heartbeat-ms', '1000', '--port', String(port)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const served = await new Promise<Served>((resolve) => createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Served)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    served,
    stop: () => {
      child.stdin.end();
      return exited;
    },
  };
}

function newApp(dataDir: string, secrets: MemorySecretStore): AppServices {
  return new AppServices(quietAppOptions(dataDir, { appVersion: '0.0.0-bench', platform: process.platform, secrets }));
}

function allLive(app: AppServices, ids: readonly string[]): boolean {
  return ids.every((id) => {
    const status = app.streams.status(id);
    // live with an error still on it: the connection dropped and its figures are not back yet
    return status?.state === 'live' && status.lastError === null;
  });
}

interface StreamFigures {
  readonly importMs: number;
  readonly imported: number;
  readonly coldStartMs: number[];
  readonly cpuPct: number;
  readonly heapMb: number;
  readonly rssMb: number;
  /** After the exchange was down RESTART_DOWN_MS and came back: until every member is live again. */
  readonly restartMs: number[];
}

async function streams(): Promise<StreamFigures> {
  let simulator = await startSimulator();
  const folder = mkdtempSync(join(tmpdir(), 'md-bench-desk-'));
  const dataDir = join(folder, 'data');
  const secrets = new MemorySecretStore();
  let open: AppServices | null = null;
  try {
    const { url, uwsUrl, members } = simulator.served;
    // First start: the keys come from a file, as a user with many keys adds them.
    const file = join(folder, 'keys.csv');
    writeFileSync(file, ['name,key,secret', ...members.map((member, i) => `"${member.name} (${i})",${member.apiKey},${member.apiSecret}`)].join('\n'));
    const first = newApp(dataDir, secrets);
    open = first;
    await first.start();
    const importStart = performance.now();
    const report = await importKeyFile(file, { colour: '#0ea5e9', baseUrl: url, streamUrl: uwsUrl }, first.profiles, first.logger);
    const importMs = performance.now() - importStart;
    rmSync(file);
    const ids = first.profiles.list().profiles.map((profile) => profile.id);
    if (report.added !== MEMBERS || ids.length !== MEMBERS) throw new Error(`imported ${report.added} of ${MEMBERS} keys: ${JSON.stringify(report.lines.filter((line) => line.outcome !== 'added').slice(0, 3))}`);
    const desk = first.desks.create({ name: `Desk of ${MEMBERS}`, memberIds: ids });
    first.activateDesk(desk.id);
    await until(() => allLive(first, ids), 120_000, 'the first start');
    first.dispose();
    open = null;

    // Cold starts: a new app on the saved profiles, the desk shown as it was at quit.
    const coldStartMs: number[] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let run = 0; run < COLD_STARTS; run++) {
      const start = performance.now();
      const app = newApp(dataDir, secrets);
      open = app;
      await app.start();
      await until(() => allLive(app, ids), 120_000, `cold start ${run + 1}`);
      coldStartMs.push(performance.now() - start);
      if (run < COLD_STARTS - 1) {
        app.dispose();
        open = null;
      }
    }

    // Idle: the last start's 200 streams stay open, only heartbeats flow.
    const app = open!;
    await sleep(5_000);
    gc?.();
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await sleep(IDLE_SECONDS * 1000);
    const cpu = process.cpuUsage(cpuStart);
    const cpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
    if (!allLive(app, ids)) throw new Error('a member stopped being live while idle');
    gc?.();
    const memory = process.memoryUsage();

    // The exchange goes away for a few seconds and comes back: every member notices, backs off on
    // its own jitter, and reconnects through the shared limit.
    const port = Number(new URL(url).port);
    const restartMs: number[] = [];
    for (let run = 0; run < RESTARTS; run++) {
      await simulator.stop();
      await until(() => ids.every((id) => app.streams.status(id)?.lastError !== null), 60_000, 'every member to notice the exchange is gone');
      await sleep(RESTART_DOWN_MS);
      simulator = await startSimulator(port);
      const start = performance.now();
      await until(() => allLive(app, ids), 120_000, `every member back after restart ${run + 1}`);
      restartMs.push(performance.now() - start);
      // Outages in quick succession back off further on purpose: each run is a first outage.
      if (run < RESTARTS - 1) await sleep(DEFAULT_UWS_TIMINGS.stableAfterMs + 1_000);
    }
    return {
      importMs,
      imported: report.added,
      coldStartMs,
      cpuPct,
      heapMb: memory.heapUsed / 1_048_576,
      rssMb: memory.rss / 1_048_576,
      restartMs,
    };
  } finally {
    open?.dispose();
    await simulator.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The desk's table (the Subaccounts view of a shown desk, a row per member) in Chromium: the built
 * renderer wired to the real handlers of an app streaming MEMBERS keys from the harness's exchange.
 */
async function renderDeskTable(): Promise<number[]> {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  // Secrets in memory, as in the streams part: this measures the table, not the keychain.
  const harness = await startHarness({ subaccounts: MEMBERS, secrets: new MemorySecretStore() });
  const folder = mkdtempSync(join(tmpdir(), 'md-bench-desk-page-'));
  try {
    const { page, app, exchange } = harness;
    const file = join(folder, 'keys.csv');
    writeFileSync(file, exchange.subaccounts().map((sub, i) => `Member ${i},${Object.values(exchange.addKey({ account: sub.uid })).join(',')}`).join('\n'));
    const report = await importKeyFile(file, { colour: '#0ea5e9', baseUrl: harness.exchangeUrl, streamUrl: harness.exchangeStreamUrl }, app.profiles, app.logger);
    if (report.added !== MEMBERS) throw new Error(`imported ${report.added} of ${MEMBERS} keys into the page's app`);
    const ids = app.profiles.list().profiles.map((profile) => profile.id);
    app.activateDesk(app.desks.create({ name: `Desk of ${MEMBERS}`, memberIds: ids }).id);
    await until(() => allLive(app, ids), 120_000, "the page's desk to be live");
    await page.goto(new URL('?bridge=http', harness.rendererUrl).href);
    await page.locator('nav[aria-label="Views"]').waitFor();
    const times: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) {
      times.push(
        await timeUntil(
          page,
          `[...document.querySelectorAll('nav[aria-label="Views"] button')].find((b) => b.textContent.includes('Subaccounts')).click()`,
          'table[aria-label="Desk members"] tbody tr[data-uid]',
        ),
      );
      await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('nav[aria-label="Views"] button')).find((b) => b.textContent?.includes('Overview'))?.click());
      await page.locator('table[aria-label="Desk members"]').waitFor({ state: 'detached' });
    }
    return times;
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await harness.close();
    await closeBrowser();
  }
}

export async function run(): Promise<BenchResult[]> {
  const progress = (step: string) => process.stderr.write(`desk bench: ${step}\n`);
  progress(`${MEMBERS} streams: import, cold starts, idle`);
  const figures = await streams();
  progress(`the desk's table, ${MEMBERS} members`);
  const render = await renderDeskTable();
  return [
    { name: `import ${MEMBERS} keys from a file (each checked, 4 at a time)`, value: round(figures.importMs, 0), unit: 'ms', note: `${figures.imported} added, one run` },
    withBudget({ name: `desk of ${MEMBERS} keys: cold start → every member live, median of ${COLD_STARTS}`, value: round(median(figures.coldStartMs), 0), unit: 'ms' }, 10_000),
    { name: `desk of ${MEMBERS} keys: cold start → every member live, slowest`, value: round(Math.max(...figures.coldStartMs), 0), unit: 'ms' },
    withBudget({ name: `desk of ${MEMBERS} streams open, idle: main-process CPU (${IDLE_SECONDS} s)`, value: round(figures.cpuPct, 2), unit: '% of a core' }, 2),
    { name: `desk of ${MEMBERS} streams open, idle: heap used`, value: round(figures.heapMb), unit: 'MB', note: 'after a GC when run with --expose-gc' },
    { name: `desk of ${MEMBERS} streams open, idle: resident memory`, value: round(figures.rssMb), unit: 'MB', note: 'the whole bench process, SQLite and earlier starts included' },
    {
      name: `exchange back after ${RESTART_DOWN_MS / 1000} s down → every member live again, median of ${RESTARTS}`,
      value: round(median(figures.restartMs), 0),
      unit: 'ms',
      note: 'the first member back makes the others retry, at most 8 attempts at once',
    },
    { name: `the desk's table (Subaccounts view), ${MEMBERS} members: render, median of ${RENDER_RUNS}`, value: round(median(render)), unit: 'ms', note: 'from the Overview, until the rows are drawn' },
  ];
}

if (import.meta.main) {
  console.table(await run());
  process.exit(0);
}
