/**
 * The first frame main draws into the page it serves (see ./page-with-opening.ts). The drawing is
 * done by the renderer's own components in their server build (src-renderer/src/render-opening.ts,
 * built to out/main/render-opening.js beside main's own code); this module loads it and guards it.
 * The page never depends on it: without figures to draw, or when the render fails (logged), the page
 * goes out without markup and the renderer mounts the app itself, as it always can.
 */
import { pathToFileURL } from 'node:url';
import type { BridgeResult, RenderEnvironment, RenderOpening, WindowOpening } from '../../src-preload/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { PageOpening } from './page-with-opening.ts';

/** The server render's file name in main's build output (electron.vite.config.ts). */
export const OPENING_RENDERER_FILE = 'render-opening.js';

export async function loadOpeningRenderer(path: string): Promise<RenderOpening> {
  const module = (await import(pathToFileURL(path).href)) as { renderOpening?: unknown };
  if (typeof module.renderOpening !== 'function') throw new Error(`${path} exports no renderOpening function`);
  return module.renderOpening as RenderOpening;
}

/**
 * Loads the render and draws once with it (`prime`) before handing it out: a process's first render
 * pays for ICU's locale data and for compiling the components (30-40 ms measured, against well under
 * a millisecond after), so main pays it while the window's renderer process starts, not while the
 * page waits. Null, logged, when the render cannot be loaded: the renderer mounts the app itself.
 * A failed priming is logged and changes nothing else.
 */
export async function loadPrimedOpeningRenderer(
  path: string,
  prime: (render: RenderOpening) => Promise<unknown>,
  logger: Logger,
): Promise<RenderOpening | null> {
  let render: RenderOpening;
  try {
    render = await loadOpeningRenderer(path);
  } catch (error) {
    logger.warn('The first-frame render is unavailable; the renderer mounts the app itself', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  try {
    await prime(render);
  } catch (error) {
    // Only the head start is lost: the page's own render pays the first-render cost instead.
    logger.warn('Priming the first-frame render failed', { error: error instanceof Error ? error.message : String(error) });
  }
  return render;
}

export function drawFirstFrame(
  opening: BridgeResult<WindowOpening>,
  render: RenderOpening | null,
  environment: RenderEnvironment,
  logger: Logger,
): PageOpening {
  if (!opening.ok || render === null) return { opening, rendered: null };
  try {
    return { opening, rendered: render(opening.value, environment) };
  } catch (error) {
    logger.warn('The first frame could not be drawn into the page; the renderer mounts it instead', {
      error: error instanceof Error ? error.message : String(error),
    });
    return { opening, rendered: null };
  }
}
