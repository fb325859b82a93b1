import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src-shared/profile-status.ts';
import { type TrayMenuItem, type TrayProfileInput, buildTrayModel } from '../../../src-main/monitor/tray-model.ts';
import { flexAt, flexWithoutMargin, reportOf, subAt } from './health-fixtures.ts';
import type { HealthReport } from '../../../src-shared/health-model.ts';

function profile(id: string, name: string, health: HealthReport | null, more: Partial<TrayProfileInput> = {}): TrayProfileInput {
  return { id, name, connection: 'live', health, monitoringInterrupted: false, alertLevel: null, snoozedUntil: null, ...more };
}

function labels(items: readonly TrayMenuItem[]): string[] {
  return items.flatMap((item) => (item.type === 'separator' ? ['—'] : item.type === 'submenu' ? [`${item.label} ›`, ...labels(item.items).map((label) => `  ${label}`)] : [item.label]));
}

describe('tray icon state', () => {
  const state = (...profiles: TrayProfileInput[]) => buildTrayModel({ profiles, activeProfileId: null, privacyMode: false }).icon;

  it('follows the worst account: ok, warn (warning or initial margin breached), critical (critical or liquidation)', () => {
    expect(state(profile('a', 'A', reportOf(flexAt('900'))))).toBe('ok');
    expect(state(profile('a', 'A', reportOf(flexWithoutMargin())))).toBe('ok');
    expect(state(profile('a', 'A', reportOf(flexAt('900'), subAt('s', 'S', '280'))))).toBe('warn');
    expect(state(profile('a', 'A', reportOf(flexAt('250', { initialMargin: '260' }))))).toBe('warn');
    expect(state(profile('a', 'A', reportOf(flexAt('140'))))).toBe('critical');
    expect(state(profile('a', 'A', reportOf(flexAt('105'))))).toBe('critical');
  });

  it("keeps the alert engine's level while a ratio hovers just above the threshold (no flicker)", () => {
    expect(state(profile('a', 'A', reportOf(flexAt('305')), { alertLevel: 'warn' }))).toBe('warn');
    expect(state(profile('a', 'A', reportOf(flexAt('155')), { alertLevel: 'critical' }))).toBe('critical');
    expect(state(profile('a', 'A', reportOf(flexAt('140')), { alertLevel: 'warn' }))).toBe('critical');
  });

  it('stale when data is old or monitoring was interrupted, offline when the exchange or the key cannot be reached', () => {
    const with_ = (connection: ConnectionState, more: Partial<TrayProfileInput> = {}) => state(profile('a', 'A', reportOf(flexAt('900')), { connection, ...more }));
    expect(with_('stale')).toBe('stale');
    expect(with_('live', { monitoringInterrupted: true })).toBe('stale');
    expect(with_('offline')).toBe('offline');
    expect(with_('authFailed')).toBe('offline');
    expect(with_('keychainLocked')).toBe('offline');
    expect(with_('refreshing')).toBe('ok');
    expect(with_('idle')).toBe('ok');
  });

  it('a last-known critical stays critical when the data stops; across profiles critical > warn > offline > stale > ok', () => {
    expect(state(profile('a', 'A', reportOf(flexAt('140')), { connection: 'offline' }))).toBe('critical');
    expect(state(profile('a', 'A', reportOf(flexAt('280'))), profile('b', 'B', reportOf(flexAt('900')), { connection: 'offline' }))).toBe('warn');
    expect(state(profile('a', 'A', reportOf(flexAt('900')), { connection: 'stale' }), profile('b', 'B', null, { connection: 'offline' }))).toBe('offline');
    expect(state()).toBe('ok');
  });
});

