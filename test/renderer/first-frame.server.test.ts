/**
 * The first frame as main draws it into the page (src-renderer/src/render-opening.ts): the app's own
 * components in their server build, from the window's opening. Read back through a real HTML parser,
 * it must show the seed's exact figures as the live app does (test/renderer/overview.test.ts), keep
 * privacy mode, carry nothing the CSP would block or that could run, and keep hostile text as text.
 */
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenderEnvironment, WindowOpening } from '../../src-preload/contract.ts';
import type { Settings } from '../../src-shared/settings-model.ts';
import { renderOpening } from '../../src-renderer/src/render-opening.ts';
import { NOW, seedProfile, seedView } from './support/scenarios.ts';

const SETTINGS: Settings = { privacyMode: false, theme: 'system', startAtLogin: false, startHidden: true, trayHintShown: false };
const ENGLISH: RenderEnvironment = { locale: 'en-US', prefersDark: false };

function opening(changes: { settings?: Partial<Settings>; profileName?: string } = {}): WindowOpening {
  return {
    settings: { ...SETTINGS, ...changes.settings },
    profiles: { profiles: [seedProfile('main', changes.profileName ?? 'Main')], activeProfileId: 'main' },
    view: seedView('main'),
  };
}

function drawn(windowOpening: WindowOpening, environment = ENGLISH) {
  const { html, theme } = renderOpening(windowOpening, environment);
  return { html, theme, document: new JSDOM(`<!doctype html><body><div id="app">${html}</div></body>`).window.document };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the first frame main draws', () => {
  it('shows the seed overview with its exact figures, currencies and data age', () => {
    const { document } = drawn(opening());
    const banner = document.querySelector('[aria-labelledby="banner-title"]')!.textContent!;
    expect(banner).toContain('647%');
    expect(banner).toContain('fi_xbtusd');
    expect(banner).toContain('129.97891563 BTC');
    expect(banner).toContain('30 sec. ago');
    const text = document.body.textContent!;
    expect(text).toContain('141.31756797 BTC');
    expect(text).toContain('52,465.1254 XRP');
    expect(text).toContain('153.73891563 BTC');
    expect(text).toContain('+12.42134766 BTC');
    expect(text).toContain('4,125.5 USD');
    expect(text).toContain('-27.28%');
    expect(text).toContain('34,122.66 USD');
    expect(document.querySelector('[data-profile-id="main"]')).not.toBeNull();
  });

  it('carries no style attribute, event handler or script: nothing for the CSP to block, nothing that runs', () => {
    const { document } = drawn(opening());
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const handlers = [...document.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on')));
    expect(handlers).toEqual([]);
    // Values drawn with come as data attributes instead (read by app.css).
    expect(document.querySelector('[data-profile-colour]')!.getAttribute('data-profile-colour')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(document.querySelector('.fill[data-share]')!.getAttribute('data-share')).toMatch(/^\d+(\.\d+)?%$/);
  });

  it('hides every amount in privacy mode, keeping the ratios', () => {
    const { document } = drawn(opening({ settings: { privacyMode: true } }));
    const text = document.body.textContent!;
    expect(text).toContain('647%');
    expect(text).toContain('•••••');
    for (const amount of ['141.31756797', '129.97891563', '34,122.66', '153.73891563']) expect(text).not.toContain(amount);
  });

  it('keeps hostile text as text', () => {
    const name = '</div><script>alert(1)</script><img src=x onerror="alert(2)"><!--';
    const { document } = drawn(opening({ profileName: name }));
    expect(document.querySelectorAll('script, img')).toHaveLength(0);
    expect(document.body.textContent).toContain(name);
  });

  it('formats in the renderer locale it is given', () => {
    const { document } = drawn(opening(), { locale: 'de-DE', prefersDark: false });
    expect(document.body.textContent).toContain('34.122,66 USD');
    // Back to English for the next render: the locale is the environment's, not a leftover.
    expect(drawn(opening()).document.body.textContent).toContain('34,122.66 USD');
  });

  it('wears the theme the renderer would: the setting, or the system preference for `system`', () => {
    expect(drawn(opening(), { locale: 'en-US', prefersDark: true }).theme).toBe('dark');
    expect(drawn(opening()).theme).toBe('light');
    expect(drawn(opening({ settings: { theme: 'light' } }), { locale: 'en-US', prefersDark: true }).theme).toBe('light');
    expect(drawn(opening({ settings: { theme: 'dark' } })).theme).toBe('dark');
  });

  it('draws the window without profiles too (the welcome screen), with no figure', () => {
    const { document } = drawn({ settings: SETTINGS, profiles: { profiles: [], activeProfileId: null }, view: null });
    expect(document.querySelector('main')).not.toBeNull();
    expect(document.querySelector('[data-profile-id]')).toBeNull();
  });
});
