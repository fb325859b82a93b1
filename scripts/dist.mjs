// @ts-check
/**
 * `npm run dist`: builds the installers for the OS it runs on (Linux: AppImage + deb, macOS: dmg,
 * Windows: NSIS), from electron-builder.config.ts, into dist/.
 *
 * Packaging starts from the official Electron release zip for the target OS, which electron-builder
 * downloads. That download is done first, through electron-builder's own downloader (same cache,
 * same mirror settings), so a machine that cannot reach it learns so in one plain message before
 * any building, instead of at the end of a long log.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageBin } from './lib/package-bin.mjs';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** @param {string} message */
function fail(message) {
  console.error(`\nnpm run dist: ${message}\n`);
  process.exit(1);
}

/** @param {unknown} error */
function reason(error) {
  const parts = [];
  for (let cause = error; cause instanceof Error; cause = cause.cause) parts.push(cause.message);
  return parts.join(': ') || String(error);
}

/** @param {string} script @param {string[]} args */
function run(script, args) {
  return spawnSync(process.execPath, [script, ...args], { cwd: PROJECT_DIR, stdio: 'inherit' }).status;
}

const version = require('electron/package.json').version;
const target = `${process.platform}-${process.arch}`;
const { downloadElectronArtifactZip } = require('app-builder-lib/out/util/electronGet.js');
try {
  await downloadElectronArtifactZip({ version, platformName: process.platform, arch: process.arch, artifactName: 'electron' });
} catch (error) {
  fail(
    [
      `cannot package on this machine: the Electron ${version} release for ${target} (electron-v${version}-${target}.zip) could not be fetched.`,
      `  ${reason(error)}`,
      'Installers are built from that zip, which electron-builder downloads from the Electron releases on GitHub',
      '(or from ELECTRON_MIRROR). Build on a machine that can reach it: see docs/PACKAGING.md. Nothing was built.',
    ].join('\n'),
  );
}

if (run(packageBin('electron-vite'), ['build']) !== 0) fail('electron-vite build failed (see above); nothing was packaged.');
const builder = run(packageBin('electron-builder'), ['--config', 'electron-builder.config.ts', '--publish', 'never']);
if (builder !== 0) {
  fail(
    [
      `electron-builder failed (exit ${builder}); see its log above.`,
      'If it failed downloading a build tool (the AppImage runtime, fpm, NSIS, 7-Zip: all come from GitHub releases),',
      'this machine cannot reach them: build on one that can, or seed ELECTRON_BUILDER_CACHE (docs/PACKAGING.md).',
    ].join('\n'),
  );
}
console.log(`Installers for ${target} are in dist/.`);
