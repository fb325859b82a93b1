/**
 * How one request (a GET, or a POST with a form body for Kraken's Spot REST) reaches the network: a small interface with two implementations.
 * - `nodeHttpTransport` (the default): node:http/https with keep-alive agents. Measured against
 *   the simulator over loopback it costs about half the CPU of the global `fetch` per request
 *   (fetch adds the WHATWG Request/Response/stream machinery), which matters for a monitor that
 *   refreshes every few seconds; ccxt uses undici's low-level `request` for the same reason.
 * - `fetchTransport(fetch)`: any fetch-compatible function, such as the simulated exchange's
 *   in-process handler (the Sample profile) or a test's recording fetch.
 * Neither follows redirects: a redirect would carry APIKey and Authent wherever it points.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ResponseBody {
  readonly text: string;
}

/**
 * The largest answer read. Kraken's largest (a master's /subaccounts with a thousand subaccounts) is
 * a few MB; past this a body is cut off, so an endless or huge one cannot exhaust the memory of main.
 */
export const MAX_RESPONSE_BYTES = 32 * 1_048_576;

/** What a transport rejects `body()` with when the answer goes past MAX_RESPONSE_BYTES. */
export class ResponseTooLarge extends Error {
  constructor() {
    super(`response body larger than ${MAX_RESPONSE_BYTES} bytes`);
  }
}

function declaresTooMuch(contentLength: string | null | undefined): boolean {
  return contentLength !== null && contentLength !== undefined && Number(contentLength) > MAX_RESPONSE_BYTES;
}

export interface TransportResponse {
  readonly status: number;
  /** A response header by lower-case name, null when absent. */
  header(name: string): string | null;
  /** The body; rejects when the connection breaks before the body is complete. */
  body(): Promise<ResponseBody>;
}

/**
 * Sends a GET, or a POST of `body` when one is given; rejects (before any response) with the
 * system's network error. `signal` aborts this one request (headers or body) and is not used for
 * anything else.
 */
export type Transport = (
  url: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
  body?: string,
) => Promise<TransportResponse>;

/** The subset of `fetch` the client uses; the simulator's handler and tests' fakes fit it. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export function fetchTransport(fetchFn: FetchFunction): Transport {
  return async (url, headers, signal, body) => {
    const method = body === undefined ? 'GET' : 'POST';
    const response = await fetchFn(url, { method, headers, signal, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    return { status: response.status, header: (name) => response.headers.get(name), body: () => readFetchBody(response) };
  };
}

async function readFetchBody(response: Response): Promise<ResponseBody> {
  if (declaresTooMuch(response.headers.get('content-length'))) {
    await response.body?.cancel();
    throw new ResponseTooLarge();
  }
  if (response.body === null) return { text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new ResponseTooLarge();
    }
    chunks.push(read.value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

// Shared by every client: connections to Kraken are reused across requests and profiles.
const httpAgent = new HttpAgent({ keepAlive: true });
// Certificates are always checked: stated here, because Node otherwise takes the default from the
// environment (NODE_TLS_REJECT_UNAUTHORIZED=0 would silently accept any server for signed requests).
const httpsAgent = new HttpsAgent({ keepAlive: true, rejectUnauthorized: true });

function readBody(response: IncomingMessage): Promise<ResponseBody> {
  return new Promise((resolve, reject) => {
    if (declaresTooMuch(response.headers['content-length'])) {
      response.destroy();
      reject(new ResponseTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        response.destroy(new ResponseTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    response.on('error', reject);
    // Closed before the whole body came: the connection dropped. Only then is an Error built: its
    // stack trace cost more than the rest of this function on every request when built always.
    response.on('close', () => {
      if (!response.complete) reject(Object.assign(new Error('connection closed before the body was complete'), { code: 'ECONNRESET' }));
    });
  });
}

export const nodeHttpTransport: Transport = (url, headers, signal, body) =>
  new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const send = secure ? httpsRequest : httpRequest;
    const method = body === undefined ? 'GET' : 'POST';
    const request = send(url, { method, headers, agent: secure ? httpsAgent : httpAgent }, (response) => {
      const body = readBody(response);
      // the body is read at once; a failure surfaces when the client asks for it
      body.catch(() => {});
      resolve({
        status: response.statusCode ?? 0,
        header: (name) => {
          const value = response.headers[name];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        body: () => body,
      });
    });
    request.on('error', reject);
    // The signal belongs to this one request (see Transport): no listener to remove afterwards,
    // where handing it to node:http costs it a listener pair and an end-of-stream watcher.
    const abort = () => request.destroy(signal.reason as Error);
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    request.end(body);
  });
