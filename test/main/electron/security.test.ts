import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { CALL_CHANNELS, EVENT_CHANNELS } from '../../../src-preload/contract.ts';
import { createDispatcher, isAppUrl } from '../../../src-main/bridge/dispatcher.ts';
import type { HandlerTable } from '../../../src-main/bridge/handler-table.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security/content-security-policy.ts';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRendererFrom } from '../../../src-main/electron/app-protocol.ts';
import { resolveInside } from '../../../src-main/security/renderer-files.ts';
import { registerBridge, sendEvent } from '../../../src-main/electron/ipc-bridge.ts';
import { createMainWindow } from '../../../src-main/electron/main-window.ts';
import { hardenSession } from '../../../src-main/electron/web-security.ts';
import { fake, FakeBrowserWindow } from '../../support/fake-electron.ts';

const logger = createLogger({ filePath: null });
const isApp = (url: string) => isAppUrl(url, APP_ORIGIN);

function openWindow() {
  return createMainWindow({ preloadPath: '/app/out/preload/index.cjs', pageUrl: `${APP_ORIGIN}index.html`, isAppUrl: isApp, show: true, logger }) as unknown as FakeBrowserWindow;
}

beforeEach(() => fake.reset());

describe('window security baseline', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webviews', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.loaded).toEqual({ kind: 'url', target: 'app://margin-desk/index.html' });
  });

  it('has no DevTools in a packaged app, and keeps them in development', () => {
    fake.app.isPackaged = true;
    expect(openWindow().options.webPreferences).toMatchObject({ devTools: false });
    fake.app.isPackaged = false;
    expect(openWindow().options.webPreferences).toMatchObject({ devTools: true });
  });

  it('denies navigation away from the app and opens only allow-listed Kraken links externally', () => {
    const window = openWindow();
    const navigate = (url: string) => {
      let prevented = false;
      window.webContents.fire('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('app://margin-desk/index.html#/flex')).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('https://support.kraken.com/articles/123')).toBe(true);
    expect(fake.openedExternal).toEqual(['https://support.kraken.com/articles/123']);
  });

  it('denies every new window; allow-listed https Kraken links go to the system browser', () => {
    const window = openWindow();
    const open = window.webContents.windowOpenHandler!;
    for (const url of ['https://evil.example/', 'http://kraken.com/', 'file:///etc/passwd', 'https://kraken.com.evil.example/', 'javascript:alert(1)']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(open({ url: 'https://www.kraken.com/features/api' })).toEqual({ action: 'deny' });
    expect(fake.openedExternal).toEqual(['https://www.kraken.com/features/api']);
  });

  it('refuses webviews', () => {
    const window = openWindow();
    let prevented = false;
    window.webContents.fire('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check, and sets the strict CSP header', () => {
    hardenSession(logger, CONTENT_SECURITY_POLICY);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      fake.session.permissionRequestHandler!(null, permission, (answer: boolean) => (granted = answer));
      expect(granted).toBe(false);
      expect(fake.session.permissionCheckHandler!(null, permission)).toBe(false);
    }
    let headers: Record<string, string[]> = {};
    fake.session.headersReceivedListener!({ responseHeaders: { 'x-a': ['1'] } }, (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('uses a CSP without eval, inline script or remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});

describe('app:// protocol', () => {
  it('registers a standard secure scheme and serves only files inside the renderer folder, with the CSP', async () => {
    const root = mkdtempSync(join(tmpdir(), 'md-renderer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><body><div id="app"></div></body>');
    writeFileSync(join(root, 'assets', 'app.js'), 'void 0');
    registerAppSchemePrivileges();
    let openings = 0;
    serveRendererFrom(root, async () => ({ ok: true, value: { settings: { n: ++openings }, profiles: { profiles: [], activeProfileId: null }, view: null } }));
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true }) }]);
    const handle = fake.protocol.handlers.get('app')!;
    const index = await handle(new Request('app://margin-desk/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(index.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    // The page carries the window's opening, asked for afresh on every load and never cached.
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect(await index.text()).toBe(
      '<!doctype html><body><div id="app"></div><script type="application/json" id="md-opening">{"ok":true,"value":{"settings":{"n":1},"profiles":{"profiles":[],"activeProfileId":null},"view":null}}</script></body>',
    );
    expect(await (await handle(new Request('app://margin-desk/index.html'))).text()).toContain('{"n":2}');
    const script = await handle(new Request('app://margin-desk/assets/app.js'));
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBeNull();
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('void 0');
    expect(openings).toBe(2);
    expect((await handle(new Request('app://margin-desk/..%2f..%2fetc%2fpasswd'))).status).toBe(404);
    expect((await handle(new Request('app://other-host/index.html'))).status).toBe(404);
    expect(resolveInside(root, '/../secret')).toBeNull();
  });
});

describe('IPC registration', () => {
  function wire() {
    const window = openWindow();
    const calls: string[] = [];
    const handlers = new Proxy({}, { get: (_t, name: string) => () => void calls.push(name) }) as unknown as HandlerTable;
    registerBridge(createDispatcher({ handlers, appOrigin: APP_ORIGIN, logger }), () => window as never);
    return { window, calls };
  }

  it('registers exactly one handler per contract call and no other channel', () => {
    wire();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CALL_CHANNELS).sort());
  });

  it('serves the main frame of the app window', async () => {
    const { window, calls } = wire();
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await fake.ipcMain.invoke(CALL_CHANNELS.refreshNow, event, { profileId: 'p1' })).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual(['refreshNow']);
  });

  it('rejects a subframe, a foreign origin and another window with a typed error, calling nothing', async () => {
    const { window, calls } = wire();
    const subframe = { url: 'app://margin-desk/index.html', parent: window.webContents.mainFrame, routingId: 2 };
    const other = new FakeBrowserWindow({});
    other.webContents.mainFrame.url = 'app://margin-desk/index.html';
    window.webContents.mainFrame.url = 'https://evil.example/';
    const foreign = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    window.webContents.mainFrame.url = 'app://margin-desk/index.html';
    for (const event of [
      { sender: window.webContents, senderFrame: subframe },
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { sender: window.webContents, senderFrame: null },
    ]) {
      expect(await fake.ipcMain.invoke(CALL_CHANNELS.deleteProfile, event, { id: 'p1' })).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    }
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await fake.ipcMain.invoke(CALL_CHANNELS.deleteProfile, foreign, { id: 'p1' })).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(calls).toEqual([]);
  });

  it('has no handler for a channel outside the contract', async () => {
    const { window } = wire();
    await expect(fake.ipcMain.invoke('md:eval', { sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'x')).rejects.toThrow(/No handler/);
  });

  it('sends events to the app window only, on the contract channel', () => {
    const { window } = wire();
    sendEvent(window as never, 'navigate', { view: 'alerts' });
    expect(window.webContents.sent).toEqual([{ channel: EVENT_CHANNELS.navigate, payload: { view: 'alerts' } }]);
    window.destroy();
    expect(() => sendEvent(window as never, 'navigate', { view: 'flex' })).not.toThrow();
  });
});
