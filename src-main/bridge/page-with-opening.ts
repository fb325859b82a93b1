/**
 * Writes the window's opening into the page main serves: the answer to `openWindow` (settings, the
 * profile list, the active profile's cached view) as a JSON data block at the end of the body, read
 * back by the preload (src-preload/embedded-opening.ts). The renderer's first call for its opening
 * is then answered from the document: the cached figures mount as soon as the entry script runs,
 * with no IPC round trip first. A JSON block is data, never run: the CSP is untouched.
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
