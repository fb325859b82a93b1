/**
 * Which page the window loads, which origin the IPC gate trusts and which CSP the session sends.
 * `npm run dev` points main at Vite's dev server through ELECTRON_RENDERER_URL (set by electron-vite).
 * That is a development switch: in a packaged app the environment must not change what the window
 * loads, or any page (a remote one included) would get the whole bridge under the relaxed
 * development CSP. So a packaged app ignores it, and a development run accepts only a loopback
 * http(s) address.
 */
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import { isLoopbackHost } from '../../src-shared/loopback-hosts.ts';

export const DEV_SERVER_VARIABLE = 'ELECTRON_RENDERER_URL';

export interface RendererPage {
  /** What the window loads. */
  readonly url: string;
  /** The origin whose main frame the IPC gate answers. */
  readonly origin: string;
  readonly contentSecurityPolicy: string;
}

export interface RendererPageOptions {
  /** app.isPackaged */
  readonly packaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The app:// origin the built renderer is served from. */
  readonly appOrigin: string;
  /** Told why a development switch that was set is not used. */
  readonly warn: (message: string) => void;
}

export function rendererPage({ packaged, env, appOrigin, warn }: RendererPageOptions): RendererPage {
  const builtPage = { url: `${appOrigin}index.html`, origin: appOrigin, contentSecurityPolicy: CONTENT_SECURITY_POLICY };
  const devServer = env[DEV_SERVER_VARIABLE];
  if (devServer === undefined || devServer === '') return builtPage;
  if (packaged) {
    warn(`${DEV_SERVER_VARIABLE} is ignored: it is a development switch and this is a packaged app`);
    return builtPage;
  }
  const url = loopbackHttpUrl(devServer);
  if (url === null) {
    warn(`${DEV_SERVER_VARIABLE} is ignored: the dev server must be an http(s) address on this machine`);
    return builtPage;
  }
  return { url: url.href, origin: url.origin + '/', contentSecurityPolicy: DEVELOPMENT_CONTENT_SECURITY_POLICY };
}

function loopbackHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    const http = url.protocol === 'http:' || url.protocol === 'https:';
    return http && isLoopbackHost(url.hostname) && url.username === '' && url.password === '' ? url : null;
  } catch {
    return null;
  }
}
