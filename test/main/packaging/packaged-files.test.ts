/**
 * What `npm run dist` would put in the app, found by running electron-builder itself on a copy of
 * this repository: its own file matching, production-dependency collection, asar packing and
 * unpacking. Only two things are stood in for: the Electron binary (it cannot be downloaded here;
 * a stub in the same layout, so the fuses, which patch that binary, are left out) and the
 * electron-vite output (a tree in the layout electron.vite.config.ts produces, source map included,
 * so this test does not depend on the app compiling at this moment).
 * The installers themselves need build tools electron-builder downloads (fpm, the AppImage
 * runtime); the deb target is run up to that download, pointed at a closed loopback port.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { build, Platform, type Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { UPDATE_FEED_URL } from '../../../electron-builder.config.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOT_COPIED = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', '.tools', '.bench-scratch']);
const BUILD_OUTPUT = {
  'out/main/index.js': 'import "./chunk.js";',
  'out/main/chunk.js': 'export {};',
  'out/main/index.js.map': '{"version":3,"sourcesContent":["const secret = 1"]}',
  'out/preload/index.cjs': '"use strict";',
  'out/renderer/index.html': '<!doctype html><script type="module" src="./assets/index-Bx1.js"></script>',
  'out/renderer/assets/index-Bx1.js': 'console.log(1);',
  'out/renderer/assets/index-Bx1.css': 'body{}',
};

let work: string;
let project: string;
let electronDist: string;
let asarPath: string;
let files: string[];

/** Every package npm installed for production (package-lock.json marks the rest as dev or optional). */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !path.slice(13).includes('/node_modules/') && !entry.dev && !entry.optional)
    .map(([path]) => path.slice('node_modules/'.length));
}

/** The real configuration with the stand-ins; a fresh copy per build, as electron-builder rewrites `files` in place. */
function standInConfig(output: string): Configuration {
  return { ...structuredClone(config), electronDist, electronFuses: null, npmRebuild: false, directories: { ...config.directories, output: join(work, output) } };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'packaged-files-'));
  project = join(work, 'project');
  for (const entry of readdirSync(ROOT)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  // The production tree as npm installed it (electron-builder asks npm which packages that is,
  // which a symlinked node_modules would hide), and electron's package for its version.
  for (const name of [...productionPackages(), 'electron']) {
    cpSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), { recursive: true, dereference: true });
  }
  for (const [path, text] of Object.entries(BUILD_OUTPUT)) write(join(project, path), text);
  write(join(project, '.env'), 'KRAKEN_API_SECRET=do-not-ship');

  electronDist = join(work, 'electron');
  write(join(electronDist, 'electron'), '#!/bin/sh\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  write(join(electronDist, 'locales', 'en-US.pak'), '');
  mkdirSync(join(electronDist, 'resources'));

  await build({
    projectDir: project,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: standInConfig('dist'),
  });
  asarPath = join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar');
  files = listPackage(asarPath, { isPack: false })
    .map((path) => path.replace(/^[/\\]/, '').split('\\').join('/'))
    .filter((path) => !('files' in statFile(asarPath, path, false)));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the build output, package.json and node_modules, and nothing else at the top', () => {
    expect(new Set(files.map((path) => path.split('/')[0]))).toEqual(new Set(['out', 'package.json', 'node_modules']));
    expect(JSON.parse(extractFile(asarPath, 'package.json').toString()).main).toBe('out/main/index.js');
  });

  it('ships the main, preload and renderer bundles but no source maps', () => {
    const shipped = Object.keys(BUILD_OUTPUT).filter((path) => !path.endsWith('.map'));
    expect(files.filter((path) => path.startsWith('out/')).sort()).toEqual(shipped.sort());
  });

  it('contains no sources, tests, scripts, build resources, configs or env files', () => {
    const ours = files.filter((path) => !path.startsWith('node_modules/'));
    for (const forbidden of [/^src-/, /^test\//, /^scripts\//, /^build\//, /^docs\//, /\.ts$/, /\.map$/, /^\.env/, /config\./, /^tsconfig/]) {
      expect(ours.filter((path) => forbidden.test(path)), String(forbidden)).toEqual([]);
    }
  });

  it('bundles the production dependencies, each with what it needs at run time, and no development package', () => {
    const topLevel = new Set(files.filter((path) => path.startsWith('node_modules/')).map((path) => path.split('/')[1]));
    const { dependencies, devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const name of Object.keys(dependencies)) expect(topLevel, name).toContain(name);
    for (const name of Object.keys(devDependencies)) expect(topLevel, name).not.toContain(name);
    // The updater's own dependencies must resolve from inside the package, hoisted or nested.
    const updater = JSON.parse(extractFile(asarPath, 'node_modules/electron-updater/package.json').toString());
    for (const name of Object.keys(updater.dependencies)) {
      const found = files.some((path) => path.startsWith(`node_modules/${name}/`) || path.startsWith(`node_modules/electron-updater/node_modules/${name}/`));
      expect(found, name).toBe(true);
    }
  });

  it('carries the update feed address electron-updater reads', () => {
    const feed = readFileSync(join(work, 'dist', 'linux-unpacked', 'resources', 'app-update.yml'), 'utf8');
    expect(feed).toContain(`url: ${UPDATE_FEED_URL}`);
    expect(feed).toContain('provider: generic');
  });

  it('keeps the native modules, with their compiled bindings unpacked next to the asar', () => {
    const bindings = files.filter((path) => path.endsWith('.node'));
    expect(bindings).toContain('node_modules/keytar/build/Release/keytar.node');
    expect(bindings).toContain(`node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`);
    for (const binding of bindings) {
      expect(statFile(asarPath, binding, false), binding).toMatchObject({ unpacked: true });
      expect(existsSync(join(`${asarPath}.unpacked`, binding)), binding).toBe(true);
    }
  });

  it('leaves out what only a compiler needs', () => {
    expect(files.filter((path) => /better-sqlite3\/(deps|src)\/|obj\.target|\.gypi?$/.test(path))).toEqual([]);
  });

  it('names the Linux executable margin-desk', () => {
    expect(existsSync(join(work, 'dist', 'linux-unpacked', 'margin-desk'))).toBe(true);
  });
});

describe('the deb target', () => {
  it("passes electron-builder's deb checks (maintainer, homepage) and gets as far as fetching fpm", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      ELECTRON_BUILDER_CACHE: join(work, 'builder-cache'),
      ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
      ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
    });
    try {
      const deb = build({
        projectDir: project,
        targets: Platform.LINUX.createTarget('deb'),
        publish: 'never',
        config: standInConfig('dist-deb'),
      });
      await expect(deb).rejects.toThrow(/ECONNREFUSED 127\.0\.0\.1:9/);
    } finally {
      for (const key of ['ELECTRON_BUILDER_CACHE', 'ELECTRON_BUILDER_BINARIES_MIRROR', 'ELECTRON_BUILDER_BINARIES_ALLOW_HTTP']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  }, 180_000);
});
