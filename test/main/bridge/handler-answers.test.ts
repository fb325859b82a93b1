/**
 * What two calls answer through the real dispatcher and handler table on real services: deleting a
 * profile whose key the keychain would not give up says so (the renderer shows it), and an
 * acknowledgement answers the alert with main's acknowledgement time (the renderer shows that one).
 */
import { describe, expect, it } from 'vitest';
import { CALL_CHANNELS, type BridgeResult, type CallName, type CallOutput } from '../../../src-preload/contract.ts';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { keychainLockedError } from '../../../src-main/profiles/keychain-errors.ts';
import { flexAt, reportOf } from '../monitor/health-fixtures.ts';
import { addStoredProfile, startedServices } from '../app/support/started-services.ts';

const APP = 'app://margin-desk/';
const WINDOW: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: `${APP}index.html` };

async function bridged() {
  const started = await startedServices();
  const dispatcher = createDispatcher({ handlers: createHandlerTable(started.services), appOrigin: APP, logger: started.services.logger });
  const call = async <K extends CallName>(name: K, input: unknown): Promise<BridgeResult<CallOutput<K>>> =>
    (await dispatcher.dispatch(CALL_CHANNELS[name], WINDOW, [input])) as BridgeResult<CallOutput<K>>;
  return { ...started, call };
}

describe('deleteProfile', () => {
  it('answers no warning when the key left the keychain with the profile', async () => {
    const { services, secrets, call } = await bridged();
    const id = addStoredProfile(services, 'p1', 'Main');
    await secrets.set(id, { apiKey: 'key', apiSecret: 'c2VjcmV0' });
    expect(await call('deleteProfile', { id })).toEqual({ ok: true, value: { warning: null } });
    expect(secrets.accounts()).toEqual([]);
  });

  it('answers a warning with what to do when the keychain kept the key (locked)', async () => {
    const { services, secrets, call } = await bridged();
    const id = addStoredProfile(services, 'p1', 'Main');
    await secrets.set(id, { apiKey: 'key', apiSecret: 'c2VjcmV0' });
    secrets.failure = keychainLockedError('linux');
    const result = await call('deleteProfile', { id });
    expect(result).toMatchObject({ ok: true, value: { warning: { kind: 'keychainEntryLeft', retryable: false } } });
    const warning = result.ok ? result.value.warning : null;
    expect(warning?.message).toContain('“Main” was deleted, but its API key could not be removed from the system keychain');
    expect(warning?.action).toContain('removes the key the next time it can open the keychain');
    expect(services.profiles.list().profiles).toEqual([]);
  });
});

describe('acknowledgeAlert', () => {
  it("answers the alert acknowledged at main's time, and keeps the first acknowledgement", async () => {
    const { services, call } = await bridged();
    const id = addStoredProfile(services, 'p1', 'Main');
    const [raised] = services.alerts.healthChecked(id, reportOf(flexAt('140')), Date.now());
    const before = Date.now();
    const first = await call('acknowledgeAlert', { id: raised!.id });
    const after = Date.now();
    expect(first.ok).toBe(true);
    const acknowledgedAt = first.ok ? first.value.acknowledgedAt : null;
    expect(acknowledgedAt).toBeGreaterThanOrEqual(before);
    expect(acknowledgedAt).toBeLessThanOrEqual(after);
    expect(first).toEqual({ ok: true, value: { ...raised, acknowledgedAt } });
    expect(await call('acknowledgeAlert', { id: raised!.id })).toEqual(first);
  });

  it('answers notFound for an alert that does not exist', async () => {
    const { call } = await bridged();
    expect(await call('acknowledgeAlert', { id: 424242 })).toMatchObject({ ok: false, error: { kind: 'notFound' } });
  });
});
