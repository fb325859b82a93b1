// @ts-check
/**
 * The script behind a dependency's command (its package.json "bin"), so the build scripts run
 * `node <script>` directly: no npx, no shell, no .cmd shims on Windows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * @param {string} pkg  e.g. "electron-builder"
 * @param {string} [command]  the bin name, when it differs from the package name
 */
export function packageBin(pkg, command = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const script = typeof bin === 'string' ? bin : bin?.[command];
  if (!script) throw new Error(`${pkg} has no "${command}" command`);
  return join(dirname(manifestPath), script);
}
