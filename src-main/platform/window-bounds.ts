/**
 * Where the main window reopens: the size and place it had, unless the display it was on is gone
 * or has shrunk (monitor unplugged, resolution changed, laptop undocked), in which case it is
 * pulled back onto a display the user can see. Plain data in, plain data out: the Electron side
 * (src-main/electron/window-state.ts) supplies the displays and applies the result.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved between runs: the window's normal (un-maximized) bounds, and whether it was maximized. */
export interface WindowState extends Rect {
  maximized: boolean;
}

export interface WindowSizing {
  /** Size of a first-run window. */
  width: number;
  height: number;
  /** The window's minimum size: a restored window is never smaller. */
  minWidth: number;
  minHeight: number;
}

/** Bounds to create the window with; no x/y lets the OS place (centre) it. */
export interface RestoredWindow {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A saved state worth using: the store may hold garbage from an older version or a crash. */
export function isUsableWindowState(state: unknown): state is WindowState {
  if (typeof state !== 'object' || state === null) return false;
  const { x, y, width, height, maximized } = state as Record<string, unknown>;
  return isFiniteNumber(x) && isFiniteNumber(y) && isFiniteNumber(width) && isFiniteNumber(height) && width > 0 && height > 0 && typeof maximized === 'boolean';
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/**
 * @param saved  the last saved state, or null on first run
 * @param workAreas  the work areas (screen minus task bars and docks) of the connected displays,
 *   primary first
 */
export function restoreWindow(saved: WindowState | null, workAreas: readonly Rect[], sizing: WindowSizing): RestoredWindow {
  const primary = workAreas[0];
  if (!saved || !isUsableWindowState(saved) || !primary) {
    return { bounds: { width: sizing.width, height: sizing.height }, maximized: false };
  }
  // The display showing most of the window keeps it; a window on no display goes to the primary one.
  let area = primary;
  let best = 0;
  for (const candidate of workAreas) {
    const overlap = overlapArea(saved, candidate);
    if (overlap > best) [area, best] = [candidate, overlap];
  }
  const width = clamp(Math.round(saved.width), Math.min(sizing.minWidth, area.width), area.width);
  const height = clamp(Math.round(saved.height), Math.min(sizing.minHeight, area.height), area.height);
  const bounds =
    best === 0
      ? { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height }
      : {
          x: clamp(Math.round(saved.x), area.x, area.x + area.width - width),
          y: clamp(Math.round(saved.y), area.y, area.y + area.height - height),
          width,
          height,
        };
  return { bounds, maximized: saved.maximized };
}
