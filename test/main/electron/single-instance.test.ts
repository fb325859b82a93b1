import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { claimSingleInstance } from '../../../src-main/electron/single-instance.ts';
import { fake } from '../../support/fake-electron.ts';

beforeEach(() => fake.reset());

function secondLaunch(argv: string[], workingDirectory = '/home/ann'): void {
  fake.app.fire('second-instance', { preventDefault() {} }, argv, workingDirectory);
}

describe('single instance', () => {
  it('lets the first instance start', () => {
    expect(claimSingleInstance({ onSecondLaunch: () => undefined })).toBe(true);
    expect(fake.app.quitting).toBe(false);
  });

  it('makes a second instance quit at once', () => {
    fake.app.singleInstanceLock = false;
    expect(claimSingleInstance({ onSecondLaunch: () => undefined })).toBe(false);
    expect(fake.app.quitting).toBe(true);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('asks for the window when the app is launched again', () => {
    let launches = 0;
    claimSingleInstance({ onSecondLaunch: () => launches++ });
    secondLaunch(['/opt/Margin Desk/margin-desk']);
    secondLaunch(['margin-desk', '--profile=main'], '/tmp');
    expect(launches).toBe(2);
  });

  it('leaves the window alone when the second launch is the hidden login start', () => {
    let launches = 0;
    claimSingleInstance({ onSecondLaunch: () => launches++ });
    secondLaunch(['margin-desk', '--hidden']);
    expect(launches).toBe(0);
  });
});
