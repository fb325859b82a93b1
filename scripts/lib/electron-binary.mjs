// @ts-check
/**
 * The Electron binary for `npm start`. Electron 45's npm package ships no binary and has no
 * postinstall: node_modules/electron/install.js downloads the release zip (through @electron/get,
 * cached under ~/.cache/electron or electron_config_cache), unpacks it into dist/ and records the
 * executable's path in path.txt. This module asks the same questions install.js asks, and runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} electronDir  node_modules/electron */
export function electronVersion(electronDir) {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The executable inside an Electron release for this OS (install.js writes it to path.txt). */
const EXECUTABLE = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';

/**
 * Where the executable is, or null when it is not installed: install.js's own isInstalled test
 * (dist/version matches the package, path.txt names an existing file), or a binary the user
 * unpacked elsewhere and named with ELECTRON_OVERRIDE_DIST_PATH (honoured by electron's index.js).
 * @param {string} electronDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
export function installedElectron(electronDir, env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, EXECUTABLE);
    return existsSync(executable) ? executable : null;
  }
  try {
    const executable = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8'));
    const installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '').trim();
    return installed === electronVersion(electronDir) && existsSync(executable) ? executable : null;
  } catch {
    return null; // no path.txt or dist/version yet: never downloaded
  }
}

/**
 * Downloads and unpacks the binary by running the package's install.js.
 * @param {string} electronDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ ok: true } | { ok: false; message: string }}
 */
export function fetchElectron(electronDir, env) {
  const version = electronVersion(electronDir);
  // scripts/toolchain.sh sets ELECTRON_SKIP_BINARY_DOWNLOAD for installs on CI; this is the one
  // place that wants the download, so it must not leak into the child.
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...childEnv } = env;
  const child = spawnSync(process.execPath, [join(electronDir, 'install.js')], { env: childEnv, encoding: 'utf8' });
  if (child.status === 0 && installedElectron(electronDir, env)) return { ok: true };
  const output = `${child.stderr ?? ''}${child.stdout ?? ''}`.trim() || child.error?.message || `exit ${child.status}`;
  return { ok: false, message: fetchFailureMessage(version, output) };
}

/**
 * @param {string} version
 * @param {string} output  what install.js printed (often just "fetch failed")
 */
export function fetchFailureMessage(version, output) {
  const target = `${process.platform}-${process.arch}`;
  return [
    `Could not download Electron ${version} for ${target}, which \`npm start\` needs (it is fetched once, on first run).`,
    `The downloader said: ${output.split('\n').slice(0, 6).join('\n  ')}`,
    'What to do:',
    '  - connect this machine to the internet and run npm start again;',
    '  - behind a proxy: set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1;',
    '  - with a mirror: set ELECTRON_MIRROR (e.g. an internal mirror of the Electron releases);',
    `  - offline: unpack electron-v${version}-${target}.zip (from the Electron releases) anywhere and set ELECTRON_OVERRIDE_DIST_PATH to that folder.`,
  ].join('\n');
}
