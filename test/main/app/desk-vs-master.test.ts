/**
 * A desk of one key per subaccount reads as the REST master's /subaccounts list of the same
 * accounts: the real AppServices against the simulated exchange over real loopback HTTP (REST, the
 * Spot token endpoint) and WebSockets (the Unified WebSocket), mixing sources among the members.
 * The rows, totals and worst health are built by the renderer's own table model from each.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SnapshotView } from '../../../src-preload/contract.ts';
import type { AppServices } from '../../../src-main/app/app-services.ts';
import { createDeskExchange } from '../../../src-main/kraken/simulator/desk-exchange.ts';
import { composeDesk } from '../../../src-shared/desk-composition.ts';
import { buildRows, totalsOf, type SubaccountRow } from '../../../src-renderer/src/lib/subaccount-table.ts';
import { startedApp } from './started-app.ts';

function liveView(app: AppServices, profileId: string): Promise<SnapshotView> {
  return vi.waitFor(
    () => {
      const view = app.viewOf(profileId);
      if (view === null || view.status.state !== 'live') throw new Error(`${profileId} not live yet`);
      return view;
    },
    { timeout: 15_000, interval: 25 },
  );
}

/**
 * What a row shows: everything but the row's key (a UID on the master, a profile id on the desk)
 * and the currency codes exactly as each endpoint spelled them (`xbt` in /subaccounts, `XBT` in
 * /accounts): the screen shows the normalised code, which must agree.
 */
function shown(row: SubaccountRow) {
  const health = row.health && { level: row.health.level, marginRatio: row.health.marginRatio, buffer: row.health.buffer, label: row.health.label };
  const flex = row.subaccount.flex && { ...row.subaccount.flex, currencies: [...row.subaccount.flex.currencies].sort((a, b) => a.currency.code.localeCompare(b.currency.code)) };
  const figures = { label: row.label, holdings: row.holdings, marginEquity: row.marginEquity, maintenanceMargin: row.maintenanceMargin, availableMargin: row.availableMargin, flex, health };
  return JSON.parse(JSON.stringify(figures, (key, value: unknown) => (key === 'raw' ? undefined : value))) as typeof figures;
}

describe('a desk of subaccount keys against the REST master view', () => {
  it('gives the same rows, totals and worst health, whichever source each member reads', async () => {
    const { exchange, keys } = createDeskExchange({ members: 3 });
    const server = await exchange.listen({ port: 0 });
    try {
      const app = await startedApp({ streamTiming: { coalesceMs: 20 } });
      const master = await app.profiles.create({ name: 'Master', colour: '#2f80ed', source: 'rest', baseUrl: server.url, ...exchange.addKey() });
      // Two Kraken API keys streamed over the Unified WebSocket, one Futures key polled over REST.
      const sources = ['uws', 'uws', 'rest'] as const;
      const members = [];
      for (const [index, key] of keys.entries()) {
        const source = sources[index]!;
        const addresses = source === 'uws' ? { baseUrl: server.url, streamUrl: server.uwsUrl } : { baseUrl: server.url };
        members.push(await app.profiles.create({ name: key.name, colour: '#12a150', source, apiKey: key.apiKey, apiSecret: key.apiSecret, ...addresses }));
      }
      app.setAlertRules(master.id, { ...app.alertRules(master.id), enabled: true });
      const desk = app.desks.create({ name: 'Team', memberIds: members.map((member) => member.id) });
      app.activateDesk(desk.id);
      await app.refreshAll();

      const masterView = await liveView(app, master.id);
      const memberViews = await Promise.all(members.map((member) => liveView(app, member.id)));
      const composed = composeDesk(members.map((member, index) => ({ profileId: member.id, name: member.name, view: memberViews[index]! })));

      const masterRows = buildRows(masterView.snapshot.subaccounts!, masterView.health);
      const deskRows = buildRows(composed.subaccounts, composed);
      expect(masterRows).toHaveLength(3);
      expect(deskRows.map(shown)).toEqual(masterRows.map(shown));
      const { worst: masterWorst, holdings: masterHoldings, ...masterTotals } = totalsOf(masterRows);
      const { worst: deskWorst, holdings: deskHoldings, ...deskTotals } = totalsOf(deskRows);
      expect(deskTotals).toEqual(masterTotals);
      expect(deskHoldings.map(({ currency, amount }) => [currency.code, amount])).toEqual(masterHoldings.map(({ currency, amount }) => [currency.code, amount]));
      expect(masterTotals.marginEquity).not.toBe('0');
      expect(deskWorst && { label: deskWorst.label, level: deskWorst.level, marginRatio: deskWorst.marginRatio }).toEqual(
        masterWorst && { label: masterWorst.label, level: masterWorst.level, marginRatio: masterWorst.marginRatio },
      );
      expect(masterWorst).not.toBeNull();
      expect(memberViews.map((view) => view.status.state)).toEqual(['live', 'live', 'live']);

      // With the desk put away, a member is still watched: its alert names it.
      app.activate(master.id);
      const alerts: string[] = [];
      app.alerts.onAlert((alert) => alerts.push(alert.title));
      exchange.openPosition({ account: keys[0]!.accountUid, symbol: 'pf_xbtusd', size: '40', entryPrice: '90000' });
      await vi.waitFor(() => expect(alerts.some((title) => title.includes(`[${keys[0]!.name}]`) && /liquidation/i.test(title))).toBe(true), { timeout: 15_000, interval: 25 });
    } finally {
      await server.close();
    }
  });
});
