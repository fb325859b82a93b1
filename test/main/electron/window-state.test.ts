import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { BrowserWindow } from 'electron';
import { restoreWindowState, trackWindowState, WINDOW_STATE_SAVE_DELAY_MS, type WindowStateStore } from '../../../src-main/electron/window-state.ts';
import type { WindowState } from '../../../src-main/platform/window-bounds.ts';
import { fake, type FakeBrowserWindow } from '../../support/fake-electron.ts';

const SIZING = { width: 1280, height: 820, minWidth: 880, minHeight: 560 };
const DEFAULT_DISPLAYS = fake.displays;

class MemoryStore implements WindowStateStore {
  saved: WindowState | null;
  readonly writes: WindowState[] = [];
  constructor(saved: WindowState | null = null) {
    this.saved = saved;
  }
  load(): WindowState | null {
    return this.saved;
  }
  save(state: WindowState): void {
    this.saved = state;
    this.writes.push(state);
  }
}

/** Opens the window the way src-main/index.ts does, and returns the fake behind it. */
function open(store: MemoryStore, show = true): FakeBrowserWindow {
  const restored = restoreWindowState(store, SIZING);
  const window = new BrowserWindow({ ...restored.bounds, show });
  trackWindowState(window, store, restored);
  return window as unknown as FakeBrowserWindow;
}

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  fake.displays = DEFAULT_DISPLAYS;
  vi.useRealTimers();
});

describe('window state', () => {
  it('saves once after a drag settles, not on every move event', () => {
    const store = new MemoryStore();
    const window = open(store);
    for (let x = 10; x <= 200; x += 10) {
      window.setBounds({ x, y: 40 });
      window.fire('move');
      vi.advanceTimersByTime(WINDOW_STATE_SAVE_DELAY_MS / 5);
    }
    expect(store.writes).toEqual([]);
    vi.advanceTimersByTime(WINDOW_STATE_SAVE_DELAY_MS);
    expect(store.writes).toEqual([{ x: 200, y: 40, width: 1280, height: 820, maximized: false }]);
  });

  it('saves a resize, and saves at once when the window closes', () => {
    const store = new MemoryStore();
    const window = open(store);
    window.setBounds({ width: 1000, height: 700 });
    window.fire('resize');
    window.userClose();
    expect(store.writes).toEqual([{ x: 0, y: 0, width: 1000, height: 700, maximized: false }]);
    vi.advanceTimersByTime(WINDOW_STATE_SAVE_DELAY_MS * 2);
    expect(store.writes).toHaveLength(1);
  });

  it('restores size and position on the next run', () => {
    const store = new MemoryStore({ x: 300, y: 200, width: 1100, height: 720, maximized: false });
    expect(open(store).getBounds()).toEqual({ x: 300, y: 200, width: 1100, height: 720 });
  });

  it('brings a window saved on a monitor that is gone back onto the remaining display', () => {
    const store = new MemoryStore({ x: 2400, y: 100, width: 1100, height: 720, maximized: false });
    fake.displays = [{ id: 7, workArea: { x: 0, y: 25, width: 1440, height: 875 }, bounds: { x: 0, y: 0, width: 1440, height: 900 } }];
    expect(open(store).getBounds()).toEqual({ x: 170, y: 103, width: 1100, height: 720 });
  });

  it('remembers and restores a maximized window', () => {
    const store = new MemoryStore();
    const first = open(store);
    first.maximize();
    first.fire('maximize');
    first.userClose();
    expect(store.saved).toMatchObject({ maximized: true, width: 1280, height: 820 });

    const second = open(store);
    expect(second.isMaximized()).toBe(true);
  });

  it('waits for a window started hidden in the tray to be shown before maximizing it', () => {
    const store = new MemoryStore({ x: 0, y: 0, width: 1100, height: 720, maximized: true });
    const window = open(store, false);
    expect(window.isMaximized()).toBe(false);
    expect(window.isVisible()).toBe(false);
    window.show();
    expect(window.isMaximized()).toBe(true);
  });

  it('stops tracking when the window is destroyed', () => {
    const store = new MemoryStore();
    const window = open(store);
    window.fire('move');
    window.destroy();
    vi.advanceTimersByTime(WINDOW_STATE_SAVE_DELAY_MS * 2);
    expect(store.writes).toEqual([]);
    expect(window.listenerCount('move')).toBe(0);
  });
});
