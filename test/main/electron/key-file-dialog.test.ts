import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import type { BrowserWindow } from 'electron';
import { chooseKeyFile } from '../../../src-main/electron/key-file-dialog.ts';
import { fake, FakeBrowserWindow } from '../../support/fake-electron.ts';

beforeEach(() => fake.reset());

describe('the open dialog for a file of keys', () => {
  it('gives the chosen path, shown over the window', async () => {
    fake.openDialogAnswer = { canceled: false, filePaths: ['/home/me/keys.csv'] };
    const window = new FakeBrowserWindow({}) as unknown as BrowserWindow;
    expect(await chooseKeyFile(window)).toBe('/home/me/keys.csv');
    const [args] = fake.openDialogs as unknown[][];
    expect(args?.[0]).toBe(window);
    expect(args?.[1]).toMatchObject({ properties: ['openFile'] });
  });

  it('gives null when the dialog is closed without a file, also without a window', async () => {
    expect(await chooseKeyFile(null)).toBeNull();
    expect(fake.openDialogs).toHaveLength(1);
  });
});
