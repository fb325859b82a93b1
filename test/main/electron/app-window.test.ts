/**
 * The app's window through the fake electron module: restored where it was (maximized only once
 * shown, so a start hidden in the tray stays hidden), hidden on close when the policy says so,
 * brought forward (or reopened) and sent to a view.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { AppWindow } from '../../../src-main/electron/app-window.ts';
import { EVENT_CHANNELS } from '../../../src-preload/contract.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import type { WindowState } from '../../../src-main/store/app-state-repository.ts';
import { fake, FakeBrowserWindow } from '../../support/fake-electron.ts';

beforeEach(() => fake.reset());

function appWindow(saved: WindowState | null, hideOnClose = true) {
  const state = { saved, getWindowState: () => state.saved, setWindowState: (next: WindowState) => void (state.saved = next) };
  const window = new AppWindow({
    preloadPath: '/app/out/preload/index.cjs',
    pageUrl: 'app://margin-desk/index.html',
    isAppUrl: (url) => url.startsWith('app://margin-desk/'),
    logger: createLogger({ filePath: null, console: false }),
    appState: state,
    closePolicy: { hideOnClose: () => hideOnClose },
  });
  const fakeOf = () => window.current() as unknown as FakeBrowserWindow;
  return { window, state, fakeOf };
}

const MAXIMIZED: WindowState = { x: 100, y: 80, width: 1100, height: 700, maximized: true };

describe('app window', () => {
  it('stays hidden when started into the tray after a session that ended maximized, and maximizes once shown', () => {
    const { window, fakeOf } = appWindow(MAXIMIZED);
    window.open(false);
    fakeOf().fire('ready-to-show');
    expect(fakeOf().isVisible()).toBe(false);
    expect(fakeOf().isMaximized()).toBe(false);
    window.show();
    expect(fakeOf().isVisible()).toBe(true);
    expect(fakeOf().isMaximized()).toBe(true);
  });

  it('opens shown, where it was, and maximized as it was', () => {
    const { window, fakeOf } = appWindow(MAXIMIZED);
    window.open(true);
    fakeOf().fire('ready-to-show');
    expect(fakeOf().options).toMatchObject({ x: 100, y: 80, width: 1100, height: 700 });
    expect(fakeOf().isVisible()).toBe(true);
    expect(fakeOf().isMaximized()).toBe(true);
  });

  it('hides instead of closing when the close policy says so, and closes otherwise', () => {
    const hidden = appWindow(null, true);
    hidden.window.open(true);
    expect(hidden.fakeOf().userClose()).toBe(false);
    expect(hidden.fakeOf().isVisible()).toBe(false);
    expect(hidden.window.current()).not.toBeNull();

    const closed = appWindow(null, false);
    closed.window.open(true);
    expect(closed.fakeOf().userClose()).toBe(true);
    expect(closed.window.current()).toBeNull();
  });

  it('brings a minimized or hidden window forward, focused, and sends it to the view asked for', () => {
    const { window, fakeOf } = appWindow(null);
    window.open(false);
    fakeOf().minimize();
    window.show({ view: 'settings' });
    expect(fakeOf().isMinimized()).toBe(false);
    expect(fakeOf().isVisible()).toBe(true);
    expect(fakeOf().focused).toBe(true);
    expect(fakeOf().webContents.sent).toEqual([{ channel: EVENT_CHANNELS.navigate, payload: { view: 'settings' } }]);
  });

  it('opens a new window when the last one was closed', () => {
    const { window, fakeOf } = appWindow(null, false);
    const first = window.open(true) as unknown as FakeBrowserWindow;
    first.userClose();
    window.show();
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    expect(fakeOf()).not.toBe(first);
    expect(fakeOf().isVisible()).toBe(true);
  });

  it('saves its state to the app state as it closes', () => {
    const { window, state, fakeOf } = appWindow(null, false);
    window.open(true);
    fakeOf().setBounds({ x: 5, y: 6, width: 900, height: 600 });
    fakeOf().userClose();
    expect(state.saved).toEqual({ x: 5, y: 6, width: 900, height: 600, maximized: false });
  });
});
