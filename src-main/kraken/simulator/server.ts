/**
 * A fetch-style handler served over real HTTP on loopback (node:http), for tests and benchmarks
 * that must cross a socket. A handler that rejects (a simulated connection reset) or a body stream
 * that errors (a dropped connection) closes the socket, as a failing server would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenOptions {
  /** 0 (default): any free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`: use as the client's base URL. */
  readonly url: string;
  /** The node:http server, for a WebSocket server to share the port (./uws-server.ts). */
  readonly server: Server;
  close(): Promise<void>;
}

/** Larger request bodies are refused: the simulator only takes Spot REST's short form bodies. */
const MAX_REQUEST_BODY = 64 * 1024;

function readRequestBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY) incoming.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = incoming.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readRequestBody(incoming);
  return new Request(origin + (incoming.url ?? '/'), { method, headers, signal, ...(body === undefined ? {} : { body }) });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.body === null) {
    outgoing.writeHead(response.status, headers).end();
    return;
  }
  if (headers['content-length'] === undefined) {
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, { ...headers, 'content-length': String(body.length) }).end(body);
    return;
  }
  // A declared length is streamed as it comes: a stream that errors leaves the body short.
  outgoing.writeHead(response.status, headers);
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) outgoing.write(chunk.value);
  outgoing.end();
}

export function listen(handler: (request: Request) => Promise<Response>, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    const closed = new AbortController();
    outgoing.on('close', () => closed.abort());
    toRequest(incoming, origin, closed.signal)
      .then(handler)
      .then((response) => send(response, outgoing))
      .catch(() => incoming.socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      origin = `http://${host}:${port}`;
      resolve({
        url: origin,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
