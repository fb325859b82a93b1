/**
 * Which built renderer file a request may read, and its content type: shared by the app:// protocol
 * and the end-to-end suite's server, so both serve the renderer under the same rules.
 */
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Resolves a request path inside `root`, or null when it would escape it (`..`, encoded or not). */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  const target = normalize(join(root, decoded === '/' ? 'index.html' : decoded));
  return target.startsWith(root.endsWith(sep) ? root : root + sep) ? target : null;
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
}
