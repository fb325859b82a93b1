import { describe, expect, it } from 'vitest';
import { decideWindowClose, trayHint } from '../../../src-main/monitor/tray-close-hint.ts';

describe('closing the window', () => {
  it('hides to the tray and shows the hint the first time only', () => {
    expect(decideWindowClose({ quitting: false, trayShown: true, platform: 'linux', trayHintShown: false })).toEqual({ keepRunning: true, showHint: true });
    expect(decideWindowClose({ quitting: false, trayShown: true, platform: 'linux', trayHintShown: true })).toEqual({ keepRunning: true, showHint: false });
  });

  it('closes for real when quitting, or when no tray (and no macOS dock) could bring the window back', () => {
    expect(decideWindowClose({ quitting: true, trayShown: true, platform: 'win32', trayHintShown: false })).toEqual({ keepRunning: false, showHint: false });
    expect(decideWindowClose({ quitting: false, trayShown: false, platform: 'linux', trayHintShown: false })).toEqual({ keepRunning: false, showHint: false });
    expect(decideWindowClose({ quitting: false, trayShown: false, platform: 'darwin', trayHintShown: false })).toEqual({ keepRunning: true, showHint: true });
  });

  it('the hint names the tray as the OS calls it', () => {
    expect(trayHint('darwin').body).toContain('menu bar');
    expect(trayHint('linux').body).toContain('system tray');
  });
});
