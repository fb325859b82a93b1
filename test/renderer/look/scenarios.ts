/**
 * What the look harness shows: the seed profile next to a busier account with margin in use, the
 * sample profile, 1,000 subaccounts, offline, first start. Built at the browser's real "now" so the
 * ages on screen are the ones a user would see.
 */
import type { AlertRecord, Decimal, ProfileView } from '../../../src-preload/contract.ts';
import { profileView, type FakeState } from '../support/fake-bridge.ts';
import { seedProfile, seedView } from '../support/scenarios.ts';
import { statusOf, syntheticFlex, viewOf, withSubaccounts } from '../support/seed.ts';
import type { ScenarioName } from './scenario-names.ts';


function alerts(now: number): AlertRecord[] {
  const base = { profileId: 'bot', profileName: 'Bot account', notified: true, acknowledgedAt: null };
  return [
    { ...base, id: 3, accountKey: 'flex', accountLabel: 'Flex', level: 'warn', title: '[Bot account] Margin level 189 % - warning', body: 'Margin equity is 117,884.21 USD above maintenance margin.\nConsider adding collateral or reducing positions.', raisedAt: now - 4 * 60_000 },
    { ...base, id: 2, accountKey: 'sub:00000000-0000-4000-8000-000000000004', accountLabel: 'Desk 0005', level: 'critical', title: '[Desk 0005] Margin level 140 % - critical', body: 'Margin equity is 11,208.03 USD above maintenance margin.\nAdd collateral or reduce positions now.', raisedAt: now - 52 * 60_000, notified: false },
    { ...base, id: 1, profileId: 'main', profileName: 'Main', accountKey: 'flex', accountLabel: 'Flex', level: 'interrupted', title: '[Main] Monitoring interrupted', body: 'No fresh data for 3 minutes.\nMargin is not being watched: check the network connection and the API key in Margin Desk.', raisedAt: now - 26 * 3_600_000, acknowledgedAt: now - 25 * 3_600_000 },
  ];
}

export function scenario(name: ScenarioName, now: number): FakeState {
  const main = seedProfile('main', 'Main', name === 'offline' ? 'offline' : 'live', now);
  const bot: ProfileView = profileView(
    { id: 'bot', name: 'Bot account', colour: '#0ea5e9', keyFingerprint: 'q7Rz', permissions: { general: 'FULL_ACCESS', transfer: 'NO_ACCESS', other: {} }, status: statusOf('bot', 'live', now - 4_000, now) },
    now,
  );
  const sampleProfile: ProfileView = profileView(
    { id: 'sample', name: 'Sample', colour: '#f59e0b', kind: 'sample', keyFingerprint: null, permissions: null, keychain: 'notNeeded', status: statusOf('sample', 'live', now - 2_000, now) },
    now,
  );
  const mainView = seedView('main', main.status.state, { now, subaccounts: name === 'many' ? 1000 : 24 });
  const botSnapshot = {
    ...mainView.snapshot,
    profileId: 'bot',
    fetchedAt: now - 4_000,
    accounts: { ...mainView.snapshot.accounts, flex: syntheticFlex('248650.4', '1.9') },
    subaccounts: mainView.snapshot.subaccounts === null ? null : withSubaccounts({ ...mainView.snapshot.subaccounts, subaccounts: [] }, 12),
    markPrices: { pi_xbtusd: '3312.5' as Decimal },
  };
  const sampleView = { ...seedView('sample', 'live', { now, sample: true }), sample: true };
  const views = {
    main: mainView,
    bot: viewOf(botSnapshot, statusOf('bot', 'live', now - 4_000, now)),
    sample: sampleView,
  };
  const common = { now: () => now, alerts: alerts(now), sampleSnapshot: (id: string) => ({ ...seedView(id, 'live', { now, sample: true }), sample: true }) };
  switch (name) {
    case 'first-run':
      return { ...common, profiles: [], activeProfileId: null, alerts: [] };
    case 'sample':
      return { ...common, profiles: [sampleProfile], activeProfileId: 'sample', snapshots: { sample: views.sample } };
    default:
      return {
        ...common,
        profiles: [main, bot, sampleProfile],
        activeProfileId: 'main',
        snapshots: views,
        settings: { privacyMode: name === 'privacy' },
        // Offline long enough for the staleness guard, and snoozed from the tray before it went quiet.
        ...(name === 'offline' ? { interrupted: ['main'], snoozedUntil: { main: now + 45 * 60_000 } } : {}),
      };
  }
}

