/**
 * The window's opening written into the page (src-main/bridge/page-with-opening.ts) and read back by
 * the preload (src-preload/embedded-opening.ts), through a real HTML parser: what goes in comes out
 * exactly, whatever the figures' text holds, and nothing in it can end the data block early.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SERVER_RENDERED_ATTRIBUTE, type BridgeResult } from '../../../src-preload/contract.ts';
import { OPENING_ELEMENT_ID, takeEmbeddedOpening } from '../../../src-preload/embedded-opening.ts';
import { pageWithOpening, RENDER_BLOCKING_ATTRIBUTE } from '../../../src-main/bridge/page-with-opening.ts';

const PAGE = '<!doctype html><html><head><title>Margin Desk</title></head><body><div id="app"></div></body></html>';

function parsed(html: string) {
  return new JSDOM(html).window.document;
}

describe('the opening written into the page', () => {
  it('is read back exactly once, then the page has none', () => {
    const opening: BridgeResult<unknown> = { ok: true, value: { settings: { theme: 'dark' }, view: { snapshot: { equity: '34122.66' } } } };
    const document = parsed(pageWithOpening(PAGE, { opening, rendered: null }));
    expect(document.querySelectorAll('body > *').length).toBe(2);
    expect(takeEmbeddedOpening(document)).toEqual(opening);
    expect(document.getElementById(OPENING_ELEMENT_ID)).toBeNull();
    expect(takeEmbeddedOpening(document)).toBeNull();
  });

  it('carries a failed opening as it is, for the page to show', () => {
    const failure: BridgeResult<unknown> = { ok: false, error: { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true } };
    expect(takeEmbeddedOpening(parsed(pageWithOpening(PAGE, { opening: failure, rendered: null })))).toEqual(failure);
  });

  it('keeps hostile text inside the data block: no element, comment or script comes out of it', () => {
    const names = ['</script><script>alert(1)</script>', '<!--', '</SCRIPT >', '<script>', '\u2028\u2029', '"\\\'&amp;<b>'];
    const opening: BridgeResult<unknown> = { ok: true, value: { names } };
    const html = pageWithOpening(PAGE, { opening, rendered: null });
    const block = html.slice(html.indexOf(`id="${OPENING_ELEMENT_ID}">`), html.lastIndexOf('</script>'));
    expect(block).not.toContain('<');
    const document = parsed(html);
    expect(document.querySelectorAll('script').length).toBe(1);
    expect(document.querySelectorAll('b').length).toBe(0);
    expect(takeEmbeddedOpening(document)).toEqual(opening);
  });

  it('goes last into a page without a closing body tag', () => {
    const html = pageWithOpening('<!doctype html><div id="app"></div>', { opening: { ok: true, value: 1 }, rendered: null });
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

describe('the first frame drawn into the page', () => {
  const BUILT_PAGE = `<!doctype html><html lang="en"><head><script type="module" ${RENDER_BLOCKING_ATTRIBUTE} crossorigin src="./assets/index.js"></script></head><body><div id="app"></div></body></html>`;
  const opening: BridgeResult<unknown> = { ok: true, value: { settings: { theme: 'system' } } };
  const rendered = { html: '<main><h1>Overview</h1><p class="figure">56,870.25 <span>USD</span></p></main>', theme: 'dark' as const };

  it('fills the app element, inert and marked for the renderer to take over, with the opening still read back', () => {
    const document = parsed(pageWithOpening(BUILT_PAGE, { opening, rendered }));
    const app = document.getElementById('app')!;
    expect(app.hasAttribute('inert')).toBe(true);
    expect(app.hasAttribute(SERVER_RENDERED_ATTRIBUTE)).toBe(true);
    expect(app.innerHTML).toBe(rendered.html);
    expect(app.textContent).toBe('Overview56,870.25 USD');
    expect(takeEmbeddedOpening(document)).toEqual(opening);
  });

  it('wears its theme, and no longer holds rendering for the entry script', () => {
    const html = pageWithOpening(BUILT_PAGE, { opening, rendered });
    const document = parsed(html);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.lang).toBe('en');
    expect(html).not.toContain(RENDER_BLOCKING_ATTRIBUTE);
    expect(document.querySelector('script[type="module"]')!.getAttribute('src')).toBe('./assets/index.js');
    expect(parsed(pageWithOpening(BUILT_PAGE, { opening, rendered: { ...rendered, theme: 'light' } })).documentElement.dataset.theme).toBe('light');
  });

  it('leaves the page as it was without a drawing: empty app element, render-blocking entry', () => {
    const html = pageWithOpening(BUILT_PAGE, { opening, rendered: null });
    expect(html).toContain(RENDER_BLOCKING_ATTRIBUTE);
    expect(html).toContain('<html lang="en">');
    expect(parsed(html).getElementById('app')!.outerHTML).toBe('<div id="app"></div>');
  });

  it('draws nothing into a page whose app element is not the empty one index.html has', () => {
    const page = '<!doctype html><html><body><div id="app" class="x"></div></body></html>';
    expect(parsed(pageWithOpening(page, { opening, rendered })).getElementById('app')!.innerHTML).toBe('');
  });

  it('writes markup holding `$` patterns exactly as drawn', () => {
    const markup = "<p>$& $' $` $$ $1</p>";
    expect(parsed(pageWithOpening(BUILT_PAGE, { opening, rendered: { html: markup, theme: 'light' } })).querySelector('#app p')!.textContent).toBe("$& $' $` $$ $1");
  });
});
