// @ts-check
/**
 * `npm start` (built app, electron-vite preview) and `npm run dev` (dev server with hot reload,
 * `--dev`). Before launching it makes sure that:
 *   1. this Node is recent enough (else it says how to get one),
 *   2. the Electron binary is there (fetched on first run; Electron 45's package does not do it
 *      at install time),
 *   3. keytar and better-sqlite3 load in that Electron (rebuilt once if not; remembered).
 * The decisions are scripts/lib/start-plan.mjs; this file only gathers facts and acts on them.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeVersionProblem, planStart } from './lib/start-plan.mjs';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = join(PROJECT_DIR, 'node_modules', 'electron');

/** @param {string} message */
function fail(message) {
  console.error(`\nnpm start: ${message}\n`);
  process.exit(1);
}

// Only start-plan.mjs is imported up front: it is written so an old Node can load it and explain.
const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld) fail(tooOld);

const { installedElectron, electronVersion, fetchElectron } = await import('./lib/electron-binary.mjs');
const { currentStamp, isStampCurrent, prepareNativeForElectron, readStamp } = await import('./lib/electron-native.mjs');
const { NATIVE_MODULES } = await import('./lib/native-modules.mjs');
const { packageBin } = await import('./lib/package-bin.mjs');

const env = process.env;
const electron = electronVersion(ELECTRON_DIR);
const electronPath = installedElectron(ELECTRON_DIR, env);
const plan = planStart({
  nodeVersion: process.versions.node,
  args: process.argv.slice(2),
  electronInstalled: electronPath !== null,
  nativeReadyForElectron: electronPath !== null && isStampCurrent(readStamp(PROJECT_DIR), currentStamp(PROJECT_DIR, NATIVE_MODULES, electron)),
});
if (plan.kind === 'refuse') fail(plan.message);
else {
  for (const step of plan.steps) {
    if (step.step === 'fetch-electron') {
      console.log(`Fetching Electron ${electron} (first run)…`);
      const fetched = fetchElectron(ELECTRON_DIR, env);
      if (!fetched.ok) fail(fetched.message);
    } else if (step.step === 'prepare-native') {
      const executable = installedElectron(ELECTRON_DIR, env);
      if (!executable) fail(`Electron ${electron} is still not installed after fetching it.`);
      else {
        const prepared = prepareNativeForElectron({ projectDir: PROJECT_DIR, electronPath: executable, electron, modules: NATIVE_MODULES, env, log: console.log });
        if (!prepared.ok) fail(prepared.message);
      }
    } else {
      // A leftover ELECTRON_RUN_AS_NODE would start Electron as plain Node and show nothing.
      const { ELECTRON_RUN_AS_NODE: _asNode, ...launchEnv } = env;
      const launched = spawnSync(process.execPath, [packageBin('electron-vite'), step.mode, ...step.args], {
        cwd: PROJECT_DIR,
        env: launchEnv,
        stdio: 'inherit',
      });
      process.exit(launched.status ?? 1);
    }
  }
}
