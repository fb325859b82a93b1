// @ts-check
/**
 * Makes keytar and better-sqlite3 load in Electron for `npm start`. Both are N-API modules, so the
 * builds npm made for Node usually load in Electron as they are; when they do not (a non-N-API
 * build left by an older install, another arch), `electron-builder install-app-deps` rebuilds them
 * against Electron's headers. The check runs Electron as Node (ELECTRON_RUN_AS_NODE, allowed in the
 * development binary: the fuse is only flipped in packaged builds).
 *
 * A stamp remembers a passing check for this Electron version and these exact .node files, so
 * later starts skip it; a rebuild by scripts/ensure-native.mjs (for the tests' Node) changes the
 * files and so invalidates the stamp.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { classifyFailure, probeNativeModules } from './native-probe.mjs';
import { packageBin } from './package-bin.mjs';

/** @typedef {import('./native-modules.mjs').NativeModule} NativeModule */
/** @typedef {{ electron: string; binaries: { file: string; size: number; mtimeMs: number }[] }} NativeStamp */

/** @param {string} projectDir */
export function stampPath(projectDir) {
  return join(projectDir, 'node_modules', '.cache', 'margin-desk', 'electron-native.json');
}

/**
 * The compiled bindings of the modules as they are on disk now.
 * @param {string} projectDir
 * @param {readonly NativeModule[]} modules
 * @param {string} electron  Electron version
 * @returns {NativeStamp}
 */
export function currentStamp(projectDir, modules, electron) {
  /** @type {NativeStamp['binaries']} */
  const binaries = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.node')) {
        const { size, mtimeMs } = statSync(path);
        binaries.push({ file: relative(projectDir, path).split('\\').join('/'), size, mtimeMs });
      }
    }
  };
  for (const { name } of modules) walk(join(projectDir, 'node_modules', name));
  binaries.sort((a, b) => a.file.localeCompare(b.file));
  return { electron, binaries };
}

/**
 * @param {NativeStamp | null} saved
 * @param {NativeStamp} current
 */
export function isStampCurrent(saved, current) {
  return saved !== null && JSON.stringify(saved) === JSON.stringify(current);
}

/**
 * @param {string} projectDir
 * @returns {NativeStamp | null}
 */
export function readStamp(projectDir) {
  try {
    return JSON.parse(readFileSync(stampPath(projectDir), 'utf8'));
  } catch {
    return null; // never checked, or the cache was cleared
  }
}

/**
 * @param {string} projectDir
 * @param {NativeStamp} stamp
 */
function writeStamp(projectDir, stamp) {
  mkdirSync(dirname(stampPath(projectDir)), { recursive: true });
  writeFileSync(stampPath(projectDir), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * @param {{ projectDir: string; electronPath: string; electron: string; modules: readonly NativeModule[]; env: NodeJS.ProcessEnv; log: (line: string) => void }} options
 * @returns {{ ok: true; rebuilt: boolean } | { ok: false; message: string }}
 */
export function prepareNativeForElectron({ projectDir, electronPath, electron, modules, env, log }) {
  const probe = () => probeNativeModules({ executable: electronPath, modules, cwd: projectDir, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } });
  const failures = probe().flatMap((result) => (result.ok ? [] : [result]));
  if (failures.length === 0) {
    writeStamp(projectDir, currentStamp(projectDir, modules, electron));
    return { ok: true, rebuilt: false };
  }
  const unfixable = failures.filter((failure) => classifyFailure(failure) !== 'abi');
  if (unfixable.length > 0) {
    return { ok: false, message: unfixable.map((failure) => `${failure.name} does not load in Electron ${electron}:\n  ${failure.message}`).join('\n') };
  }

  log(`rebuilding ${failures.map((failure) => failure.name).join(', ')} for Electron ${electron} (electron-builder install-app-deps)…`);
  const installAppDeps = packageBin('electron-builder', 'install-app-deps');
  const rebuild = spawnSync(process.execPath, [installAppDeps], { cwd: projectDir, env, stdio: 'inherit' });
  const stillFailing = rebuild.status === 0 ? probe().filter((result) => !result.ok) : failures;
  if (stillFailing.length > 0) {
    return {
      ok: false,
      message: [
        `Native modules do not load in Electron ${electron} and rebuilding them ${rebuild.status === 0 ? 'did not help' : 'failed'}:`,
        ...stillFailing.map((failure) => `  ${failure.name}: ${failure.message}`),
        'The rebuild needs Electron\'s headers (downloaded once from the internet), a C++ toolchain and Python.',
        'Fix what the output above names, then run npm start again.',
      ].join('\n'),
    };
  }
  writeStamp(projectDir, currentStamp(projectDir, modules, electron));
  return { ok: true, rebuilt: true };
}
