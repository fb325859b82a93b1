/**
 * The Kraken client against the simulated exchange over loopback, measured in the same run as
 * ccxt's krakenfutures on the same server:
 * - one refresh (/accounts + /subaccounts in parallel) with 1, 50 and 1,000 subaccounts: median
 *   wall and CPU time. Ours exact-parses, validates and normalises every figure; ccxt's implicit
 *   `privateGetAccounts` / `privateGetSubaccounts` only JSON.parse (floats, no validation).
 * - cold start: a fresh Node process that imports the client and does its first refresh, once as
 *   the app ships it (bundled JS: electron-vite bundles src-main; here rolldown, which it uses,
 *   bundles the client alone, big.js external as in the app) and once straight from the .ts
 *   sources (Node's type stripping, as in development).
 *
 * The server runs in its own process (src-main/kraken/simulator/serve.ts), so CPU figures are the
 * client's alone. ccxt is installed on demand into .bench-scratch/ (gitignored), never a dependency;
 * its rate limiter is turned off so it is measured, not its sleeping. Each library uses its own key
 * of the simulator, so the per-key cost budget (500 per 10 s) never binds within a measurement.
 *
 *   node test/bench/client.bench.ts
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { CostBudgets } from '../../src-main/kraken/budget.ts';
import { KrakenClient } from '../../src-main/kraken/client.ts';
import { parseSubaccounts } from '../../src-main/kraken/parse-subaccounts.ts';
import { systemClock } from '../../src-shared/clock.ts';
import type { BenchResult } from './bench-result.ts';
import { median } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = `${ROOT}.bench-scratch`;
const CCXT_ENTRY = `${SCRATCH}/node_modules/ccxt/js/ccxt.js`;
const SERVE = `${ROOT}src-main/kraken/simulator/serve.ts`;
const CLIENT = `${ROOT}src-main/kraken/client.ts`;
const CLIENT_BUNDLE = `${SCRATCH}/client.bundle.mjs`;
const APP_VERSION = 'bench';
/**
 * ccxt is a yardstick, not a target: it reads floats without validation, which this app must not.
 * The budget that matters is the main-process task (< 50 ms, see budgets.bench.ts).
 */
const REFERENCE_ONLY = 'reference only: ccxt reads floats, unvalidated';

/**
 * Rounds per size: 4 budget points per refresh and 500 per key in 10 s, so warm-up and rounds stay
 * below 125 refreshes per key; as many as that allows, for steadier medians on a shared machine.
 */
const ROUNDS: Readonly<Record<number, number>> = { 1: 115, 50: 115, 1000: 100 };
const WARM_UP = 5;
const COLD_STARTS = 9;

interface Key {
  readonly apiKey: string;
  readonly apiSecret: string;
}

interface Server {
  readonly url: string;
  readonly keys: readonly Key[];
  stop(): void;
}

interface CcxtExchange {
  urls: { api: Record<string, string> };
  privateGetAccounts(): Promise<unknown>;
  privateGetSubaccounts(): Promise<unknown>;
  /** What ccxt does with every body: JSON.parse, then a scan for integers beyond 2^53. */
  parseJson(text: string): unknown;
  close?(): Promise<void>;
}
type CcxtModule = { krakenfutures: new (config: Record<string, unknown>) => CcxtExchange };

