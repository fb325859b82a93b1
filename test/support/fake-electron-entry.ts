/**
 * The fake `electron` module as a module of its own, for child processes that run the main process's
 * code under plain Node (where vitest's vi.mock is not there): a resolve hook maps 'electron' here.
 */
import type Electron from 'electron';
import { fakeElectronModule } from './fake-electron.ts';

const electron = fakeElectronModule() as unknown as typeof Electron;

export const { app, dialog } = electron;
export default electron;
