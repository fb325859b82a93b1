/**
 * The diagnostics capture with the real app and a real Unified WebSocket connection to the
 * simulator: the file holds the first message of each channel and type, and no secret, token or
 * signature the app handled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { startedApp } from './started-app.ts';

describe('stream diagnostics', () => {
  it('when switched on, writes the first message of each channel and type, without the key, secret or token', async () => {
    const exchange = new SimulatedExchange({ seed: 3 });
    exchange.setMarkPrice('pf_xbtusd', '64000');
    exchange.deposit('USD', '10000');
    exchange.openPosition({ symbol: 'pf_xbtusd', size: '1', entryPrice: '63000' });
    exchange.setWalletBalance('xbt', '0.05');
    const server = await exchange.listen({ port: 0 });
    try {
      const app = await startedApp({ streamTiming: { coalesceMs: 10 } });
      expect(app.store.settings.get().recordStreamMessages).toBe(false);
      app.updateSettings({ recordStreamMessages: true });
      const key = exchange.addKey();
      const profile = await app.profiles.create({ name: 'Kraken key', colour: '#12a150', baseUrl: server.url, streamUrl: server.uwsUrl, ...key });
      app.activate(profile.id);
      await vi.waitFor(() => expect(app.viewOf(profile.id)?.status.state).toBe('live'), { timeout: 10_000 });
      exchange.setMarkPrice('pf_xbtusd', '60000');
      await vi.waitFor(() => {
        const captured = JSON.parse(readFileSync(app.diagnostics.path, 'utf8')) as { messages: Array<{ channel: string; type: string | null }> };
        expect(captured.messages.map((m) => `${m.channel}/${m.type}`).sort()).toEqual(
          expect.arrayContaining(['balances/snapshot', 'margin/multi_collateral', 'margin/single_collateral', 'positions/snapshot', 'positions/update']),
        );
      }, { timeout: 10_000 });
      const text = readFileSync(app.diagnostics.path, 'utf8');
      // One entry per channel and type, however many messages came.
      const entries = (JSON.parse(text) as { messages: Array<{ channel: string; type: string | null }> }).messages.map((m) => `${m.channel}/${m.type}`);
      expect(new Set(entries).size).toBe(entries.length);
      expect(text).toContain('"margin_equity"');
      expect(text).not.toContain(key.apiSecret);
      expect(text).not.toContain(key.apiKey);
      const tokens = [...JSON.stringify(server.uws.requests).matchAll(/"token":"([^"]+)"/g)].map((match) => match[1]!);
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) expect(text).not.toContain(token);
    } finally {
      await server.close();
    }
  });

  it('writes nothing while switched off', async () => {
    const app = await startedApp();
    app.diagnostics.record('p', 'margin', 'multi_collateral', '{"channel":"margin"}');
    expect(existsSync(app.diagnostics.path)).toBe(false);
  });
});
