import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { resourcesDir } from '../../../src-main/electron/app-paths.ts';
import { fake } from '../../support/fake-electron.ts';

beforeEach(() => fake.reset());
afterEach(() => {
  // Electron sets it in the app; plain Node has none.
  Reflect.deleteProperty(process, 'resourcesPath');
});

describe("the app's resources", () => {
  it("are the packaged app's resources folder, or build/ in a development checkout", () => {
    expect(resourcesDir()).toBe(join(process.cwd(), 'build'));
    fake.app.isPackaged = true;
    Object.assign(process, { resourcesPath: '/opt/Margin Desk/resources' });
    expect(resourcesDir()).toBe('/opt/Margin Desk/resources');
  });
});
