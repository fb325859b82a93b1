/**
 * `npm start`'s decisions (scripts/lib/start-plan.mjs), its Electron-binary detection and fetch
 * failure message, and the stamp that spares the native-module check on later starts.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchElectron, installedElectron } from '../../../scripts/lib/electron-binary.mjs';
import { currentStamp, isStampCurrent, prepareNativeForElectron, readStamp } from '../../../scripts/lib/electron-native.mjs';
import { NATIVE_MODULES } from '../../../scripts/lib/native-modules.mjs';
import { nodeVersionProblem, planStart } from '../../../scripts/lib/start-plan.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'start-'));
  dirs.push(dir);
  return dir;
}

const READY = { nodeVersion: '24.21.0', args: [], electronInstalled: true, nativeReadyForElectron: true };

describe('the start plan', () => {
  it('refuses a Node older than 22.12 and says how to get a newer one', () => {
    for (const version of ['20.20.2', '22.11.0', '18.0.0']) {
      const plan = planStart({ ...READY, nodeVersion: version });
      expect(plan.kind).toBe('refuse');
      expect(plan.kind === 'refuse' && plan.message).toMatch(new RegExp(`needs Node.js 22.12 or newer.*this is Node ${version.replaceAll('.', '\\.')}[\\s\\S]*scripts/toolchain.sh[\\s\\S]*nvm install 24`));
    }
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('23.0.1')).toBeNull();
  });

  it('launches the built app straight away when everything is in place', () => {
    expect(planStart(READY)).toEqual({ kind: 'run', steps: [{ step: 'launch', mode: 'preview', args: [] }] });
  });

  it('runs the dev server for --dev and passes other arguments through', () => {
    expect(planStart({ ...READY, args: ['--dev', '--inspect'] })).toEqual({ kind: 'run', steps: [{ step: 'launch', mode: 'dev', args: ['--inspect'] }] });
  });

  it('fetches Electron on first run, then checks the native modules in it, then launches', () => {
    expect(planStart({ ...READY, electronInstalled: false, nativeReadyForElectron: false })).toEqual({
      kind: 'run',
      steps: [{ step: 'fetch-electron' }, { step: 'prepare-native' }, { step: 'launch', mode: 'preview', args: [] }],
    });
  });

  it('checks the native modules again when they changed since the last check', () => {
    expect(planStart({ ...READY, nativeReadyForElectron: false })).toEqual({
      kind: 'run',
      steps: [{ step: 'prepare-native' }, { step: 'launch', mode: 'preview', args: [] }],
    });
  });
});

/** A copy of the electron package that resolves @electron/get from this repository. */
function electronPackage(): string {
  const project = tempDir();
  const electronDir = join(project, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json', 'index.js']) cpSync(join(ROOT, 'node_modules', 'electron', file), join(electronDir, file));
  for (const dependency of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
  return electronDir;
}

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the Electron binary', () => {
  it('counts as installed only when dist/ holds this version and path.txt names a file', () => {
    const electronDir = electronPackage();
    expect(installedElectron(electronDir, {})).toBeNull();
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    writeFileSync(join(electronDir, 'dist', 'version'), 'v44.0.0');
    expect(installedElectron(electronDir, {})).toBeNull();
    writeFileSync(join(electronDir, 'dist', 'version'), JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version);
    expect(installedElectron(electronDir, {})).toBe(join(electronDir, 'dist', 'electron'));
  });

  it('says plainly what failed and what to do when the download fails', async () => {
    const electronDir = electronPackage();
    const cache = tempDir();
    const mirror = `http://127.0.0.1:${await closedLoopbackPort()}/`;
    const result = fetchElectron(electronDir, { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: cache, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toMatch(/^Could not download Electron \d+\.\d+\.\d+ for \w+-\w+, which `npm start` needs/);
    expect(message).toMatch(/The downloader said: .*fetch failed/);
    expect(message).toMatch(/connect this machine to the internet[\s\S]*ELECTRON_MIRROR[\s\S]*ELECTRON_OVERRIDE_DIST_PATH/);
  });
});

describe('the native-module stamp', () => {
  function fakeModules(): string {
    const project = tempDir();
    for (const { name } of NATIVE_MODULES) {
      mkdirSync(join(project, 'node_modules', name, 'build', 'Release'), { recursive: true });
      writeFileSync(join(project, 'node_modules', name, 'build', 'Release', `${name}.node`), name);
      writeFileSync(join(project, 'node_modules', name, 'index.js'), 'module.exports = 1;');
    }
    return project;
  }

  it('is written after a passing check and stays current until a binding or the Electron version changes', () => {
    const project = fakeModules();
    // This Node stands in for Electron running as Node: the check is the same child process.
    const modules = NATIVE_MODULES.map(({ name }) => ({ name, load: `require('${name}')` }));
    const prepared = prepareNativeForElectron({ projectDir: project, electronPath: process.execPath, electron: '45.4.1', modules, env: process.env, log: () => {} });
    expect(prepared).toEqual({ ok: true, rebuilt: false });

    const saved = readStamp(project);
    expect(saved?.binaries.map((binary) => binary.file)).toEqual(['node_modules/better-sqlite3/build/Release/better-sqlite3.node', 'node_modules/keytar/build/Release/keytar.node']);
    expect(isStampCurrent(saved, currentStamp(project, modules, '45.4.1'))).toBe(true);
    expect(isStampCurrent(saved, currentStamp(project, modules, '45.5.0'))).toBe(false);

    const keytar = join(project, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node');
    utimesSync(keytar, new Date(), new Date(Date.now() + 60_000));
    expect(isStampCurrent(saved, currentStamp(project, modules, '45.4.1'))).toBe(false);
  });

  it('is absent before the first check', () => {
    expect(readStamp(tempDir())).toBeNull();
  });
});
