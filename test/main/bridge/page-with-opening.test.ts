/**
 * The window's opening written into the page (src-main/bridge/page-with-opening.ts) and read back by
 * the preload (src-preload/embedded-opening.ts), through a real HTML parser: what goes in comes out
 * exactly, whatever the figures' text holds, and nothing in it can end the data block early.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../../src-preload/contract.ts';
import { OPENING_ELEMENT_ID, takeEmbeddedOpening } from '../../../src-preload/embedded-opening.ts';
import { pageWithOpening } from '../../../src-main/bridge/page-with-opening.ts';

const PAGE = '<!doctype html><html><head><title>Margin Desk</title></head><body><div id="app"></div></body></html>';

function parsed(html: string) {
  return new JSDOM(html).window.document;
}

describe('the opening written into the page', () => {
  it('is read back exactly once, then the page has none', () => {
    const opening: BridgeResult<unknown> = { ok: true, value: { settings: { theme: 'dark' }, view: { snapshot: { equity: '34122.66' } } } };
    const document = parsed(pageWithOpening(PAGE, opening));
    expect(document.querySelectorAll('body > *').length).toBe(2);
    expect(takeEmbeddedOpening(document)).toEqual(opening);
    expect(document.getElementById(OPENING_ELEMENT_ID)).toBeNull();
    expect(takeEmbeddedOpening(document)).toBeNull();
  });

  it('carries a failed opening as it is, for the page to show', () => {
    const failure: BridgeResult<unknown> = { ok: false, error: { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true } };
    expect(takeEmbeddedOpening(parsed(pageWithOpening(PAGE, failure)))).toEqual(failure);
  });

  it('keeps hostile text inside the data block: no element, comment or script comes out of it', () => {
    const names = ['</script><script>alert(1)</script>', '<!--', '</SCRIPT >', '<script>', '\u2028\u2029', '"\\\'&amp;<b>'];
    const opening: BridgeResult<unknown> = { ok: true, value: { names } };
    const html = pageWithOpening(PAGE, opening);
    const block = html.slice(html.indexOf(`id="${OPENING_ELEMENT_ID}">`), html.lastIndexOf('</script>'));
    expect(block).not.toContain('<');
    const document = parsed(html);
    expect(document.querySelectorAll('script').length).toBe(1);
    expect(document.querySelectorAll('b').length).toBe(0);
    expect(takeEmbeddedOpening(document)).toEqual(opening);
  });

  it('goes last into a page without a closing body tag', () => {
    const html = pageWithOpening('<!doctype html><div id="app"></div>', { ok: true, value: 1 });
    expect(html).toBe('<!doctype html><div id="app"></div><script type="application/json" id="md-opening">{"ok":true,"value":1}</script>');
  });

  it('is ignored when unreadable, so the bridge asks main instead', () => {
    for (const text of ['{"ok":tru', '', '[1,2]', '{"value":1}', 'null']) {
      const document = parsed(`<body><script type="application/json" id="${OPENING_ELEMENT_ID}">${text}</script></body>`);
      expect(takeEmbeddedOpening(document)).toBeNull();
      expect(document.getElementById(OPENING_ELEMENT_ID)).toBeNull();
    }
  });
});
