/**
 * Sleep and wake through the fake electron module, on the real services: refreshing pauses while
 * the computer sleeps and resumes on wake; unlocking the screen checks the keychain first.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { followPowerEvents } from '../../../src-main/electron/power-events.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { fake } from '../../support/fake-electron.ts';
import { startedServices } from '../app/support/started-services.ts';

beforeEach(() => fake.reset());

describe('power events', () => {
  it('pauses refreshing on suspend, and on resume tells the alerts before refreshing starts again', async () => {
    const { services } = await startedServices();
    const calls: string[] = [];
    vi.spyOn(services.scheduler, 'pause').mockImplementation(() => void calls.push('pause'));
    vi.spyOn(services.scheduler, 'resume').mockImplementation(() => void calls.push('resume'));
    vi.spyOn(services.alerts, 'resumed').mockImplementation(() => void calls.push('alerts resumed'));
    followPowerEvents(services, createLogger({ filePath: null, console: false }));
    fake.powerMonitor.fire('suspend');
    fake.powerMonitor.fire('resume');
    expect(calls).toEqual(['pause', 'alerts resumed', 'resume']);
  });

  it('checks the keychain on unlock, then wakes the monitor', async () => {
    const { services } = await startedServices();
    const calls: string[] = [];
    const check = services.profiles.checkKeychain.bind(services.profiles);
    vi.spyOn(services.profiles, 'checkKeychain').mockImplementation(async () => {
      calls.push('checkKeychain');
      return check();
    });
    vi.spyOn(services.scheduler, 'resume').mockImplementation(() => void calls.push('resume'));
    followPowerEvents(services, createLogger({ filePath: null, console: false }));
    fake.powerMonitor.fire('unlock-screen');
    await expect.poll(() => calls).toEqual(['checkKeychain', 'resume']);
  });
});
