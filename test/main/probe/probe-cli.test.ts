/**
 * `npm run probe` as users run it: the simulated exchange and the probe each in their own process,
 * talking over loopback; both sources read the same simulated account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Served {
  readonly url: string;
  readonly uwsUrl: string;
  readonly keys: ReadonlyArray<{ readonly apiKey: string; readonly apiSecret: string }>;
}

let simulator: ChildProcess;
let served: Served;

beforeAll(async () => {
  simulator = spawn(process.execPath, ['src-main/kraken/simulator/serve.ts', '--keys', '2'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: simulator.stdout! });
  served = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve))) as Served;
});

afterAll(() => {
  simulator.stdin?.end();
});

function runProbe(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/probe.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function keyEnv(index = 0): Record<string, string> {
  const key = served.keys[index]!;
  return { MD_API_KEY: key.apiKey, MD_API_SECRET: key.apiSecret };
}

describe('npm run probe (child processes, simulator on loopback)', () => {
  it('prints the same model and health over REST and over the Unified WebSocket, and never the secret', async () => {
    const rest = await runProbe(['--source', 'rest', '--base-url', served.url], keyEnv(0));
    const uws = await runProbe(['--source', 'uws', '--base-url', served.url, '--ws-url', served.uwsUrl], keyEnv(1));
    expect(rest.code).toBe(0);
    expect(uws.code).toBe(0);
    const polled = JSON.parse(rest.stdout);
    const streamed = JSON.parse(uws.stdout);
    expect(polled.source).toBe('rest');
    expect(streamed.source).toBe('uws');
    expect(streamed.snapshot.accounts.flex).toEqual(polled.snapshot.accounts.flex);
    expect(streamed.snapshot.positions.map((p: { symbol: string; size: string }) => [p.symbol, p.size]).sort()).toEqual(
      polled.snapshot.positions.map((p: { symbol: string; size: string }) => [p.symbol, p.size]).sort(),
    );
    expect(streamed.health.figures.find((f: { accountKey: string }) => f.accountKey === 'flex')).toEqual(
      polled.health.figures.find((f: { accountKey: string }) => f.accountKey === 'flex'),
    );
    // Each position with its mark price, PnL and liquidation price: the flex one estimated, the inverse one Kraken's.
    const positions = polled.positions as { symbol: string; markPrice: string | null; pnl: string | null; liquidation: { source: string; price?: string } }[];
    expect(positions.map((row) => [row.symbol, row.liquidation.source]).sort()).toEqual([
      ['pf_xbtusd', 'estimate'],
      ['pi_xbtusd', 'exchange'],
    ]);
    for (const row of positions) expect([row.markPrice, row.pnl, row.liquidation.price]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
    for (const output of [rest, uws]) expect(`${output.stdout}${output.stderr}`).not.toContain(served.keys[0]!.apiSecret);
    expect(`${uws.stdout}${uws.stderr}`).not.toContain(served.keys[1]!.apiSecret);
  });

  it('fails with the typed error and exit code 1: a refused key, no key, a bad source', async () => {
    const refused = await runProbe(['--source', 'uws', '--base-url', served.url, '--ws-url', served.uwsUrl], {
      MD_API_KEY: served.keys[0]!.apiKey,
      MD_API_SECRET: served.keys[1]!.apiSecret,
    });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error).toMatchObject({ kind: 'spotInvalidSignature', message: expect.any(String), action: expect.any(String) });
    expect(refused.stderr).not.toContain(served.keys[1]!.apiSecret);

    const noKey = await runProbe(['--source', 'rest', '--base-url', served.url], { MD_API_KEY: '', MD_API_SECRET: '' });
    expect(noKey.code).toBe(1);
    expect(JSON.parse(noKey.stderr).error.message).toMatch(/MD_API_KEY/);

    const badSource = await runProbe(['--source', 'ftp'], keyEnv());
    expect(badSource.code).toBe(1);
    expect(JSON.parse(badSource.stderr).error.kind).toBe('invalidArgument');
  });
});
