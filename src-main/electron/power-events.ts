/**
 * Sleep, wake and the screen lock, as the monitor needs them: refreshing stops while the computer
 * sleeps (requests would only time out), and on wake the alert engine knows the gap was sleep, not
 * an outage, before refreshing starts again. Unlocking the screen may also have opened a keyring
 * that was locked with the session, so the keychain is checked before waking the monitor.
 */
import { powerMonitor } from 'electron';
import type { AppServices } from '../app/app-services.ts';
import type { Logger } from '../log/logger.ts';

export type PowerServices = Pick<AppServices, 'scheduler' | 'streams' | 'alerts' | 'profiles'>;

export function followPowerEvents(services: PowerServices, logger: Logger): void {
  const wake = (): void => {
    services.alerts.resumed();
    services.scheduler.resume();
    services.streams.resume();
  };
  powerMonitor.on('suspend', () => {
    services.scheduler.pause();
    services.streams.pause();
  });
  powerMonitor.on('lock-screen', () => logger.info('Screen locked'));
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', () => {
    void services.profiles.checkKeychain().finally(wake);
  });
}
