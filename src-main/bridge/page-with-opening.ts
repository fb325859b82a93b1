/**
 * Writes the window's opening into the page main serves, and the first frame drawn from it:
 * - the answer to `openWindow` as a JSON data block at the end of the body, read back by the preload
 *   (src-preload/embedded-opening.ts), so the app needs no round trip to start;
 * - the app's markup rendered from that answer (./first-frame.ts) inside the app element, so the
 *   figures paint as the document parses, before any script has run. The element is `inert` until
 *   the renderer's live app takes it over (src-renderer/src/main.ts): a click cannot land on a
 *   button that does nothing yet. The entry script then no longer blocks rendering: the markup is
 *   what the first frame shows, and the script's work waits for that frame.
 *
 * The block is data inside HTML: every `<` is written as its JSON escape `\u003c`, so no text in the
 * figures (a subaccount named `</script><script>…`) can close the block or open a comment, and
 * JSON.parse reads the same string back. The markup is the components' own server render, which
 * escapes every text and attribute it writes.
 */
import { OPENING_ELEMENT_ID } from '../../src-preload/embedded-opening.ts';
import { SERVER_RENDERED_ATTRIBUTE, type BridgeResult, type RenderedOpening } from '../../src-preload/contract.ts';

/** What main writes into the page: the opening, and its first frame when one could be drawn. */
export interface PageOpening {
  /** The answer to `openWindow`, written as it is. */
  readonly opening: BridgeResult<unknown>;
  readonly rendered: RenderedOpening | null;
}

/** How the build marks the entry script render-blocking (electron.vite.config.ts), for pages without markup. */
export const RENDER_BLOCKING_ATTRIBUTE = 'blocking="render"';

/** The empty app element of src-renderer/index.html, which the first frame fills. */
const APP_ELEMENT = '<div id="app"></div>';
const ROOT_ELEMENT = '<html';

export function pageWithOpening(html: string, { opening, rendered }: PageOpening): string {
  const json = JSON.stringify(opening).replaceAll('<', '\\u003c');
  const block = `<script type="application/json" id="${OPENING_ELEMENT_ID}">${json}</script>`;
  const page = rendered === null ? html : withFirstFrame(html, rendered);
  const end = page.lastIndexOf('</body>');
  // Without a closing body tag the block goes last: the parser puts it in the body all the same.
  return end === -1 ? page + block : page.slice(0, end) + block + page.slice(end);
}

function withFirstFrame(html: string, { html: markup, theme }: RenderedOpening): string {
  // A page without the app element as index.html has it gets no markup: the renderer mounts as usual.
  if (!html.includes(APP_ELEMENT) || !html.includes(ROOT_ELEMENT)) return html;
  return html
    .replace(` ${RENDER_BLOCKING_ATTRIBUTE}`, '')
    .replace(ROOT_ELEMENT, `${ROOT_ELEMENT} data-theme="${theme === 'dark' ? 'dark' : 'light'}"`)
    .replace(APP_ELEMENT, () => `<div id="app" inert ${SERVER_RENDERED_ATTRIBUTE}>${markup}</div>`);
}
