/** Timing of an action inside a page of the renderer benchmarks (./renderer.bench.ts, ./desk.bench.ts). */
import type { Page } from 'playwright-core';

/** Runs `act` in the page and resolves when `selector` matches and a frame has run since. */
export async function timeUntil(page: Page, act: string, selector: string): Promise<number> {
  return page.evaluate(
    ([action, target]) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
        const observer = new MutationObserver(() => {
          if (document.querySelector(target)) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true });
        new Function(action)();
      }),
    [act, selector] as const,
  );
}
