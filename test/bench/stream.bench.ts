/**
 * What users of a streamed (Kraken API key) profile feel, against a REST profile in the same run:
 * - latency: from a margin change at the simulated exchange to the alert it raises and the
 *   renderer's snapshot event, through the real AppServices (stream → monitor → health → alerts →
 *   store → bridge event), p50 and p99 over 200 changes that each raise an alert, for UWS and for
 *   REST at its default 15 s interval. A REST change waits for the next poll: each change happens
 *   at a moment spread evenly over the poll interval, and the monitor's clock (./poll-skip-clock.ts)
 *   jumps over the wait instead of sleeping through it, so the figure is that wait plus the real
 *   time of the poll and everything after it, in the app's time, without 200 × 15 s of wall time;
 * - recovery: after the exchange drops the connection, time until the figures are live again;
 * - idle cost: with a connection open and only heartbeats flowing (the simulator in its own
 *   process), this process's CPU as a share of one core, and its heap over 10,000 heartbeats.
 *
 *   node test/bench/stream.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AppServices, type AppServicesOptions } from '../../src-main/app/app-services.ts';
import { SimulatedExchange } from '../../src-main/kraken/simulator/exchange.ts';
import type { AccountStream } from '../../src-main/kraken/account-stream.ts';
import { systemClock } from '../../src-shared/clock.ts';
import { NonceSequences } from '../../src-main/kraken/nonce.ts';
import { UwsAccountStream } from '../../src-main/kraken/uws/uws-account-stream.ts';
import { StreamMonitor } from '../../src-main/monitor/stream-monitor.ts';
import { createLogger } from '../../src-main/log/logger.ts';
import type { SnapshotView } from '../../src-preload/contract.ts';
import type { BenchResult } from './bench-result.ts';
import { PollSkipClock } from './poll-skip-clock.ts';
import { DEFAULT_REFRESH_SECONDS } from '../../src-shared/profile.ts';
import { quietAppOptions } from '../support/quiet-app-options.ts';

const CHANGES = 200;
const REST_INTERVAL_MS = DEFAULT_REFRESH_SECONDS * 1000;
/** Real time between REST changes: each costs two polls of 6 budget units, under 500 per 10 s. */
const REST_PACE_MS = 300;
const DROPS = 50;
const HEARTBEATS = 10_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function newApp(extra: Partial<AppServicesOptions> = {}): { app: AppServices; dispose: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-bench-stream-'));
  const app = new AppServices(quietAppOptions(dataDir, { appVersion: '0.0.0-bench', platform: process.platform, ...extra }));
  return {
    app,
    dispose: () => {
      app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 1);
    };
    poll();
  });
}

/** A long flex position whose margin level crosses the warn threshold between the two prices. */
function marginAccount(): SimulatedExchange {
  const exchange = new SimulatedExchange({ seed: 11 });
  exchange.deposit('USD', '20000');
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '8', entryPrice: '64000' });
  return exchange;
}

