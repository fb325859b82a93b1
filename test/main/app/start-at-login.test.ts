/**
 * "Start at login" follows the system at start-up: an entry the user removed in the system's
 * settings turns the setting off, an entry that exists turns it on.
 */
import { describe, expect, it } from 'vitest';
import { adoptSystemStartAtLogin } from '../../../src-main/app/start-at-login.ts';
import { startedServices } from './support/started-services.ts';

describe('start at login at start-up', () => {
  it('turns the setting off when the system no longer starts the app at login', async () => {
    const { services, hookCalls } = await startedServices();
    services.updateSettings({ startAtLogin: true });
    adoptSystemStartAtLogin(services, false);
    expect(services.store.settings.get().startAtLogin).toBe(false);
    expect(hookCalls.at(-1)).toBe('setStartAtLogin false true');
  });

  it('turns it on when the system starts the app at login', async () => {
    const { services } = await startedServices();
    adoptSystemStartAtLogin(services, true);
    expect(services.store.settings.get().startAtLogin).toBe(true);
  });

  it('changes nothing when both agree', async () => {
    const { services, hookCalls } = await startedServices();
    adoptSystemStartAtLogin(services, false);
    expect(services.store.settings.get().startAtLogin).toBe(false);
    expect(hookCalls).toEqual([]);
  });
});