function ensureCcxt(): string | null {
  if (existsSync(CCXT_ENTRY)) return CCXT_ENTRY;
  try {
    execFileSync('npm', ['install', '--prefix', SCRATCH, '--no-save', '--no-audit', '--no-fund', 'ccxt'], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return null;
  }
  return existsSync(CCXT_ENTRY) ? CCXT_ENTRY : null;
}

async function startServer(subaccounts: number): Promise<Server> {
  const child = spawn(process.execPath, [SERVE, '--subaccounts', String(subaccounts), '--keys', '4'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const { url, keys } = JSON.parse(firstLine) as { url: string; keys: Key[] };
  return { url, keys, stop: () => child.kill('SIGTERM') };
}

function ourClient(url: string, key: Key): KrakenClient {
  return new KrakenClient({
    baseUrl: url,
    appVersion: APP_VERSION,
    getCredentials: async () => key,
    budgets: new CostBudgets(systemClock),
  });
}

function ccxtClient(ccxt: CcxtModule, url: string, key: Key): CcxtExchange {
  const exchange = new ccxt.krakenfutures({ apiKey: key.apiKey, secret: key.apiSecret, enableRateLimit: false });
  // ccxt signs '/api/' + 'v3/accounts', the path without /derivatives, exactly as Kraken wants.
  exchange.urls.api['public'] = `${url}/derivatives/api/`;
  exchange.urls.api['private'] = `${url}/derivatives/api/`;
  return exchange;
}

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function timed(operation: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await operation();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs both refreshes in alternation (so drift affects both alike); medians of each. */
async function compare(rounds: number, ours: () => Promise<unknown>, theirs: (() => Promise<unknown>) | null) {
  for (let i = 0; i < WARM_UP; i++) {
    await ours();
    await theirs?.();
  }
  const oursTimes: Timing[] = [];
  const theirTimes: Timing[] = [];
  for (let i = 0; i < rounds; i++) {
    oursTimes.push(await timed(ours));
    if (theirs !== null) theirTimes.push(await timed(theirs));
  }
  const summary = (times: Timing[]) => ({ wall: median(times.map((t) => t.wallMs)), cpu: median(times.map((t) => t.cpuMs)) });
  return { ours: summary(oursTimes), theirs: theirTimes.length === 0 ? null : summary(theirTimes) };
}

/** The `/subaccounts` body as the server sends it, fetched once through the client with a recording fetch. */
async function subaccountsBody(url: string, key: Key): Promise<string> {
  let body = '';
  const recording = async (input: string, init: RequestInit) => {
    const response = await fetch(input, init);
    body = await response.clone().text();
    return response;
  };
  await new KrakenClient({ baseUrl: url, appVersion: APP_VERSION, getCredentials: async () => key, fetch: recording }).subaccounts();
  return body;
}

/**
 * The body alone, in process, in alternation: ours exact-parses, validates and builds the model
 * (from the text, so encoding it to bytes is included: the node transport hands bytes over as
 * received), ccxt runs its parseJson. Medians.
 */
function bodyParse(text: string, theirs: CcxtExchange, rounds: number) {
  const ours: number[] = [];
  const ccxt: number[] = [];
  for (let i = 0; i < rounds + WARM_UP * 10; i++) {
    let start = performance.now();
    parseSubaccounts(text);
    const oursMs = performance.now() - start;
    start = performance.now();
    theirs.parseJson(text);
    const ccxtMs = performance.now() - start;
    if (i < WARM_UP * 10) continue;
    ours.push(oursMs);
    ccxt.push(ccxtMs);
  }
  return { ours: median(ours), ccxt: median(ccxt) };
}

/** Parse rounds per size: about the same total time for each. */
const PARSE_ROUNDS: Readonly<Record<number, number>> = { 50: 1_000, 1000: 100 };

async function steadyRefresh(ccxt: CcxtModule | null, subaccounts: number): Promise<BenchResult[]> {
  const server = await startServer(subaccounts);
  try {
    const ours = ourClient(server.url, server.keys[0]!);
    const theirs = ccxt === null ? null : ccxtClient(ccxt, server.url, server.keys[1]!);
    const result = await compare(
      ROUNDS[subaccounts] ?? 20,
      () => Promise.all([ours.accounts(), ours.subaccounts()]),
      theirs === null ? null : () => Promise.all([theirs.privateGetAccounts(), theirs.privateGetSubaccounts()]),
    );
    await theirs?.close?.();
    const label = `refresh, ${subaccounts} subaccount${subaccounts === 1 ? '' : 's'}`;
    const rows: BenchResult[] = [
      { name: `${label}: ours wall (median)`, value: result.ours.wall, unit: 'ms' },
      { name: `${label}: ours CPU (median)`, value: result.ours.cpu, unit: 'ms' },
    ];
    if (result.theirs !== null) {
      rows.push(
        { name: `${label}: ccxt wall (median)`, value: result.theirs.wall, unit: 'ms' },
        { name: `${label}: ccxt CPU (median)`, value: result.theirs.cpu, unit: 'ms' },
        { name: `${label}: wall ours/ccxt`, value: result.ours.wall / result.theirs.wall, unit: 'ratio', note: REFERENCE_ONLY },
        { name: `${label}: CPU ours/ccxt`, value: result.ours.cpu / result.theirs.cpu, unit: 'ratio', note: REFERENCE_ONLY },
      );
    }
    const parseRounds = PARSE_ROUNDS[subaccounts];
    if (theirs !== null && parseRounds !== undefined) {
      const text = await subaccountsBody(server.url, server.keys[3]!);
      const parse = bodyParse(text, theirs, parseRounds);
      const body = `/subaccounts body, ${subaccounts} subaccounts (${Math.round(text.length / 1024)} KiB)`;
      rows.push(
        { name: `${body}: ours, exact + validated + model (median)`, value: parse.ours, unit: 'ms' },
        { name: `${body}: ccxt parseJson (median)`, value: parse.ccxt, unit: 'ms', note: 'JSON.parse + unsafe-integer scan' },
        { name: `${body}: ours/ccxt`, value: parse.ours / parse.ccxt, unit: 'ratio' },
      );
    }
    return rows;
  } finally {
    server.stop();
  }
}

/** Wall time of a fresh `node` running `script` (ES module text), median of COLD_STARTS runs. */
function coldStartMs(script: string, env: Record<string, string>): number {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
  }
  return median(times);
}

/** The client as one ES module, the way the app's main-process bundle contains it. */
async function bundleClient(): Promise<string> {
  const { build } = await import('rolldown');
  await build({
    input: CLIENT,
    platform: 'node',
    external: [/^node:/, 'big.js'],
    output: { file: CLIENT_BUNDLE, format: 'esm' },
    logLevel: 'silent',
  });
  return CLIENT_BUNDLE;
}

function ourColdStartScript(entry: string): string {
  return `import { KrakenClient } from ${JSON.stringify(pathToFileURL(entry).href)};
    const client = new KrakenClient({ baseUrl: process.env.BENCH_URL, appVersion: 'bench',
      getCredentials: async () => ({ apiKey: process.env.BENCH_KEY, apiSecret: process.env.BENCH_SECRET }) });
    await Promise.all([client.accounts(), client.subaccounts()]);`;
}

async function coldStart(ccxtEntry: string | null): Promise<BenchResult[]> {
  const server = await startServer(1);
  try {
    const env = { BENCH_URL: server.url, BENCH_KEY: server.keys[2]!.apiKey, BENCH_SECRET: server.keys[2]!.apiSecret };
    const nodeMs = coldStartMs('', env);
    const bundledMs = coldStartMs(ourColdStartScript(await bundleClient()), env);
    const sourcesMs = coldStartMs(ourColdStartScript(CLIENT), env);
    const rows: BenchResult[] = [
      { name: 'cold start: ours, bundled as shipped (import + first refresh)', value: bundledMs, unit: 'ms', note: `bare node ${nodeMs.toFixed(1)} ms` },
      { name: 'cold start: ours, from .ts sources (import + first refresh)', value: sourcesMs, unit: 'ms', note: 'type stripping of ~20 files' },
    ];
    if (ccxtEntry !== null) {
      const ccxtEnv = { ...env, BENCH_KEY: server.keys[3]!.apiKey, BENCH_SECRET: server.keys[3]!.apiSecret };
      const ccxtMs = coldStartMs(
        `import ccxt from ${JSON.stringify(pathToFileURL(ccxtEntry).href)};
         const exchange = new ccxt.krakenfutures({ apiKey: process.env.BENCH_KEY, secret: process.env.BENCH_SECRET, enableRateLimit: false });
         exchange.urls.api.public = exchange.urls.api.private = process.env.BENCH_URL + '/derivatives/api/';
         await Promise.all([exchange.privateGetAccounts(), exchange.privateGetSubaccounts()]);
         await exchange.close?.();`,
        ccxtEnv,
      );
      rows.push(
        { name: 'cold start: ccxt (import + first refresh)', value: ccxtMs, unit: 'ms' },
        { name: 'cold start: ours bundled/ccxt', value: bundledMs / ccxtMs, unit: 'ratio', note: 'reference only' },
        { name: 'cold start: ours from sources/ccxt', value: sourcesMs / ccxtMs, unit: 'ratio' },
      );
    }
    return rows;
  } finally {
    server.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const ccxtEntry = ensureCcxt();
  const ccxt = ccxtEntry === null ? null : ((await import(pathToFileURL(ccxtEntry).href)) as { default: CcxtModule }).default;
  const results: BenchResult[] = [];
  if (ccxt === null) results.push({ name: 'ccxt', value: Number.NaN, unit: '', note: 'skipped: npm install ccxt into .bench-scratch failed' });
  for (const subaccounts of [1, 50, 1000]) results.push(...(await steadyRefresh(ccxt, subaccounts)));
  results.push(...(await coldStart(ccxtEntry)));
  return results;
}

if (import.meta.main) console.table(await run());
