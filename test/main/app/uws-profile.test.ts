/**
 * A Kraken API key profile end to end in main: the real AppServices, the simulated exchange on
 * loopback (Spot REST for the token, the Unified WebSocket for the figures), the real SQLite store.
 * A REST profile on the same simulated account shows the same figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { SnapshotView } from '../../../src-preload/contract.ts';
import type { AppServices } from '../../../src-main/app/app-services.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { startedApp } from './started-app.ts';
import { Store } from '../../../src-main/store/store.ts';

function simulatedAccount(): SimulatedExchange {
  const exchange = new SimulatedExchange({ seed: 7 });
  exchange.setUsdRate('EUR', '1.08');
  exchange.setCash('usd', '1200');
  exchange.deposit('USD', '10000');
  exchange.deposit('BTC', '0.25');
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.setMarkPrice('pf_ethusd', '3000');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '8', entryPrice: '63500' });
  exchange.openPosition({ symbol: 'pf_ethusd', size: '-60', entryPrice: '3150' });
  return exchange;
}

function latestView(app: AppServices, profileId: string, ready: (view: SnapshotView) => boolean = () => true): Promise<SnapshotView> {
  return vi.waitFor(
    () => {
      const view = app.viewOf(profileId);
      if (view === null || view.status.state !== 'live' || !ready(view)) throw new Error('not yet');
      return view;
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** What both sources must agree on: every figure health and the screens use, sorted the same way. */
function figures(view: SnapshotView) {
  const { accounts, positions } = view.snapshot;
  return {
    flex: accounts.flex && { ...accounts.flex, currencies: [...accounts.flex.currencies].sort((a, b) => a.currency.code.localeCompare(b.currency.code)) },
    positions: [...positions].sort((a, b) => a.symbol.localeCompare(b.symbol)).map(({ fillTime: _f, ...rest }) => rest),
    health: view.health.figures.map(({ accountKey, level, marginRatio, buffer }) => ({ accountKey, level, marginRatio, buffer })),
  };
}

describe('a Kraken API key profile (Unified WebSocket) in the app', () => {
  it('streams the same figures a Futures key profile polls from the same account, and follows changes', async () => {
    const exchange = simulatedAccount();
    const server = await exchange.listen({ port: 0 });
    try {
      const app = await startedApp({ streamTiming: { coalesceMs: 20 } });
      const restKey = exchange.addKey();
      const rest = await app.profiles.create({ name: 'Futures key', colour: '#2f80ed', source: 'rest', baseUrl: server.url, ...restKey });
      const uwsKey = exchange.addKey();
      const uws = await app.profiles.create({ name: 'Kraken key', colour: '#12a150', baseUrl: server.url, streamUrl: server.uwsUrl, ...uwsKey });
      app.setAlertRules(rest.id, { ...app.store.alertRules.get(rest.id), enabled: true });
      app.setAlertRules(uws.id, { ...app.store.alertRules.get(uws.id), enabled: true });
      await app.refreshAll();

      const polled = await latestView(app, rest.id);
      const streamed = await latestView(app, uws.id);
      expect(streamed.snapshot.missingFigures).toBeUndefined();
      expect(figures(streamed)).toEqual(figures(polled));
      expect(streamed.health.figures.map((figure) => figure.level)).not.toContain('unknown');

      // A change at the exchange arrives by itself, without a refresh.
      exchange.setMarkPrice('pf_xbtusd', '50000');
      await app.scheduler.refreshNow(rest.id);
      const polledAfter = figures(await latestView(app, rest.id));
      // The margin and positions messages of one change may reach the app in two coalescing windows
      // on a loaded machine: wait for the stream to settle on the polled figures.
      const moved = await latestView(app, uws.id, (view) => isDeepStrictEqual(figures(view), polledAfter));
      expect(moved.snapshot.accounts.flex?.marginEquity).not.toBe(streamed.snapshot.accounts.flex?.marginEquity);
      expect(figures(moved)).toEqual(polledAfter);
      // Neither the secret nor a token reached the data file or anything the bridge hands out.
      const tokens = [...JSON.stringify(server.uws.requests).matchAll(/"token":"([^"]+)"/g)].map((match) => match[1]!);
      expect(tokens.length).toBeGreaterThan(0);
      const stored = ['', '-wal'].map((suffix) => (existsSync(`${app.store.path}${suffix}`) ? readFileSync(`${app.store.path}${suffix}`).toString('latin1') : '')).join('');
      const bridged = JSON.stringify([app.profiles.list(), app.viewOf(uws.id), app.trayInput()]);
      for (const text of [stored, bridged]) {
        expect(text).not.toContain(uwsKey.apiSecret);
        expect(text).not.toContain(uwsKey.apiKey);
        for (const token of tokens) expect(text).not.toContain(token);
      }

      // The stream's figures are kept like the polled ones, the newest at quit at the latest (the
      // latest snapshot is written at most every 30 minutes, see AppServices).
      const newest = app.viewOf(uws.id)!.snapshot.accounts.flex?.marginEquity;
      app.dispose();
      const reopened = Store.open(app.options.dataDir);
      try {
        expect(reopened.snapshots.readLatest(uws.id)?.accounts.flex?.marginEquity).toBe(newest);
      } finally {
        reopened.close();
      }
    } finally {
      await server.close();
    }
  });
});
