/**
 * Audit: a long streaming session of a Kraken API key profile (the Unified WebSocket over a real
 * loopback WebSocket against the simulator) with the diagnostics capture on: thousands of messages,
 * dropped connections, session expiry, heartbeats that stop, error envelopes (one quoting the
 * connection's own token), malformed frames, each reconnect with a fresh token. Afterwards no
 * secret, token or API-Sign value is in the log file, the database files, the diagnostics file or
 * any bridge result or event, in any form the redactor knows (./leak-forms.ts).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppServices } from '../../../src-main/app/app-services.ts';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { CALL_CHANNELS, type CallInput, type CallName } from '../../../src-preload/contract.ts';
import { recordAuditFigures } from './audit-figures.ts';
import { leakForms } from './leak-forms.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

const WINDOW: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' };
/** Rounds of figure changes, each ended by one fault in turn. */
const ROUNDS = 18;
const CHANGES_PER_ROUND = 20;

function tradingAccount(): SimulatedExchange {
  const exchange = new SimulatedExchange({ seed: 5 });
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.setMarkPrice('pi_xbtusd', '64000');
  exchange.deposit('USD', '20000');
  exchange.deposit('BTC', '0.25');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '1', entryPrice: '63000' });
  exchange.setWalletBalance('xbt', '0.5');
  exchange.openPosition({ symbol: 'pi_xbtusd', size: '1000', entryPrice: '62000' });
  return exchange;
}

