/**
 * What a server can make the transport do, over real loopback HTTP(S): an answer just past the
 * size limit, one that never ends, one that announces too much; and a server whose certificate
 * nobody vouches for while NODE_TLS_REJECT_UNAUTHORIZED=0 is set.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KrakenClient } from '../../../src-main/kraken/client.ts';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { MAX_RESPONSE_BYTES } from '../../../src-main/kraken/transport.ts';

const CREDENTIALS = { apiKey: 'Xk3Jm9Qw2Lr8Tz5Vb7Nc1Hd4Gf6Sa0Pe', apiSecret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==' };
const CHUNK = Buffer.alloc(1_048_576, 0x20);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/** Writes `total` bytes of JSON-ish padding (or forever when null) as fast as the client reads. */
function stream(res: ServerResponse, total: number | null, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  let sent = 0;
  const more = (): void => {
    while (total === null || sent < total) {
      const piece = total === null ? CHUNK : CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', more);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => res.removeAllListeners('drain'));
  more();
}

function client(url: string, transport: 'node:http' | 'fetch'): KrakenClient {
  return new KrakenClient({
    baseUrl: url,
    appVersion: 'test',
    getCredentials: async () => CREDENTIALS,
    timeoutMs: 30_000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    ...(transport === 'fetch' ? { fetch: (input: string, init: RequestInit) => fetch(input, init) } : {}),
  });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KrakenError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe.each(['node:http', 'fetch'] as const)('response size limit (%s)', (transport) => {
  it('stops reading one byte past the limit, says so, and does not ask again', async () => {
    const server = await serve((_req, res) => stream(res, MAX_RESPONSE_BYTES + 1));
    const error = await failure(client(server.url, transport).accounts());
    expect(error).toMatchObject({ kind: 'responseTooLarge', category: 'response', retryable: false });
    expect(error.message).toMatch(/larger than 32 MB/);
    expect(server.requests()).toBe(1);
  });

  it('reads an answer exactly at the limit', async () => {
    const body = `{"result":"success","accounts":{}}`;
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body.padEnd(MAX_RESPONSE_BYTES, ' ')));
    await expect(client(server.url, transport).accounts()).resolves.toMatchObject({ marginWallets: [] });
  });

  it('ends an answer that never ends', async () => {
    const server = await serve((_req, res) => stream(res, null));
    const before = process.memoryUsage().rss;
    const error = await failure(client(server.url, transport).accounts());
    expect(error.kind).toBe('responseTooLarge');
    expect(process.memoryUsage().rss - before).toBeLessThan(8 * MAX_RESPONSE_BYTES);
    expect(server.requests()).toBe(1);
  });

  it('refuses an answer that announces more than the limit before reading it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_RESPONSE_BYTES * 16) });
      res.write('{"result":');
    });
    expect((await failure(client(server.url, transport).accounts())).kind).toBe('responseTooLarge');
  });
});

describe('certificates', () => {
  it('are checked even with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"success","accounts":{}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(client(url, 'node:http').accounts());
      expect(error.category).toBe('connectivity');
      expect(String((error.cause as Error | undefined)?.message)).toMatch(/self[- ]signed/i);
    } finally {
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