export async function alertLatency(source: 'uws' | 'rest', changes: number): Promise<{ alert: number[]; snapshot: number[]; afterPoll: number[] }> {
  const exchange = marginAccount();
  const server = await exchange.listen({ port: 0 });
  const pollClock = new PollSkipClock();
  const { app, dispose } = newApp(source === 'rest' ? { monitorClock: pollClock } : {});
  // The app's time: REST's includes the skipped wait for the poll.
  const now = source === 'rest' ? () => pollClock.now() : () => performance.now();
  try {
    await app.start();
    const key = exchange.addKey();
    const profile = await app.profiles.create({ name: source, colour: '#2f80ed', source, baseUrl: server.url, ...(source === 'uws' ? { streamUrl: server.uwsUrl } : {}), ...key });
    app.activate(profile.id);
    const ratioAt = async (price: string): Promise<number> => {
      exchange.setMarkPrice('pf_xbtusd', price);
      if (source === 'rest') await app.scheduler.refreshNow(profile.id);
      let ratio = Number.NaN;
      await until(() => {
        const view = app.viewOf(profile.id);
        const flex = view?.health.figures.find((figure) => figure.accountKey === 'flex');
        ratio = Number(flex?.marginRatio ?? Number.NaN);
        return view?.snapshot.markPrices['pf_xbtusd'] === price && Number.isFinite(ratio);
      }, 20_000);
      return ratio;
    };
    const high = await ratioAt('64000');
    const low = await ratioAt('63000');
    const warnPct = Math.round(((high + low) / 2) * 100);
    app.setAlertRules(profile.id, {
      ...app.alertRules(profile.id),
      enabled: true,
      warnBelowPct: warnPct,
      criticalBelowPct: Math.min(warnPct - 1, Math.floor(low * 100) - 1),
      liquidationBelowPct: 101,
      hysteresisPct: 1,
      maxNotificationsPerMinute: 60,
    });
    const alert: number[] = [];
    const snapshot: number[] = [];
    /** REST: from the poll (its timer due) to the alert, the part that is not waiting. */
    const afterPoll: number[] = [];
    let lastChangeAt = 0;
    for (let i = 0; i < changes; i++) {
      if (source === 'rest') {
        // Kraken's request budget (500 per 10 s per key) runs on real time; polls 15 s apart never
        // reach it, changes compressed into seconds would: paced so that no budget wait is measured.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastChangeAt + REST_PACE_MS - performance.now())));
        lastChangeAt = performance.now();
      }
      await ratioAt('64000');
      let alertAt = 0;
      let snapshotAt = 0;
      const off = app.events.subscribe((name, payload) => {
        if (name === 'alert') alertAt ||= now();
        const view = payload as SnapshotView;
        if (name === 'snapshot' && view.snapshot.profileId === profile.id && view.health.worst?.level === 'warn') snapshotAt ||= now();
      });
      // the change happens at the i-th of `changes` evenly spread moments of the poll interval
      if (source === 'rest') pollClock.jumpTo(pollClock.nextDue() - REST_INTERVAL_MS + ((i + 0.5) / changes) * REST_INTERVAL_MS);
      const start = now();
      const pollAt = source === 'rest' ? pollClock.nextDue() : start;
      exchange.setMarkPrice('pf_xbtusd', '63000');
      if (source === 'rest') pollClock.fireNext();
      await until(() => alertAt > 0 && snapshotAt > 0, 60_000).catch((error: unknown) => {
        throw new Error(`change ${i}: ${alertAt > 0 ? 'alert seen' : 'no alert'}, ${snapshotAt > 0 ? 'snapshot seen' : 'no warn snapshot'}`, { cause: error });
      });
      off();
      alert.push(alertAt - start);
      snapshot.push(snapshotAt - start);
      afterPoll.push(alertAt - pollAt);
    }
    return { alert, snapshot, afterPoll };
  } finally {
    dispose();
    await server.close();
  }
}

/**
 * Each drop hits a connection that has been up for longer than the connection's "stable" time, as a
 * single drop in the field does (drops in quick succession back off on purpose); the stable time is
 * shortened to 1 s so that 50 drops fit in a minute.
 */
async function recovery(): Promise<number[]> {
  const exchange = marginAccount();
  const server = await exchange.listen({ port: 0 });
  const { app, dispose } = newApp({ uwsTimings: { stableAfterMs: 1_000 } });
  try {
    await app.start();
    const profile = await app.profiles.create({ name: 'uws', colour: '#2f80ed', baseUrl: server.url, streamUrl: server.uwsUrl, ...exchange.addKey() });
    app.activate(profile.id);
    await until(() => app.viewOf(profile.id)?.status.state === 'live', 20_000);
    const times: number[] = [];
    for (let i = 0; i < DROPS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      let liveAt = 0;
      const start = performance.now();
      const off = app.events.subscribe((name, payload) => {
        if (name === 'snapshot' && (payload as SnapshotView).snapshot.profileId === profile.id) liveAt ||= performance.now();
      });
      server.uws.dropConnections();
      await until(() => liveAt > 0, 30_000);
      off();
      times.push(liveAt - start);
    }
    return times;
  } finally {
    dispose();
    await server.close();
  }
}

