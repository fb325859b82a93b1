/**
 * Audit: after a working session of the whole app over real HTTP (a Futures key and a Kraken API
 * key added, checked, refreshed, refused, replaced; exchange errors; a renderer error report that
 * quotes a secret), no secret, signature or WebSocket token is anywhere it must not be: the bridge's
 * results and events, the log file, the SQLite files. Searched in every form a leak could take
 * (as typed, the decoded key bytes as hex, base64url, URL-encoded, and in pieces).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppServices } from '../../../src-main/app/app-services.ts';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { listen } from '../../../src-main/kraken/simulator/server.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { CALL_CHANNELS, type CallInput, type CallName } from '../../../src-preload/contract.ts';
import { recordAuditFigures } from './audit-figures.ts';
import { leakForms } from './leak-forms.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

const WINDOW: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' };

describe('audit: secrets, signatures and tokens', () => {
  it('leaves none in bridge results, events, the log file or the database files', async () => {
    const exchange = new SimulatedExchange({ seed: 11 });
    exchange.setMarkPrice('pf_xbtusd', '64000');
    exchange.deposit('USD', '20000');
    exchange.openPosition({ symbol: 'pf_xbtusd', size: '1', entryPrice: '63000' });
    const futuresKey = exchange.addKey();
    const krakenKey = exchange.addKey();
    const secondKey = exchange.addKey();
    const signatures: string[] = [];
    const tokens: string[] = [];
    const server = await listen(async (request) => {
      for (const header of ['authent', 'api-sign']) {
        const value = request.headers.get(header);
        if (value) signatures.push(value);
      }
      const response = await exchange.handle(request);
      if (new URL(request.url).pathname.endsWith('/GetWebSocketsToken')) {
        const token = ((await response.clone().json()) as { result?: { token?: string } }).result?.token;
        if (token) tokens.push(token);
      }
      return response;
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'md-secrets-audit-'));
    const app = new AppServices(quietAppOptions(dataDir, { logger: createLogger({ filePath: join(dataDir, 'logs', 'main.log') }) }));
    const seen: string[] = [];
    app.events.subscribe((name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`));
    const dispatcher = createDispatcher({ handlers: createHandlerTable(app), appOrigin: 'app://margin-desk/', logger: app.logger });
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const result = await dispatcher.dispatch(CALL_CHANNELS[name], WINDOW, input === undefined ? [] : [input]);
      seen.push(`${name} ${JSON.stringify(result)}`);
      return result;
    };
    try {
      await app.start();
      const created = await call('createProfile', { name: 'Futures', colour: '#336699', source: 'rest', baseUrl: server.url, ...futuresKey });
      expect(created.ok).toBe(true);
      const id = created.ok ? (created.value as { id: string }).id : '';
      await call('createProfile', { name: 'Streaming', colour: '#993366', source: 'uws', baseUrl: server.url, streamUrl: server.url.replace('http', 'ws') + '/v2/private', ...krakenKey });
      await call('createProfile', { name: 'Wrong', colour: '#000000', source: 'rest', baseUrl: server.url, apiKey: futuresKey.apiKey, apiSecret: secondKey.apiSecret });
      await call('testConnection', { profileId: id });
      await call('testConnection', { apiKey: krakenKey.apiKey, apiSecret: krakenKey.apiSecret, baseUrl: server.url });
      await call('activateProfile', { id });
      await app.scheduler.refreshNow(id);
      exchange.injectFault({ kind: 'errorCode', code: 'Server Error' }, { endpoint: 'accounts' });
      await app.scheduler.refreshNow(id);
      exchange.clearFaults();
      await call('replaceCredentials', { id, ...secondKey });
      await app.scheduler.refreshNow(id);
      await call('getSnapshot', { profileId: id });
      await call('openWindow', undefined);
      await call('listProfiles', undefined);
      await call('reportRendererError', { message: `TypeError while pasting ${krakenKey.apiSecret}`, stack: `at paste (${futuresKey.apiSecret})` });
    } finally {
      app.dispose();
      await server.close();
    }

    const files = [join(dataDir, 'logs', 'main.log'), ...readdirSync(dataDir).filter((name) => /\.(db|sqlite|sqlite3)(-wal|-shm)?$/.test(name) || name.includes('margin-desk')).map((name) => join(dataDir, name))];
    const places: Record<string, string> = { 'bridge results and events': seen.join('\n') };
    for (const file of files) if (existsSync(file)) places[file.slice(dataDir.length + 1)] = readFileSync(file).toString('latin1');
    expect(Object.keys(places).some((place) => place.endsWith('main.log'))).toBe(true);
    expect(signatures.length).toBeGreaterThan(5);
    expect(tokens.length).toBeGreaterThan(0);

    const needles = [
      ...[futuresKey, krakenKey, secondKey].flatMap((key) => leakForms(key.apiSecret)),
      ...signatures,
      ...tokens,
    ];
    const found: string[] = [];
    for (const [place, text] of Object.entries(places)) {
      for (const needle of needles) if (text.includes(needle)) found.push(`${place}: ${needle.slice(0, 8)}…`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    expect(found).toEqual([]);
    recordAuditFigures('secrets', { placesSearched: Object.keys(places).length, secretForms: needles.length, signaturesSeen: signatures.length, tokensIssued: tokens.length, found: found.length });
  }, 60_000);
});
