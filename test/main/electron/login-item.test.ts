import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { createLoginItem, HIDDEN_ARG, launchedHidden } from '../../../src-main/electron/login-item.ts';
import { readAutostart } from '../../../src-main/platform/xdg-autostart.ts';
import { fake } from '../../support/fake-electron.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'login-item-'));
  dirs.push(dir);
  return dir;
};
beforeEach(() => fake.reset());
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('login item on macOS', () => {
  it('registers a login item and reads back whether macOS still has it', () => {
    const item = createLoginItem({ platform: 'darwin' });
    expect(item.isEnabled()).toBe(false);
    item.apply({ openAtLogin: true, openHidden: true });
    expect(fake.app.loginItem.openAtLogin).toBe(true);
    expect(item.isEnabled()).toBe(true);
    item.apply({ openAtLogin: false, openHidden: true });
    expect(item.isEnabled()).toBe(false);
  });

  it('starts hidden only when the login item started it and the setting says hidden', () => {
    const argv = ['/Applications/Margin Desk.app/Contents/MacOS/Margin Desk'];
    expect(launchedHidden(true, argv, 'darwin')).toBe(false);
    fake.app.wasOpenedAtLogin = true;
    expect(launchedHidden(true, argv, 'darwin')).toBe(true);
    expect(launchedHidden(false, argv, 'darwin')).toBe(false);
  });
});

describe('login item on Windows', () => {
  it('registers the app with --hidden when asked, and finds either entry', () => {
    fake.app.isPackaged = true;
    const item = createLoginItem({ platform: 'win32', env: {} });
    item.apply({ openAtLogin: true, openHidden: true });
    expect(fake.app.loginItem).toMatchObject({ openAtLogin: true, path: process.execPath, args: [HIDDEN_ARG] });
    expect(item.isEnabled()).toBe(true);

    item.apply({ openAtLogin: true, openHidden: false });
    expect(fake.app.loginItem).toMatchObject({ openAtLogin: true, args: [] });
    expect(item.isEnabled()).toBe(true);

    item.apply({ openAtLogin: false, openHidden: false });
    expect(item.isEnabled()).toBe(false);
  });

  it('in development starts Electron with the app folder', () => {
    const item = createLoginItem({ platform: 'win32', env: {} });
    item.apply({ openAtLogin: true, openHidden: true });
    expect(fake.app.loginItem.args).toEqual([fake.app.getAppPath(), HIDDEN_ARG]);
  });

  it('starts hidden when the login entry passed --hidden, whatever the setting', () => {
    expect(launchedHidden(false, ['C:\\Margin Desk\\Margin Desk.exe', HIDDEN_ARG], 'win32')).toBe(true);
    expect(launchedHidden(true, ['C:\\Margin Desk\\Margin Desk.exe'], 'win32')).toBe(false);
  });
});

describe('login item on Linux', () => {
  it('writes ~/.config/autostart/margin-desk.desktop with --hidden, and removes it', () => {
    fake.app.isPackaged = true;
    const home = tempDir();
    const item = createLoginItem({ platform: 'linux', env: {}, home });
    const file = join(home, '.config', 'autostart', 'margin-desk.desktop');

    item.apply({ openAtLogin: true, openHidden: true });
    expect(readAutostart(file)).toEqual({ command: [process.execPath, HIDDEN_ARG], enabled: true });
    expect(item.isEnabled()).toBe(true);

    item.apply({ openAtLogin: true, openHidden: false });
    expect(readAutostart(file)).toEqual({ command: [process.execPath], enabled: true });

    item.apply({ openAtLogin: false, openHidden: false });
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    expect(item.isEnabled()).toBe(false);
  });

  it('honours XDG_CONFIG_HOME and starts an AppImage through the image file, not its mount', () => {
    fake.app.isPackaged = true;
    const config = tempDir();
    const item = createLoginItem({ platform: 'linux', env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ann/Apps/Margin Desk.AppImage' }, home: '/nonexistent' });
    item.apply({ openAtLogin: true, openHidden: true });
    expect(readFileSync(join(config, 'autostart', 'margin-desk.desktop'), 'utf8')).toContain('Exec="/home/ann/Apps/Margin Desk.AppImage" --hidden\n');
  });

  it('reads an entry the user switched off in their startup settings as disabled', () => {
    const config = tempDir();
    const item = createLoginItem({ platform: 'linux', env: { XDG_CONFIG_HOME: config }, home: '/nonexistent' });
    item.apply({ openAtLogin: true, openHidden: false });
    const file = join(config, 'autostart', 'margin-desk.desktop');
    writeFileSync(file, readFileSync(file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    expect(item.isEnabled()).toBe(false);
  });
});
