/**
 * Which rows of a long fixed-height list to render: only those in view plus a margin, with spacer
 * heights standing in for the rest, so 1,000 subaccounts cost as much DOM as thirty.
 */
/** The height of a virtualised row (the tables' CSS sets `tr { height: 44px }` to match). */
export const ROW_HEIGHT = 44;
/** Without layout (first frame, jsdom) a viewport is assumed this tall. */
export const FALLBACK_VIEWPORT = 720;

export interface RowWindow {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly padTop: number;
  readonly padBottom: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
