/**
 * Closing the window: hidden into the tray while the app keeps watching (with the one-time hint),
 * really closed when quitting or when nothing could bring the window back.
 */
import { describe, expect, it } from 'vitest';
import { ClosePolicy } from '../../../src-main/app/close-policy.ts';
import type { TrayHint } from '../../../src-main/monitor/tray-close-hint.ts';
import { startedServices } from './support/started-services.ts';

async function policy(options: { platform?: string; trayShown?: boolean } = {}) {
  const { services } = await startedServices();
  const hints: TrayHint[] = [];
  let quitting = false;
  const closePolicy = new ClosePolicy({
    platform: options.platform ?? 'linux',
    quitting: () => quitting,
    trayShown: () => options.trayShown ?? true,
    settings: services.store.settings,
    updateSettings: (changes) => services.updateSettings(changes),
    showHint: (hint) => void hints.push(hint),
  });
  return { services, closePolicy, hints, quit: () => (quitting = true) };
}

describe('close policy', () => {
  it('hides the window while a tray icon exists, and tells the user once where the app went', async () => {
    const { services, closePolicy, hints } = await policy();
    expect(closePolicy.hideOnClose()).toBe(true);
    expect(closePolicy.hideOnClose()).toBe(true);
    expect(hints.map((hint) => hint.title)).toEqual(['Margin Desk is still watching your margin']);
    expect(hints[0]!.body).toContain('system tray');
    expect(services.store.settings.get().trayHintShown).toBe(true);
  });

  it('closes when the user quits', async () => {
    const { closePolicy, hints, quit } = await policy();
    quit();
    expect(closePolicy.hideOnClose()).toBe(false);
    expect(hints).toEqual([]);
  });

  it('closes without a tray icon, except on macOS where the dock brings the window back', async () => {
    expect((await policy({ trayShown: false })).closePolicy.hideOnClose()).toBe(false);
    const mac = await policy({ trayShown: false, platform: 'darwin' });
    expect(mac.closePolicy.hideOnClose()).toBe(true);
    expect(mac.hints[0]!.body).toContain('menu bar');
  });
});
