/**
 * An update feed on loopback, as electron-builder publishes one for the `generic` provider
 * (latest-linux.yml beside the artifact), and a real electron-updater DebUpdater pointed at it
 * with Node's HTTP client and a Node app adapter in place of Electron's.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request } from 'node:http';
import { DebUpdater } from 'electron-updater';

export const ARTIFACT_NAME = 'margin-desk-0.2.0-amd64.deb';

export interface FeedContent {
  /** latest-linux.yml as served; built from the artifact when not given. */
  readonly feed?: string;
  /** The bytes served as the artifact. */
  readonly artifact: Buffer;
  /** The bytes the feed's checksum is computed from (the artifact unless a mismatch is wanted). */
  readonly checksumOf?: Buffer;
}

export function feedFor(artifact: Buffer, version = '0.2.0'): string {
  const sha512 = createHash('sha512').update(artifact).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${ARTIFACT_NAME}`,
    `    sha512: ${sha512}`,
    `    size: ${artifact.length}`,
    `path: ${ARTIFACT_NAME}`,
    `sha512: ${sha512}`,
    "releaseDate: '2027-01-15T10:00:00.000Z'",
    '',
  ].join('\n');
}

export interface UpdateFeedServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function serveFeed(content: FeedContent): Promise<UpdateFeedServer> {
  const feed = content.feed ?? feedFor(content.checksumOf ?? content.artifact);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    if (path === '/latest-linux.yml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed);
    } else if (path === `/${ARTIFACT_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.artifact.length }).end(content.artifact);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * electron-updater's HTTP client over Node's http module, in place of its Electron `net` one: the
 * same `download` (builder-util-runtime's doDownload, which checks the feed's SHA-512 as it writes).
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** A real DebUpdater for version 0.1.0 whose app-update.yml names `feedUrl`, as electron-builder writes it. */
export function debUpdaterFor(feedUrl: string): { updater: DebUpdater; cacheDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'md-updater-'));
  const configPath = join(dir, 'app-update.yml');
  writeFileSync(configPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: margin-desk-updater\n`);
  const app = {
    version: '0.1.0',
    name: 'margin-desk',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(null, app);
  // Not in electron-updater's typings: its own tests set the HTTP client the same way.
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  return { updater, cacheDir: join(dir, 'cache', 'margin-desk-updater') };
}
