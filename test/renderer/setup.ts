/**
 * jsdom lacks a few browser APIs the renderer uses. Stand-ins that behave like the browser's "no
 * layout, no GPU" answer, so components take their real fallback paths (e.g. a chart without a
 * canvas shows its data table) instead of crashing.
 */
import { configure } from '@testing-library/svelte';
import '@testing-library/svelte/vitest';

// Views other than the overview are loaded on first visit (their own chunks): under a loaded CI
// machine the first transform of such a chunk can take longer than the default 1 s of findBy*.
configure({ asyncUtilTimeout: 5_000 });

if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (typeof globalThis.ResizeObserver !== 'function') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

// No 2D canvas in jsdom: answer like a browser without one (jsdom would log "not implemented").
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
