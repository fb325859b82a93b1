/**
 * Writes the window's opening into the page main serves (read back by the preload, see
 * src-preload/embedded-opening.ts): the answer to `openWindow` as a JSON data block at the end of
 * the body, so the page's first paint needs no round trip.
 *
 * The block is data inside HTML: every `<` is written as its JSON escape `\u003c`, so no text in the
 * figures (a subaccount named `</script><script>…`) can close the block or open a comment, and
 * JSON.parse reads the same string back.
 */
import { OPENING_ELEMENT_ID } from '../../src-preload/embedded-opening.ts';
import type { BridgeResult } from '../../src-preload/contract.ts';

export function pageWithOpening(html: string, opening: BridgeResult<unknown>): string {
  const json = JSON.stringify(opening).replaceAll('<', '\\u003c');
  const block = `<script type="application/json" id="${OPENING_ELEMENT_ID}">${json}</script>`;
  const end = html.lastIndexOf('</body>');
  // Without a closing body tag the block goes last: the parser puts it in the body all the same.
  return end === -1 ? html + block : html.slice(0, end) + block + html.slice(end);
}
