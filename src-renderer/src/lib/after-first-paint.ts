/**
 * Runs `work` once the window's first contentful paint is on screen: for start-up work the screen
 * can show a moment later (the navigation rail and status line, the alert badge, a master's
 * subaccounts). Script that runs as soon as the main thread has painted competes, on a 2-core
 * machine, with what still has to happen before that frame is seen (raster, compositing): measured
 * in the renderer benchmark, it held the figures back by several milliseconds.
 *
 * The browser reports the paint once its frame is presented (Paint Timing); a later call finds the
 * entry buffered and runs at once. A window started hidden in the tray may present nothing for a
 * while, so the work runs after `FALLBACK_MS` at the latest. Without Paint Timing (jsdom) the work
 * runs after the next frame.
 */
const FALLBACK_MS = 1000;

export function afterFirstPaint(work: () => void): void {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes.includes('paint')) {
    requestAnimationFrame(() => setTimeout(work, 0));
    return;
  }
  let pending = true;
  const run = () => {
    if (!pending) return;
    pending = false;
    observer.disconnect();
    clearTimeout(fallback);
    work();
  };
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName('first-contentful-paint').length > 0) run();
  });
  const fallback = setTimeout(run, FALLBACK_MS);
  observer.observe({ type: 'paint', buffered: true });
}