async function idleCost(): Promise<{ cpuPct: number; heapGrowthMb: number }> {
  const startSimulator = (heartbeatMs: number) => {
    const child = spawn(process.execPath, ['src-main/kraken/simulator/serve.ts', '--heartbeat-ms', String(heartbeatMs)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const served = new Promise<{ url: string; uwsUrl: string; keys: Array<{ apiKey: string; apiSecret: string }> }>((resolve) =>
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line))),
    );
    return { child, served };
  };
  const connect = async (heartbeatMs: number) => {
    const simulator = startSimulator(heartbeatMs);
    const served = await simulator.served;
    const { app, dispose } = newApp();
    await app.start();
    const profile = await app.profiles.create({ name: 'uws', colour: '#2f80ed', baseUrl: served.url, streamUrl: served.uwsUrl, ...served.keys[0]! });
    app.activate(profile.id);
    await until(() => app.viewOf(profile.id)?.status.state === 'live', 20_000);
    return { app, stop: () => { dispose(); simulator.child.stdin.end(); } };
  };
  // CPU at Kraken's rate: one heartbeat a second, for 30 s.
  const normal = await connect(1000);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  const cpu = process.cpuUsage(cpuStart);
  const cpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
  normal.stop();
  // Memory over 10,000 heartbeats, sent fast, counted as the monitor receives them: the stream and
  // the monitor of the app (heartbeats reach nothing else but a confirmation every few seconds).
  const simulator = startSimulator(1);
  const served = await simulator.served;
  let beats = 0;
  const real = new UwsAccountStream({
    appVersion: '0.0.0-bench',
    targetOf: async () => ({ baseUrl: served.url, streamUrl: served.uwsUrl, getCredentials: async () => served.keys[0]! }),
    nonces: new NonceSequences(systemClock),
    onError: () => undefined,
  });
  const counting: AccountStream = {
    open: (profileId, listener) => real.open(profileId, { ...listener, alive: (at) => { beats += 1; listener.alive(at); } }),
  };
  const monitor = new StreamMonitor({ stream: counting, onSnapshot: () => undefined, onConfirmed: () => undefined, onStatus: () => undefined, logger: createLogger({ filePath: null, console: false }) });
  monitor.setProfiles([{ id: 'bench', address: served.uwsUrl, lastSuccessAt: null }]);
  await until(() => monitor.status('bench')?.state === 'live', 20_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapStart = process.memoryUsage().heapUsed;
  const beatsStart = beats;
  await until(() => beats - beatsStart >= HEARTBEATS, 120_000);
  gc?.();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapStart) / 1_048_576;
  monitor.dispose();
  simulator.child.stdin.end();
  return { cpuPct, heapGrowthMb };
}

const REST_NOTE = 'changes spread evenly over the poll interval; the wait for the poll is skipped in wall time (counted in the figure), the changes paced under the request budget';

export async function run(): Promise<BenchResult[]> {
  const progress = (step: string) => process.stderr.write(`stream bench: ${step}\n`);
  progress('UWS latency');
  const uws = await alertLatency('uws', CHANGES);
  progress('recovery after drops');
  const drops = await recovery();
  progress('idle cost');
  const idle = await idleCost();
  progress('REST latency');
  const rest = await alertLatency('rest', CHANGES);
  return [
    { name: `UWS: margin change → alert raised, p50 (${CHANGES} changes)`, value: percentile(uws.alert, 50), unit: 'ms' },
    { name: 'UWS: margin change → alert raised, p99', value: percentile(uws.alert, 99), unit: 'ms', note: 'target < 250 ms' },
    { name: 'UWS: margin change → renderer event, p50', value: percentile(uws.snapshot, 50), unit: 'ms' },
    { name: 'UWS: margin change → renderer event, p99', value: percentile(uws.snapshot, 99), unit: 'ms' },
    { name: `REST (15 s interval): margin change → alert raised, p50 (${CHANGES} changes)`, value: percentile(rest.alert, 50), unit: 'ms', note: REST_NOTE },
    { name: 'REST (15 s interval): margin change → alert raised, p99', value: percentile(rest.alert, 99), unit: 'ms' },
    { name: 'REST (15 s interval): margin change → renderer event, p50', value: percentile(rest.snapshot, 50), unit: 'ms' },
    { name: 'REST (15 s interval): margin change → renderer event, p99', value: percentile(rest.snapshot, 99), unit: 'ms' },
    { name: 'REST: poll → alert raised (the part that is not waiting for the poll), p50', value: percentile(rest.afterPoll, 50), unit: 'ms' },
    { name: 'REST: poll → alert raised, p99', value: percentile(rest.afterPoll, 99), unit: 'ms' },
    { name: `UWS: dropped connection → figures live again, p50 (${DROPS} drops)`, value: percentile(drops, 50), unit: 'ms' },
    { name: 'UWS: dropped connection → figures live again, p99', value: percentile(drops, 99), unit: 'ms', note: 'target < 2000 ms' },
    { name: 'UWS: heartbeats only, main-process CPU (30 s)', value: Number(idle.cpuPct.toFixed(3)), unit: '% of a core', note: 'target < 0.5 %' },
    { name: `UWS: heap growth over ${HEARTBEATS} heartbeats`, value: Number(idle.heapGrowthMb.toFixed(2)), unit: 'MB', note: 'flat ≈ 0 (run with --expose-gc for an exact figure)' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await run());
  process.exit(0);
}
