/**
 * The renderer's Content-Security-Policy, sent as a header with every app page (and mirrored by the
 * meta tag in src-renderer/index.html, which a test keeps identical). Nothing remote, no eval, no
 * inline script: the renderer only ever talks to main through the bridge.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
