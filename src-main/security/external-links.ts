/**
 * Which links may leave the app for the system browser: https only, and only Kraken's own hosts
 * (support articles, key management). Anything else is refused, so a compromised page cannot use the
 * app to open arbitrary URLs or local files.
 */
const ALLOWED_HOSTS = new Set(['kraken.com', 'www.kraken.com', 'futures.kraken.com', 'support.kraken.com', 'docs.kraken.com', 'status.kraken.com']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && ALLOWED_HOSTS.has(parsed.hostname);
}