describe('tray tooltip', () => {
  const tooltip = (...profiles: TrayProfileInput[]) => buildTrayModel({ profiles, activeProfileId: null, privacyMode: true }).tooltip;

  it('names the worst account and its figure, and how many other profiles need attention', () => {
    expect(
      tooltip(
        profile('a', 'Main', reportOf(flexAt('900'), subAt('s', 'Scalper', '142.5'))),
        profile('b', 'Backup', reportOf(flexAt('280'))),
        profile('c', 'Calm', reportOf(flexAt('900'))),
      ),
    ).toBe('Margin Desk - [Main] Scalper 142 % critical (+1 more needing attention)');
  });

  it('says so when the worst news is that a profile is not being watched', () => {
    expect(tooltip(profile('a', 'Main', reportOf(flexAt('900')), { connection: 'offline' }))).toBe('Margin Desk - [Main] offline, last: Flex 900 %');
    expect(tooltip(profile('a', 'Main', null, { monitoringInterrupted: true }))).toBe('Margin Desk - [Main] monitoring interrupted');
  });

  it('healthy and idle cases', () => {
    expect(tooltip(profile('a', 'Main', reportOf(flexAt('820'))))).toBe('Margin Desk - [Main] Flex 820 %');
    expect(tooltip(profile('a', 'Main', reportOf(flexWithoutMargin())))).toBe('Margin Desk - [Main] no margin used');
    expect(tooltip(profile('a', 'Main', null))).toBe('Margin Desk - [Main] no data yet');
    expect(tooltip()).toBe('Margin Desk - no profiles');
  });

  it('fits the 127 characters Windows shows', () => {
    const text = tooltip(profile('a', 'M'.repeat(200), reportOf(flexAt('140'))));
    expect(text).toHaveLength(127);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('tray menu', () => {
  it('lists each profile with its status (the active one checked), then open, refresh, snooze, privacy, quit', () => {
    const model = buildTrayModel({
      profiles: [profile('a', 'Main', reportOf(flexAt('142'))), profile('b', 'Backup', reportOf(flexAt('900')), { connection: 'offline', snoozedUntil: 1 })],
      activeProfileId: 'b',
      privacyMode: true,
    });
    expect(labels(model.menu)).toEqual([
      'Main — Flex 142 % critical',
      'Backup — offline, last: Flex 900 % (snoozed)',
      '—',
      'Open Margin Desk',
      'Refresh now',
      'Snooze alerts (some snoozed) ›',
      '  All profiles ›',
      '    For 15 minutes',
      '    For 1 hour',
      '    For 4 hours',
      '    For 8 hours',
      '    Resume alerts',
      '  Main ›',
      '    For 15 minutes',
      '    For 1 hour',
      '    For 4 hours',
      '    For 8 hours',
      '  Backup (snoozed) ›',
      '    For 15 minutes',
      '    For 1 hour',
      '    For 4 hours',
      '    For 8 hours',
      '    Resume alerts',
      '  —',
      '  Liquidation alerts always show',
      'Privacy mode',
      '—',
      'Quit Margin Desk',
    ]);
    expect(model.menu.slice(0, 2)).toEqual([
      { type: 'radio', label: 'Main — Flex 142 % critical', checked: false, action: { kind: 'switchProfile', profileId: 'a' } },
      { type: 'radio', label: 'Backup — offline, last: Flex 900 % (snoozed)', checked: true, action: { kind: 'switchProfile', profileId: 'b' } },
    ]);
    expect(model.menu.find((item) => item.type === 'checkbox')).toEqual({ type: 'checkbox', label: 'Privacy mode', checked: true, action: { kind: 'setPrivacyMode', enabled: false } });
  });

  it('with one profile the snooze durations sit directly in the submenu and act on that profile', () => {
    const model = buildTrayModel({ profiles: [profile('a', 'Main', reportOf(flexAt('900')))], activeProfileId: 'a', privacyMode: false });
    const snooze = model.menu.find((item) => item.type === 'submenu');
    expect(snooze?.type === 'submenu' && snooze.items[1]).toEqual({ type: 'action', label: 'For 1 hour', action: { kind: 'snooze', profileIds: ['a'], minutes: 60 }, enabled: true });
    expect(labels(model.menu)).toContain('Snooze alerts ›');
  });

  it('without profiles: a note, refresh disabled, no snooze', () => {
    const model = buildTrayModel({ profiles: [], activeProfileId: null, privacyMode: false });
    expect(labels(model.menu)).toEqual(['No profiles yet', '—', 'Open Margin Desk', 'Refresh now', 'Privacy mode', '—', 'Quit Margin Desk']);
    expect(model.menu.find((item) => item.type === 'action' && item.label === 'Refresh now')).toMatchObject({ enabled: false });
  });

  it('is plain data: the same input gives an equal model', () => {
    const input = { profiles: [profile('a', 'Main', reportOf(flexAt('280')))], activeProfileId: 'a', privacyMode: false };
    expect(buildTrayModel(input)).toEqual(buildTrayModel(structuredClone(input)));
  });
});

describe('tray desks', () => {
  it('lists desks first, each speaking with its member closest to trouble, named, then the profiles in no desk; the shown desk is checked', () => {
    const model = buildTrayModel({
      profiles: [profile('a', 'Trader 1', reportOf(flexAt('900'))), profile('b', 'Trader 2', reportOf(flexAt('142.5'))), profile('c', 'Solo', reportOf(flexAt('900')))],
      activeProfileId: null,
      desks: [
        { id: 'd1', name: 'Team', memberIds: ['a', 'b'] },
        { id: 'd2', name: 'Calm desk', memberIds: ['a'] },
      ],
      activeDeskId: 'd1',
      privacyMode: false,
    });
    // The switcher's order (src-shared/switch-order.ts): members are reached through their desk.
    expect(labels(model.menu).slice(0, 5)).toEqual(['Team — [Trader 2] Flex 142 % critical', 'Calm desk — [Trader 1] Flex 900 %', '—', 'Solo — Flex 900 %', '—']);
    const desks = model.menu.filter((item) => item.type === 'radio' && item.action.kind === 'switchDesk');
    expect(desks.map((item) => item.type === 'radio' && [item.checked, item.action])).toEqual([
      [true, { kind: 'switchDesk', deskId: 'd1' }],
      [false, { kind: 'switchDesk', deskId: 'd2' }],
    ]);
  });

  it('keeps a desk of 200 keys to one entry in the menu and in the snooze menu; a member opened alone follows its desk, checked', () => {
    const members = Array.from({ length: 200 }, (_, index) => profile(`k${index}`, `Key ${index}`, reportOf(flexAt(index === 150 ? '120' : '900'))));
    const model = buildTrayModel({
      profiles: [...members, profile('x', 'Alpha', reportOf(flexAt('900'))), profile('y', 'Beta', null)],
      activeProfileId: 'k3',
      desks: [{ id: 'big', name: 'Subaccounts', memberIds: members.map((member) => member.id) }],
      activeDeskId: null,
      privacyMode: false,
    });
    const top = labels(model.menu).slice(0, labels(model.menu).indexOf('Open Margin Desk'));
    expect(top).toEqual(['Subaccounts — [Key 150] Flex 120 % critical', 'Key 3 — Flex 900 %', '—', 'Alpha — Flex 900 %', 'Beta — no data yet', '—']);
    expect(model.menu[1]).toEqual({ type: 'radio', label: 'Key 3 — Flex 900 %', checked: true, action: { kind: 'switchProfile', profileId: 'k3' } });
    const snooze = model.menu.find((item) => item.type === 'submenu');
    const entries = snooze?.type === 'submenu' ? snooze.items.filter((item) => item.type === 'submenu').map((item) => item.label) : [];
    expect(entries).toEqual(['All profiles', 'Subaccounts (desk)', 'Key 3', 'Alpha', 'Beta']);
    const desk = snooze?.type === 'submenu' ? snooze.items.find((item) => item.type === 'submenu' && item.label === 'Subaccounts (desk)') : undefined;
    const hour = desk?.type === 'submenu' ? desk.items[1] : undefined;
    expect(hour?.type === 'action' && hour.action).toEqual({ kind: 'snooze', profileIds: members.map((member) => member.id), minutes: 60 });
    expect(model.tooltip).toBe('Margin Desk - [Key 150] Flex 120 % critical');
  });
});
