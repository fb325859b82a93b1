/**
 * The headers every file of the renderer goes out with, from the app:// protocol and from the
 * end-to-end suite's server alike: the CSP, no content sniffing, and cross-origin isolation. With
 * COOP `same-origin` the window shares its browsing context group with no other page, and with COEP
 * `require-corp` it could load nothing from another origin that has not opted in (it loads nothing
 * from another origin at all). Isolation also gives the page fine-grained clocks, which the
 * renderer benchmark relies on: without it Chromium reports paint times in 4 ms steps.
 */
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
});
