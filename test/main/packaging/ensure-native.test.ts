/**
 * scripts/ensure-native.mjs against real binaries: the project's own modules in this Node, and a
 * tiny addon compiled for another Node ABI (the system Node's headers) that it must detect and
 * rebuild with `npm rebuild`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureNative, nodeHeadersDir } from '../../../scripts/ensure-native.mjs';
import { NATIVE_MODULES } from '../../../scripts/lib/native-modules.mjs';
import { classifyFailure, probeNativeModules } from '../../../scripts/lib/native-probe.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE_GYP = join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-native-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host', version: '1.0.0', private: true }));
  return dir;
}
function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Headers of a Node whose module ABI differs from this one: Debian's nodejs package ships them. */
function otherAbiHeaders(): string | null {
  try {
    const version = readFileSync('/usr/include/node/node_version.h', 'utf8');
    const abi = /#define NODE_MODULE_VERSION (\d+)/.exec(version)?.[1];
    return abi && abi !== process.versions.modules ? '/usr' : null;
  } catch {
    return null;
  }
}

describe('ensure-native', () => {
  it("leaves the project's keytar and better-sqlite3 alone when they load in this Node", async () => {
    const lines: string[] = [];
    const result = await ensureNative({ projectDir: ROOT, modules: NATIVE_MODULES, nodeExecutable: process.execPath, env: process.env, log: (line) => lines.push(line) });
    expect(result).toEqual({ rebuilt: [] });
    expect(lines).toEqual([]);
  });

  const headers = otherAbiHeaders();
  it.skipIf(!headers)(
    'detects a module built for another Node ABI, rebuilds it with npm rebuild and says so',
    async () => {
      const project = tempProject();
      const addon = join(project, 'node_modules', 'abi-probe');
      write(join(addon, 'package.json'), JSON.stringify({ name: 'abi-probe', version: '1.0.0', main: 'index.js' }));
      write(join(addon, 'binding.gyp'), JSON.stringify({ targets: [{ target_name: 'abi_probe', sources: ['probe.cc'] }] }));
      // The V8 API on purpose (not N-API): the binary is tied to one NODE_MODULE_VERSION.
      write(join(addon, 'probe.cc'), '#include <node.h>\nstatic void Init(v8::Local<v8::Object> exports) {}\nNODE_MODULE(abi_probe, Init)\n');
      write(join(addon, 'index.js'), "module.exports = require('./build/Release/abi_probe.node');\n");
      const compiled = spawnSync(process.execPath, [NODE_GYP, 'rebuild'], { cwd: addon, env: { ...process.env, npm_config_nodedir: headers! }, encoding: 'utf8' });
      expect(compiled.status, compiled.stderr).toBe(0);

      const modules = [{ name: 'abi-probe', load: "require('abi-probe')" }];
      const [before] = probeNativeModules({ executable: process.execPath, modules, cwd: project });
      expect(before).toMatchObject({ ok: false, message: expect.stringMatching(/NODE_MODULE_VERSION \d+\. This version of Node.js requires\s+NODE_MODULE_VERSION/) });
      expect(classifyFailure(before as { name: string; code: string; message: string })).toBe('abi');

      const lines: string[] = [];
      const result = await ensureNative({ projectDir: project, modules, nodeExecutable: process.execPath, env: process.env, log: (line) => lines.push(line) });
      expect(result).toEqual({ rebuilt: ['abi-probe'] });
      expect(lines[0]).toMatch(/abi-probe was built for another runtime; rebuilding for Node .* npm rebuild abi-probe/);
      expect(lines.at(-1)).toMatch(/rebuilt abi-probe for Node/);
      expect(probeNativeModules({ executable: process.execPath, modules, cwd: project })).toEqual([{ name: 'abi-probe', ok: true }]);
    },
    120_000,
  );

  it('classifies a binding for another OS as rebuildable, from the real loader error', () => {
    const project = tempProject();
    const foreign = join(project, 'node_modules', 'foreign-addon');
    const otherOs = process.platform === 'darwin' ? 'linux-x64' : 'darwin-arm64';
    mkdirSync(foreign, { recursive: true });
    copyFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', `${otherOs}.node`), join(foreign, 'binding.node'));
    write(join(foreign, 'package.json'), JSON.stringify({ name: 'foreign-addon', version: '1.0.0', main: 'binding.node' }));
    const [result] = probeNativeModules({ executable: process.execPath, modules: [{ name: 'foreign-addon', load: "require('foreign-addon')" }], cwd: project });
    expect(result?.ok).toBe(false);
    expect(classifyFailure(result as { name: string; code: string; message: string })).toBe('abi');
  });

  it('stops with what to do when a module is missing or needs a system library, without rebuilding', async () => {
    const project = tempProject();
    const missing = [{ name: 'not-installed-module', load: "require('not-installed-module')" }];
    await expect(ensureNative({ projectDir: project, modules: missing, nodeExecutable: process.execPath, env: process.env, log: () => {} })).rejects.toThrow(
      /not-installed-module is not installed: run npm ci/,
    );
    expect(classifyFailure({ name: 'keytar', code: 'ERR_DLOPEN_FAILED', message: 'libsecret-1.so.0: cannot open shared object file: No such file or directory' })).toBe('missing-library');
  });

  it('finds Node headers without downloading them', () => {
    expect(nodeHeadersDir({ npm_config_nodedir: '/opt/node' }, process.execPath)).toBe('/opt/node');
    const prefix = mkdtempSync(join(tmpdir(), 'node-prefix-'));
    dirs.push(prefix);
    expect(nodeHeadersDir({}, join(prefix, 'bin', 'node'))).toBeUndefined();
    write(join(prefix, 'include', 'node', 'node.h'), '');
    expect(nodeHeadersDir({}, join(prefix, 'bin', 'node'))).toBe(prefix);
  });
});
