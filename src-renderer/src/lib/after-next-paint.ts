/**
 * Runs `work` once the next frame has been painted: for what the screen can show a frame later
 * (the alert badge), so that it neither delays nor shares the frame that paints the figures.
 * requestAnimationFrame runs just before a paint; the task queued from there runs after it.
 */
export function afterNextPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
