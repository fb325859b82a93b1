/**
 * electron-builder.config.ts against electron-builder's own JSON schema (app-builder-lib/scheme.json)
 * and its own loader and validator, plus the decisions the issue asks for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config.ts';
import { AUTOSTART_FILE_NAME } from '../../../src-main/platform/xdg-autostart.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const packageJson = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));

// Stricter than electron-builder's own run (no type coercion): a string where a boolean belongs fails here.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function schemaErrors(candidate: unknown): string[] {
  return validate(candidate) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('electron-builder configuration', () => {
  it("validates against electron-builder's JSON schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('is rejected by the same schema when an option is misspelled (the check is live)', () => {
    expect(schemaErrors({ ...config, asarUnpak: ['x'] })).not.toEqual([]);
    expect(schemaErrors({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).not.toEqual([]);
  });

  it("loads through electron-builder's own config loader and passes its validation", async () => {
    const loaded = await getConfig(ROOT, 'electron-builder.config.ts', null);
    expect(loaded.appId).toBe('com.margindesk.app');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the build output and package.json', () => {
    expect(config).toMatchObject({ appId: 'com.margindesk.app', productName: 'Margin Desk', asar: true });
    const included = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual(['out/**', 'package.json']);
    expect(config.files).toContain('!**/*.map');
  });

  it('unpacks the compiled native modules from the asar', () => {
    expect(config.asarUnpack).toEqual(['node_modules/keytar/**/*.node', 'node_modules/better-sqlite3/**/*.node']);
  });

  it('flips the Electron fuses that close the runtime to outside code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the tray images and the notification icon as resources read at run time', () => {
    expect(config.extraResources).toEqual([
      { from: 'build/tray', to: 'tray', filter: ['*.png'] },
      { from: 'build/icons', to: 'icons', filter: ['256x256.png', '512x512.png'] },
    ]);
  });

  it('builds AppImage and deb on Linux, the deb declaring libsecret, in the Finance category', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    // electron-builder refuses to make a deb without a maintainer and a homepage.
    expect(config.linux?.maintainer).toMatch(/^.+ <.+@.+>$/);
    expect(packageJson.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.category).toBe('Office;Finance');
    // The launcher entry, the window's app_id and the autostart entry share one name.
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(packageJson.desktopName).toBe(AUTOSTART_FILE_NAME);
    expect(config.linux?.executableName).toBe(AUTOSTART_FILE_NAME.replace(/\.desktop$/, ''));
  });

  it('builds a dmg with the hardened runtime and an entitlements file that grants only JIT', () => {
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' });
    const plist = readFileSync(`${ROOT}build/entitlements.mac.plist`, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds an NSIS installer on Windows', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });

  it('points every icon setting at a generated file', () => {
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(icon && existsSync(`${ROOT}${icon}`), String(icon)).toBe(true);
    }
  });

  it('is built by `npm run dist`', () => {
    expect(packageJson.scripts.dist).toBe('node scripts/dist.mjs');
  });
});
