/**
 * openWindow, the window's one start-up call, through the real dispatcher and handler table on real
 * services (SQLite in a temp folder, the in-process sample exchange, secrets in memory).
 */
import { describe, expect, it } from 'vitest';
import { CALL_CHANNELS, type BridgeResult, type WindowOpening } from '../../../src-preload/contract.ts';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { startedApp } from '../app/started-app.ts';

const APP = 'app://margin-desk/';
const WINDOW: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: `${APP}index.html` };

async function startApp() {
  const app = await startedApp();
  const dispatcher = createDispatcher({ handlers: createHandlerTable(app), appOrigin: APP, logger: app.logger });
  const openWindow = async (...args: unknown[]): Promise<WindowOpening> => {
    const result = (await dispatcher.dispatch(CALL_CHANNELS.openWindow, WINDOW, args)) as BridgeResult<WindowOpening>;
    if (!result.ok) throw new Error(`openWindow failed: ${result.error.message}`);
    return result.value;
  };
  return { app, dispatcher, openWindow };
}

describe('openWindow', () => {
  it('answers the settings and an empty list, without a view, before any profile exists', async () => {
    const { app, openWindow } = await startApp();
    expect(await openWindow()).toEqual({ settings: app.store.settings.get(), profiles: { profiles: [], activeProfileId: null }, view: null, desks: { desks: [], activeDeskId: null }, members: [] });
  });

  it('makes the first profile active when none is, and the list it answers says so', async () => {
    const { app, openWindow } = await startApp();
    const sample = app.profiles.createSample();
    expect(app.profiles.activeProfileId()).toBeNull();
    const opening = await openWindow();
    expect(app.profiles.activeProfileId()).toBe(sample.id);
    expect(opening.profiles.activeProfileId).toBe(sample.id);
    expect(opening.profiles.profiles.map((profile) => profile.id)).toEqual([sample.id]);
  });

  it('answers the active profile’s cached view with its health and status', async () => {
    const { app, openWindow } = await startApp();
    const sample = app.profiles.createSample();
    app.activate(sample.id);
    await app.scheduler.refreshNow(sample.id);
    const opening = await openWindow();
    const full = app.viewOf(sample.id)!;
    expect(opening.view?.snapshot.profileId).toBe(sample.id);
    expect(opening.view?.sample).toBe(true);
    expect(opening.view?.status).toEqual(full.status);
    expect(opening.view?.snapshot.accounts).toEqual(full.snapshot.accounts);
    expect(opening.view?.health.worst).toEqual(full.health.worst);
    expect(opening.settings).toEqual(app.store.settings.get());
  });

  it('leaves a master’s subaccounts out of its view, says how many follow, and getSnapshot answers them all', async () => {
    const { app, dispatcher, openWindow } = await startApp();
    const sample = app.profiles.createSample();
    app.activate(sample.id);
    await app.scheduler.refreshNow(sample.id);
    const full = app.viewOf(sample.id)!;
    const subaccountFigures = full.health.figures.filter((figure) => figure.account.kind === 'subaccountFlex');
    expect(full.snapshot.subaccounts?.subaccounts).toHaveLength(3);
    // The sample's subaccounts each have a flex account (one never used, all zero: Kraken's spec
    // sends the object, not null), so a health figure each.
    expect(subaccountFigures).toHaveLength(3);

    const { view } = await openWindow();
    expect(view?.snapshot.subaccounts).toEqual({ ...full.snapshot.subaccounts, subaccounts: [] });
    expect(view?.health.figures).toEqual(full.health.figures.filter((figure) => !subaccountFigures.includes(figure)));
    expect(view?.subaccountsFollow).toEqual({ subaccounts: 3, figures: 3 });
    expect(await dispatcher.dispatch(CALL_CHANNELS.getSnapshot, WINDOW, [{ profileId: sample.id }])).toEqual({ ok: true, value: full });
  });

  it('writes into the page the same opening the call answers', async () => {
    const { app, dispatcher, openWindow } = await startApp();
    const sample = app.profiles.createSample();
    app.activate(sample.id);
    await app.scheduler.refreshNow(sample.id);
    expect(await dispatcher.openingForPage()).toEqual({ ok: true, value: await openWindow() });
  });

  it('takes no argument: anything passed is refused before main reads or activates anything', async () => {
    const { app, dispatcher } = await startApp();
    app.profiles.createSample();
    const result = await dispatcher.dispatch(CALL_CHANNELS.openWindow, WINDOW, [{ profileId: 'other' }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect(app.profiles.activeProfileId()).toBeNull();
  });
});
