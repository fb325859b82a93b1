/**
 * The renderer's Content-Security-Policy, sent as a header with every app page (and mirrored by the
 * meta tag in src-renderer/index.html, which a test keeps identical). Nothing remote, no eval, no
 * inline script: the renderer only ever talks to main through the bridge.
 */
const SHARED_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = [...SHARED_DIRECTIVES, "style-src 'self'", "connect-src 'self'"].join('; ');

/**
 * `npm run dev` only: Vite's dev server injects <style> tags and talks to the page over a
 * WebSocket for hot reload. Scripts stay 'self' only; a packaged or previewed app never uses this.
 */
export const DEVELOPMENT_CONTENT_SECURITY_POLICY = [
  ...SHARED_DIRECTIVES,
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
].join('; ');
