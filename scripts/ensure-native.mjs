// @ts-check
/**
 * Runs before `npm test` and `npm run bench`: makes sure keytar and better-sqlite3 load in the Node
 * that runs the tests. `npm start` may have rebuilt them for Electron, a Node upgrade may have left
 * builds for an older ABI; either way the tests would fail with a dlopen error far from the cause.
 * On a mismatch it runs `npm rebuild` for the broken modules and says so; on anything a rebuild
 * cannot fix (a missing system library, a missing package) it stops with what to do.
 *
 * Run: node scripts/ensure-native.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_MODULES } from './lib/native-modules.mjs';
import { classifyFailure, probeNativeModules } from './lib/native-probe.mjs';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Node's headers for compiling addons: npm_config_nodedir when set (scripts/toolchain.sh sets it),
 * else the running Node's own install prefix when it ships them (official builds do), so node-gyp
 * never needs to download headers.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} nodeExecutable
 * @returns {string | undefined}
 */
export function nodeHeadersDir(env, nodeExecutable) {
  if (env.npm_config_nodedir) return env.npm_config_nodedir;
  const prefix = resolve(dirname(nodeExecutable), '..');
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/**
 * @typedef {object} EnsureNativeOptions
 * @property {string} projectDir
 * @property {readonly import('./lib/native-modules.mjs').NativeModule[]} modules
 * @property {string} nodeExecutable  the Node whose ABI the modules must match
 * @property {NodeJS.ProcessEnv} env
 * @property {(line: string) => void} log
 */

/**
 * @param {EnsureNativeOptions} options
 * @returns {Promise<{ rebuilt: string[] }>} the modules it had to rebuild (empty when all loaded)
 */
export async function ensureNative({ projectDir, modules, nodeExecutable, env, log }) {
  const probe = () => probeNativeModules({ executable: nodeExecutable, modules, cwd: projectDir, env });
  const failures = probe().flatMap((result) => (result.ok ? [] : [{ ...result, kind: classifyFailure(result) }]));
  if (failures.length === 0) return { rebuilt: [] };

  const unfixable = failures.filter((failure) => failure.kind !== 'abi');
  if (unfixable.length > 0) throw new Error(unfixable.map(explain).join('\n\n'));

  const names = failures.map((failure) => failure.name);
  const runtime = `Node ${process.versions.node} (ABI ${process.versions.modules})`;
  log(`${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} built for another runtime; rebuilding for ${runtime}: npm rebuild ${names.join(' ')}`);
  const headers = nodeHeadersDir(env, nodeExecutable);
  const rebuild = spawnSync(npmCommand(), ['rebuild', ...names], {
    cwd: projectDir,
    env: headers ? { ...env, npm_config_nodedir: headers } : env,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (rebuild.status !== 0) {
    throw new Error(`npm rebuild ${names.join(' ')} failed (exit ${rebuild.status}). Read its output above; a C++ toolchain and Python are needed to compile native modules.`);
  }
  const stillFailing = probe().filter((result) => !result.ok);
  if (stillFailing.length > 0) {
    throw new Error(
      stillFailing.map((failure) => `${failure.name} still does not load after the rebuild:\n  ${failure.message}`).join('\n') +
        '\nTry a clean install: rm -rf node_modules && npm ci',
    );
  }
  log(`rebuilt ${names.join(', ')} for ${runtime}`);
  return { rebuilt: names };
}

/** @param {{ name: string; message: string; kind: import('./lib/native-probe.mjs').FailureKind }} failure */
function explain(failure) {
  const what = {
    abi: 'is built for another runtime',
    'missing-library': 'needs a system library that is not installed (on Debian/Ubuntu, keytar needs libsecret-1-0)',
    'not-installed': 'is not installed: run npm ci',
    other: 'does not load',
  }[failure.kind];
  return `${failure.name} ${what}:\n  ${failure.message.split('\n').join('\n  ')}`;
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

// Run as a script (not when imported by the tests); import.meta.main needs Node 24.2+.
if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) {
  try {
    await ensureNative({ projectDir: PROJECT_DIR, modules: NATIVE_MODULES, nodeExecutable: process.execPath, env: process.env, log: console.log });
  } catch (error) {
    console.error(`ensure-native: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
