import { describe, expect, it } from 'vitest';
import { isUsableWindowState, restoreWindow, type Rect, type WindowState } from '../../../src-main/platform/window-bounds.ts';

const SIZING = { width: 1280, height: 820, minWidth: 880, minHeight: 560 };
const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 }; // 1440×900 minus the menu bar
const MONITOR_RIGHT: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };
const saved = (bounds: Partial<WindowState>): WindowState => ({ x: 100, y: 80, width: 1200, height: 760, maximized: false, ...bounds });

describe('restoreWindow', () => {
  it('opens a first-run window at the default size and lets the OS place it', () => {
    expect(restoreWindow(null, [LAPTOP], SIZING)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('puts a window back exactly where it was when that place is still visible', () => {
    expect(restoreWindow(saved({}), [LAPTOP], SIZING).bounds).toEqual({ x: 100, y: 80, width: 1200, height: 760 });
  });

  it('keeps a window on a secondary display that is still connected', () => {
    const onMonitor = saved({ x: 2000, y: 0, width: 1600, height: 1000 });
    expect(restoreWindow(onMonitor, [LAPTOP, MONITOR_RIGHT], SIZING).bounds).toEqual({ x: 2000, y: 0, width: 1600, height: 1000 });
  });

  it('moves a window from an unplugged monitor to the centre of the primary display, shrunk to fit', () => {
    const onMonitor = saved({ x: 2000, y: 0, width: 1600, height: 1000 });
    expect(restoreWindow(onMonitor, [LAPTOP], SIZING).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    const small = saved({ x: 2000, y: 100, width: 1000, height: 600 });
    expect(restoreWindow(small, [LAPTOP], SIZING).bounds).toEqual({ x: 220, y: 138, width: 1000, height: 600 });
  });

  it('pulls a window hanging off an edge back inside the display showing most of it', () => {
    const offRight = saved({ x: 1000, y: 500, width: 1000, height: 700 });
    expect(restoreWindow(offRight, [LAPTOP], SIZING).bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
    const aboveTop = saved({ x: -50, y: -300, width: 900, height: 600 });
    expect(restoreWindow(aboveTop, [LAPTOP], SIZING).bounds).toEqual({ x: 0, y: 0, width: 900, height: 600 });
  });

  it('never restores below the minimum size, unless the display itself is smaller', () => {
    expect(restoreWindow(saved({ width: 300, height: 200 }), [LAPTOP], SIZING).bounds).toMatchObject({ width: 880, height: 560 });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 500 };
    expect(restoreWindow(saved({ x: 0, y: 0 }), [tiny], SIZING).bounds).toEqual({ x: 0, y: 0, width: 800, height: 500 });
  });

  it('restores the maximized flag with the normal bounds underneath', () => {
    expect(restoreWindow(saved({ maximized: true }), [LAPTOP], SIZING)).toEqual({ bounds: { x: 100, y: 80, width: 1200, height: 760 }, maximized: true });
  });

  it('ignores a corrupt saved state', () => {
    for (const garbage of [{ x: 'a' }, { ...saved({}), width: Number.NaN }, { ...saved({}), height: 0 }, { ...saved({}), maximized: 'yes' }, 42]) {
      expect(isUsableWindowState(garbage)).toBe(false);
      expect(restoreWindow(garbage as WindowState, [LAPTOP], SIZING)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
    }
  });
});
