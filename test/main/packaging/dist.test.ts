/**
 * `npm run dist` on a machine that cannot fetch the Electron release: it must stop before building
 * anything, with a plain message. The download is pointed at a closed loopback port and an empty
 * cache, so this test never leaves the machine and behaves the same with or without a network.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'dist-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run dist without access to the Electron release', () => {
  it('fails before building, saying what could not be fetched and where to build instead', async () => {
    const mirror = `http://127.0.0.1:${await closedLoopbackPort()}/`;
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: mirror, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), LOCALAPPDATA: join(home, 'AppData') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm run dist: cannot package on this machine: the Electron');
    expect(run.stderr).toMatch(/electron-v\d+\.\d+\.\d+-\w+-\w+\.zip\) could not be fetched\.\n {2}.*ECONNREFUSED/);
    expect(run.stderr).toContain('see docs/PACKAGING.md. Nothing was built.');
    // Neither electron-vite nor electron-builder ran (their banners: "vite v8…", "• electron-builder  version=…").
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/vite v\d|• electron-builder/);
  }, 60_000);
});
