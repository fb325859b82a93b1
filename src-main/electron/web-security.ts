/**
 * The Electron security checklist applied to the session and to every web contents: no navigation
 * away from the app, no new windows (allowed Kraken links go to the system browser instead), no
 * webviews, every permission request and check denied, and the CSP header on every response.
 */
import { session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../security/external-links.ts';
import type { Logger } from '../log/logger.ts';

/** `policy`: CONTENT_SECURITY_POLICY, or the development one while the dev server serves the page. */
export function hardenSession(logger: Logger, policy: string): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('Denied a permission request', { permission });
    callback(false);
  });
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/** Opens an allowed https Kraken link in the system browser; refuses (and logs) anything else. */
export function openExternalIfAllowed(url: string, logger: Logger): boolean {
  if (!isAllowedExternalUrl(url)) {
    logger.warn('Refused to open a link outside the allow-list', { url: url.slice(0, 200) });
    return false;
  }
  void shell.openExternal(url);
  return true;
}

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url, logger);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, logger);
    return { action: 'deny' };
  });
}