describe('audit: a long streaming session', () => {
  it('leaves no secret, token or API-Sign in the log, the database, the diagnostics file or the bridge', async () => {
    const exchange = tradingAccount();
    const key = exchange.addKey();
    const signatures: string[] = [];
    const tokensIssued: string[] = [];
    const handle = exchange.handle.bind(exchange);
    exchange.handle = async (request) => {
      const signature = request.headers.get('api-sign');
      if (signature !== null) signatures.push(signature);
      const response = await handle(request);
      if (new URL(request.url).pathname.endsWith('/GetWebSocketsToken')) {
        const token = ((await response.clone().json()) as { result?: { token?: string } }).result?.token;
        if (token !== undefined) tokensIssued.push(token);
      }
      return response;
    };
    const server = await exchange.listen({ uws: { heartbeatMs: 10 } });
    const dataDir = mkdtempSync(join(tmpdir(), 'md-stream-audit-'));
    const logPath = join(dataDir, 'logs', 'main.log');
    const app = new AppServices(
      quietAppOptions(dataDir, {
        logger: createLogger({ filePath: logPath, console: false }),
        streamTiming: { coalesceMs: 5 },
        uwsTimings: { pingAfterMs: 100, deadAfterMs: 300, backoffBaseMs: 20, backoffMaxMs: 100, stableAfterMs: 50 },
      }),
    );
    // every data message the app receives passes the diagnostics capture: counted there
    let dataMessages = 0;
    const record = app.diagnostics.record.bind(app.diagnostics);
    app.diagnostics.record = (...args) => {
      dataMessages += 1;
      record(...args);
    };
    const seen: string[] = [];
    let snapshots = 0;
    app.events.subscribe((name, payload) => {
      if (name === 'snapshot') snapshots += 1;
      seen.push(`${name} ${JSON.stringify(payload)}`);
    });
    const dispatcher = createDispatcher({ handlers: createHandlerTable(app), appOrigin: 'app://margin-desk/', logger: app.logger });
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const result = await dispatcher.dispatch(CALL_CHANNELS[name], WINDOW, input === undefined ? [] : [input]);
      seen.push(`${name} ${JSON.stringify(result)}`);
      return result;
    };
    const live = (after: number) =>
      vi.waitFor(
        () => {
          if (app.viewOf(id)?.status.state !== 'live' || exchange.uwsTokens.issuedCount <= after) throw new Error('not live on a fresh connection yet');
        },
        { timeout: 15_000, interval: 10 },
      );
    let id = '';
    try {
      await app.start();
      await call('updateSettings', { recordStreamMessages: true });
      const created = await call('createProfile', { name: 'Streaming', colour: '#993366', source: 'uws', baseUrl: server.url, streamUrl: server.uwsUrl, ...key });
      expect(created.ok).toBe(true);
      id = created.ok ? (created.value as { id: string }).id : '';
      await call('testConnection', { profileId: id });
      await call('activateProfile', { id });
      await live(0);

      const faults: Array<() => void> = [
        () => server.uws.dropConnections(),
        () => server.uws.expireSessions(),
        () => {
          server.uws.failNextSubscribe('margin', 'EGeneral:Internal error');
          server.uws.dropConnections();
        },
        () => {
          // an error envelope that quotes the connection's own token, as a careless server might
          const token = [...server.uws.requests].reverse().map((request) => (request['params'] as Record<string, unknown> | undefined)?.['token']).find((value) => typeof value === 'string');
          server.uws.sendRaw(JSON.stringify({ method: 'subscribe', success: false, error: `EGeneral:Invalid arguments:${String(token)}` }));
        },
        () => {
          server.uws.sendMalformedFrame();
          server.uws.dropConnections();
        },
        () => {
          // a half-open link: nothing arrives, pings go unanswered, until the watchdog reconnects
          server.uws.setHeartbeats(false);
          server.uws.freezeConnections();
        },
      ];
      let price = 64000;
      for (let round = 0; round < ROUNDS; round++) {
        for (let change = 0; change < CHANGES_PER_ROUND; change++) {
          price += change % 2 === 0 ? 37 : -23;
          exchange.setMarkPrice('pf_xbtusd', String(price));
          exchange.setMarkPrice('pi_xbtusd', String(price));
          const before = snapshots;
          await vi.waitFor(() => {
            if (snapshots === before) throw new Error('no snapshot yet');
          }, { timeout: 5_000, interval: 5 });
        }
        const issued = exchange.uwsTokens.issuedCount;
        faults[round % faults.length]!();
        await live(issued);
        server.uws.setHeartbeats(true);
        await call('getSnapshot', { profileId: id });
        await call('listProfiles', undefined);
      }
    } finally {
      app.dispose();
      await server.close();
    }

    const requestsSent = server.uws.requests.length;
    const places: Record<string, string> = { 'bridge results and events': seen.join('\n') };
    const files = [logPath, app.diagnostics.path, ...readdirSync(dataDir).filter((name) => /\.(db|sqlite|sqlite3)(-wal|-shm)?$/.test(name) || name.includes('margin-desk')).map((name) => join(dataDir, name))];
    for (const file of files) if (existsSync(file)) places[file.slice(dataDir.length + 1)] = readFileSync(file).toString('latin1');
    rmSync(dataDir, { recursive: true, force: true });
    expect(Object.keys(places)).toEqual(expect.arrayContaining(['logs/main.log', 'uws-diagnostics.json']));
    expect(Object.keys(places).some((place) => /\.(db|sqlite3?)$/.test(place))).toBe(true);
    // the session really was long and eventful: a fresh token per connection, figures streamed throughout
    expect(tokensIssued.length).toBeGreaterThanOrEqual(ROUNDS + 1);
    expect(signatures.length).toBeGreaterThanOrEqual(tokensIssued.length);
    expect(snapshots).toBeGreaterThanOrEqual(ROUNDS * CHANGES_PER_ROUND);
    expect(dataMessages).toBeGreaterThan(1_000);
    expect(requestsSent).toBeGreaterThan(3 * ROUNDS);
    expect(places['logs/main.log']?.match(/Stream connection lost/g)?.length).toBeGreaterThanOrEqual(ROUNDS - 1);
    expect(places['logs/main.log']).toMatch(/refused the subscription/);

    const needles = [...leakForms(key.apiSecret), ...signatures.flatMap(leakForms), ...tokensIssued.flatMap(leakForms)];
    const found: string[] = [];
    for (const [place, text] of Object.entries(places)) for (const needle of needles) if (text.includes(needle)) found.push(`${place}: ${needle.slice(0, 6)}…`);
    expect(found).toEqual([]);
    recordAuditFigures('stream session', {
      placesSearched: Object.keys(places).length,
      dataMessages,
      connections: tokensIssued.length,
      tokensIssued: tokensIssued.length,
      apiSigns: signatures.length,
      forms: needles.length,
      found: found.length,
    });
  }, 120_000);
});
