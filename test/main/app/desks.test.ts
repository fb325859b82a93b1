/**
 * Desks in the running app (real SQLite, the services as the window uses them): showing a desk
 * watches every member as the active profile is watched, a profile switch puts the desk away, and
 * the desks follow deleted profiles.
 */
import { describe, expect, it } from 'vitest';
import type { DeskList } from '../../../src-preload/contract.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { buildProfile } from '../store/fixtures/profile-fixture.ts';
import { addStoredProfile, startedServices } from './support/started-services.ts';
import type { AppServices } from '../../../src-main/app/app-services.ts';

/** A Kraken API key profile whose alerts are off: streamed only while it is shown. */
function addQuietStreamedProfile(services: AppServices, id: string): string {
  services.store.profiles.insert(buildProfile(id, { source: 'uws', baseUrl: 'http://127.0.0.1:9', streamUrl: 'ws://127.0.0.1:9/v2/private' }));
  services.setAlertRules(id, { ...services.alertRules(id), enabled: false });
  return id;
}

describe('desks in the app', () => {
  it('while a desk is shown every member is watched as the active profile is; a profile switch puts the desk away', async () => {
    const { services } = await startedServices();
    const shownProfile = addStoredProfile(services, 'main');
    const a = addQuietStreamedProfile(services, 'a');
    const b = addQuietStreamedProfile(services, 'b');
    services.activate(shownProfile);
    expect([services.streams.has(a), services.streams.has(b)]).toEqual([false, false]);

    const desk = services.desks.create({ name: 'Team', memberIds: [a, b] });
    services.activateDesk(desk.id);
    expect([services.streams.has(a), services.streams.has(b)]).toEqual([true, true]);
    expect(services.trayInput()).toMatchObject({ activeProfileId: null, activeDeskId: desk.id, desks: [{ id: desk.id, name: 'Team', memberIds: [a, b] }] });

    services.activate(a);
    expect(services.desks.activeDeskId()).toBeNull();
    expect([services.streams.has(a), services.streams.has(b)]).toEqual([true, false]);
  });

  it('opening a member alone keeps its stream open: only the other members are put away', async () => {
    const { services } = await startedServices();
    addStoredProfile(services, 'main');
    const a = addQuietStreamedProfile(services, 'a');
    const b = addQuietStreamedProfile(services, 'b');
    services.activate('main');
    services.activateDesk(services.desks.create({ name: 'Team', memberIds: [a, b] }).id);
    const streamedLists: string[][] = [];
    const setProfiles = services.streams.setProfiles.bind(services.streams);
    services.streams.setProfiles = (profiles) => {
      streamedLists.push(profiles.map((profile) => profile.id));
      setProfiles(profiles);
    };
    services.activate(a);
    // never a list without the member: that would close its connection and open a new one (a new token, figures again)
    expect(streamedLists.length).toBeGreaterThan(0);
    expect(streamedLists.every((ids) => ids.includes(a))).toBe(true);
    expect(streamedLists.at(-1)).toEqual([a]);
  });

  it('announces desk changes to the window, and a deleted profile leaves its desks (an emptied desk goes)', async () => {
    const { services } = await startedServices();
    const a = addStoredProfile(services, 'a');
    const b = addStoredProfile(services, 'b');
    const lists: DeskList[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'desksChanged') lists.push(payload as DeskList);
    });
    const both = services.desks.create({ name: 'Both', memberIds: [a, b] });
    services.desks.create({ name: 'Only b', memberIds: [b] });
    await services.profiles.delete(b);
    expect(lists.at(-1)).toEqual({ desks: [{ ...both, memberIds: [a] }], activeDeskId: null });
  });

  it('the window opens on the shown desk with its members\' cached views, without making a profile active', async () => {
    const { services } = await startedServices();
    const sample = services.profiles.createSample().id;
    const other = addStoredProfile(services, 'other');
    await services.scheduler.refreshNow(sample);
    const desk = services.desks.create({ name: 'Team', memberIds: [sample, other] });
    const handlers = createHandlerTable(services);
    const members = await handlers.activateDesk({ id: desk.id });
    expect(members.map((view) => view.snapshot.profileId)).toEqual([sample]);
    const opening = await handlers.openWindow(undefined);
    expect(opening.desks.activeDeskId).toBe(desk.id);
    expect(opening.members.map((view) => view.snapshot.profileId)).toEqual([sample]);
    expect(services.profiles.activeProfileId()).toBeNull();
  });
});
