// @ts-check
/**
 * Loads native modules in a child runtime (plain Node, or Electron running as Node) and reports,
 * per module, whether its binding opened and why not. A child process, because a binding that
 * fails to load (or loads and crashes) must not take the caller down, and because the runtime
 * being checked is often not the one running this script.
 */
import { spawnSync } from 'node:child_process';

/** @typedef {import('./native-modules.mjs').NativeModule} NativeModule */
/** @typedef {{ name: string; ok: true } | { name: string; ok: false; code: string; message: string }} ProbeResult */
/**
 * Why a module did not load, which decides what can fix it:
 * - abi: built for another runtime, OS or CPU (NODE_MODULE_VERSION, wrong ELF/Mach-O/PE, or the
 *   runtime crashing as it opens the binding, which is what N-API builds for a newer runtime do) → rebuild
 * - missing-library: a system library the binding links against is absent → install it
 * - not-installed: the package itself is missing → npm ci
 * - other: anything else (printed as is)
 * @typedef {'abi' | 'missing-library' | 'not-installed' | 'other'} FailureKind
 */

const ABI_MISMATCH = [
  /NODE_MODULE_VERSION/, // Node/Electron ABI of a non-N-API addon
  /invalid ELF header|wrong ELF class|ELF file OS ABI invalid/, // Linux: another OS or word size
  /incompatible architecture|not a mach-o file|mach-o file, but is an incompatible/i, // macOS
  /is not a valid Win32 application/, // Windows
  /undefined symbol/, // built against other runtime headers than the one loading it
];
const MISSING_LIBRARY = [
  /cannot open shared object file/, // Linux, e.g. libsecret-1.so.0
  /Library not loaded/, // macOS
  /The specified module could not be found/, // Windows, a dependent DLL
];

/**
 * @param {{ name: string; code: string; message: string }} failure
 * @returns {FailureKind}
 */
export function classifyFailure(failure) {
  if (failure.code === 'CRASH') return 'abi';
  if (ABI_MISMATCH.some((pattern) => pattern.test(failure.message))) return 'abi';
  if (MISSING_LIBRARY.some((pattern) => pattern.test(failure.message))) return 'missing-library';
  if (failure.code === 'MODULE_NOT_FOUND' && failure.message.includes(`'${failure.name}'`)) return 'not-installed';
  return 'other';
}

/**
 * One child per module, so a binding that crashes its runtime is the only one blamed.
 * @param {{ executable: string; modules: readonly NativeModule[]; cwd: string; env?: NodeJS.ProcessEnv }} options
 * @returns {ProbeResult[]}
 */
export function probeNativeModules({ executable, modules, cwd, env = process.env }) {
  return modules.map((module) => probeOne(executable, module, cwd, env));
}

/**
 * @param {string} executable
 * @param {NativeModule} module
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @returns {ProbeResult}
 */
function probeOne(executable, { name, load }, cwd, env) {
  // Resolves the module from cwd (the project) and prints one JSON line; never throws.
  const script = `
    let result;
    try { ${load}; result = { name: ${JSON.stringify(name)}, ok: true }; }
    catch (error) { result = { name: ${JSON.stringify(name)}, ok: false, code: String(error.code ?? ''), message: String(error.message) }; }
    process.stdout.write(JSON.stringify(result));`;
  const child = spawnSync(executable, ['-e', script], { cwd, env, encoding: 'utf8' });
  if (child.error) throw new Error(`could not start ${executable}: ${child.error.message}`);
  try {
    return JSON.parse(child.stdout);
  } catch {
    const message = `${executable} died (${child.signal ?? `exit ${child.status}`}) while loading ${name}${child.stderr.trim() ? `: ${child.stderr.trim()}` : ''}`;
    return { name, ok: false, code: 'CRASH', message };
  }
}
