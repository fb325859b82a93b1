/**
 * Main's guard around the first-frame render (src-main/bridge/first-frame.ts): the page is drawn when
 * it can be and goes out without markup otherwise, never failing the load; and the render module is
 * loaded by file, its export checked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BridgeResult, RenderOpening, WindowOpening } from '../../../src-preload/contract.ts';
import { drawFirstFrame, loadOpeningRenderer, loadPrimedOpeningRenderer } from '../../../src-main/bridge/first-frame.ts';
import { createLogger } from '../../../src-main/log/logger.ts';

const WINDOW: WindowOpening = {
  settings: { privacyMode: false, theme: 'system', startAtLogin: false, startHidden: true, trayHintShown: false },
  profiles: { profiles: [], activeProfileId: null },
  view: null,
};
const OPENING: BridgeResult<WindowOpening> = { ok: true, value: WINDOW };
const ENVIRONMENT = { locale: 'en-GB', prefersDark: true };

function logged() {
  const filePath = join(mkdtempSync(join(tmpdir(), 'md-first-frame-')), 'main.log');
  return { logger: createLogger({ filePath, console: false }), lines: () => readFileSync(filePath, 'utf8') };
}

describe('drawing the first frame into the page', () => {
  it('draws the opening in the renderer environment it is given', () => {
    const calls: unknown[] = [];
    const render: RenderOpening = (opening, environment) => {
      calls.push([opening, environment]);
      return { html: '<main>drawn</main>', theme: 'dark' };
    };
    const { logger } = logged();
    expect(drawFirstFrame(OPENING, render, ENVIRONMENT, logger)).toEqual({ opening: OPENING, rendered: { html: '<main>drawn</main>', theme: 'dark' } });
    expect(calls).toEqual([[WINDOW, ENVIRONMENT]]);
  });

  it('draws nothing for a failed opening (the page shows the failure) or without a renderer', () => {
    const failed: BridgeResult<WindowOpening> = { ok: false, error: { kind: 'databaseUnavailable', message: 'The local database could not be read.', action: 'Restart Margin Desk.', retryable: true } };
    const render: RenderOpening = () => {
      throw new Error('must not be called');
    };
    const { logger } = logged();
    expect(drawFirstFrame(failed, render, ENVIRONMENT, logger)).toEqual({ opening: failed, rendered: null });
    expect(drawFirstFrame(OPENING, null, ENVIRONMENT, logger)).toEqual({ opening: OPENING, rendered: null });
  });

  it('serves the page without markup when the render fails, and logs why', () => {
    const { logger, lines } = logged();
    const page = drawFirstFrame(
      OPENING,
      () => {
        throw new TypeError('Cannot read properties of undefined');
      },
      ENVIRONMENT,
      logger,
    );
    expect(page).toEqual({ opening: OPENING, rendered: null });
    expect(lines()).toContain('The first frame could not be drawn into the page');
    expect(lines()).toContain('Cannot read properties of undefined');
  });
});

describe('loading the render module', () => {
  it('takes its renderOpening function', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'md-render-module-')), 'render-opening.js');
    writeFileSync(path, "export function renderOpening(_opening, environment) { return { html: environment.locale, theme: 'light' }; }");
    const render = await loadOpeningRenderer(path);
    expect(render(WINDOW, ENVIRONMENT)).toEqual({ html: 'en-GB', theme: 'light' });
  });

  it('refuses a module without it, and a missing file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'md-render-module-')), 'render-opening.js');
    writeFileSync(path, 'export const renderOpening = 1;');
    await expect(loadOpeningRenderer(path)).rejects.toThrow('exports no renderOpening function');
    await expect(loadOpeningRenderer(join(tmpdir(), 'md-no-such-dir', 'render-opening.js'))).rejects.toThrow();
  });
});

describe('the primed render main starts with', () => {
  it('draws once before it is handed out', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'md-render-module-')), 'render-opening.js');
    writeFileSync(path, "export function renderOpening() { return { html: '<main></main>', theme: 'light' }; }");
    const events: string[] = [];
    const { logger } = logged();
    const render = await loadPrimedOpeningRenderer(
      path,
      async (loaded) => {
        events.push(`primed: ${loaded(WINDOW, ENVIRONMENT).html}`);
      },
      logger,
    );
    events.push('handed out');
    expect(events).toEqual(['primed: <main></main>', 'handed out']);
    expect(render).not.toBeNull();
  });

  it('is null, with the reason logged, when the module cannot be loaded', async () => {
    const { logger, lines } = logged();
    let primed = false;
    const render = await loadPrimedOpeningRenderer(join(tmpdir(), 'md-no-such-dir', 'render-opening.js'), async () => void (primed = true), logger);
    expect(render).toBeNull();
    expect(primed).toBe(false);
    expect(lines()).toContain('The first-frame render is unavailable');
  });

  it('is handed out all the same when priming fails', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'md-render-module-')), 'render-opening.js');
    writeFileSync(path, "export function renderOpening() { return { html: '', theme: 'light' }; }");
    const { logger, lines } = logged();
    const render = await loadPrimedOpeningRenderer(path, () => Promise.reject(new Error('store closed')), logger);
    expect(render).not.toBeNull();
    expect(lines()).toContain('Priming the first-frame render failed');
  });
});
