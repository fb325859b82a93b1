import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { BrowserWindow } from 'electron';
import { claimSingleInstance } from '../../../src-main/electron/single-instance.ts';
import { fake, type FakeBrowserWindow } from '../../support/fake-electron.ts';

beforeEach(() => fake.reset());

function secondLaunch(argv: string[], workingDirectory = '/home/ann'): void {
  fake.app.fire('second-instance', { preventDefault() {} }, argv, workingDirectory);
}

describe('single instance', () => {
  it('lets the first instance start', () => {
    expect(claimSingleInstance({ getWindow: () => null })).toBe(true);
    expect(fake.app.quitting).toBe(false);
  });

  it('makes a second instance quit at once', () => {
    fake.app.singleInstanceLock = false;
    expect(claimSingleInstance({ getWindow: () => null })).toBe(false);
    expect(fake.app.quitting).toBe(true);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('brings a minimized window back, focused, when the app is launched again', () => {
    const window = new BrowserWindow({}) as unknown as FakeBrowserWindow;
    window.minimize();
    claimSingleInstance({ getWindow: () => window as unknown as BrowserWindow });
    secondLaunch(['/opt/Margin Desk/margin-desk']);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('shows a window hidden in the tray', () => {
    const window = new BrowserWindow({ show: false }) as unknown as FakeBrowserWindow;
    claimSingleInstance({ getWindow: () => window as unknown as BrowserWindow });
    secondLaunch(['margin-desk']);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
  });

  it("hands the second launch's command line and working directory to the app", () => {
    const launches: [string[], string][] = [];
    claimSingleInstance({ getWindow: () => null, onSecondLaunch: (argv, cwd) => launches.push([argv, cwd]) });
    secondLaunch(['margin-desk', '--profile=main'], '/tmp');
    expect(launches).toEqual([[['margin-desk', '--profile=main'], '/tmp']]);
  });

  it('leaves the window alone when the second launch is the hidden login start', () => {
    const window = new BrowserWindow({ show: false }) as unknown as FakeBrowserWindow;
    const launches: string[][] = [];
    claimSingleInstance({ getWindow: () => window as unknown as BrowserWindow, onSecondLaunch: (argv) => launches.push(argv) });
    secondLaunch(['margin-desk', '--hidden']);
    expect(window.isVisible()).toBe(false);
    expect(launches).toEqual([['margin-desk', '--hidden']]);
  });

  it('ignores a window that was already destroyed', () => {
    const window = new BrowserWindow({}) as unknown as FakeBrowserWindow;
    window.destroy();
    claimSingleInstance({ getWindow: () => window as unknown as BrowserWindow });
    expect(() => secondLaunch(['margin-desk'])).not.toThrow();
    expect(window.focused).toBe(false);
  });
});
