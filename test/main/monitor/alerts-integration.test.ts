/**
 * From exchange to desktop: the simulated exchange moves the mark price, the real client fetches
 * and parses the snapshot (in-process, signed), health is evaluated, the alert service raises and
 * logs alerts, the notifier shows them and the tray redraws, all against the fake electron module.
 *
 * The flex account: 10,000 USD collateral, long 5 BTC (pf_xbtusd) entered at 64,000. The margin
 * level is (10,000 + 5 × (P − 64,000)) / (1 % × 5 × P): 312 % at 64,000, below 300 % at 63,900,
 * below 200 % (equity under the 2 % initial margin) at 63,200, below 150 % at 62,900.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { fileURLToPath } from 'node:url';
import { Notifier } from '../../../src-main/electron/notifier.ts';
import { TrayService } from '../../../src-main/electron/tray-service.ts';
import type { Clock } from '../../../src-shared/clock.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { SAMPLE_CREDENTIALS, createSampleDataSource } from '../../../src-main/kraken/simulator/sample-exchange.ts';
import type { AlertDraft } from '../../../src-main/monitor/alert-engine.ts';
import { type AlertRecord, DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { AlertService } from '../../../src-main/monitor/alert-service.ts';
import { evaluateHealth } from '../../../src-main/monitor/health.ts';
import type { HealthReport } from '../../../src-shared/health-model.ts';
import { buildTrayModel } from '../../../src-main/monitor/tray-model.ts';
import { FakeNotification, FakeTray, fake } from '../../support/fake-electron.ts';

const IMAGES = fileURLToPath(new URL('../../../build/tray', import.meta.url));
const START = Date.UTC(2026, 0, 5, 12, 0);

class HandClock implements Clock {
  time = START;
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  /** Request timeouts: the in-process exchange answers at once, so none falls due. */
  timer(): () => void {
    return () => {};
  }
}

beforeEach(() => fake.reset());

function world() {
  const clock = new HandClock();
  const exchange = new SimulatedExchange({ clock, seed: 7 });
  exchange.setMarkPrice('pf_xbtusd', '64000');
  exchange.deposit('USD', '10000');
  exchange.openPosition({ symbol: 'pf_xbtusd', size: '5', entryPrice: '64000' });
  // A subaccount with collateral and no position: listed, never alerting.
  const sub = exchange.addSubaccount({ email: 'quiet@example.com', fullName: 'Quiet' });
  exchange.deposit('USD', '500', { account: sub.uid });
  exchange.addKey({ ...SAMPLE_CREDENTIALS });
  const source = createSampleDataSource({ appVersion: '0.1.0-test', exchange });

  const log: AlertRecord[] = [];
  const alerts = new AlertService({
    sink: { append: (draft: AlertDraft) => (log.push({ ...draft, id: log.length + 1, acknowledgedAt: null }), log.at(-1)!) },
    // ticks are not needed here: the test drives refreshes, not the passing of time
    clock: { now: () => clock.now(), timer: () => () => {} },
    engine: { minuteOfDay: () => 12 * 60 },
  });
  alerts.configure({ profileId: 'sim', profileName: 'Sim', rules: DEFAULT_ALERT_RULES, refreshSeconds: 30 });

  const opened: unknown[] = [];
  const notifier = new Notifier({ onOpen: (target) => opened.push(target), isPrivacyMode: () => false });
  alerts.onAlert((record) => notifier.showAlert(record));
  const tray = new TrayService({ imagesDir: IMAGES, platform: 'linux', onAction: () => {} });

  let health: HealthReport | null = null;
  const drawTray = () =>
    tray.update(
      buildTrayModel({
        profiles: [
          {
            id: 'sim',
            name: 'Sim',
            connection: 'live',
            health,
            monitoringInterrupted: alerts.status('sim').interrupted,
            alertLevel: alerts.status('sim').level,
            snoozedUntil: alerts.status('sim').snoozedUntil,
          },
        ],
        activeProfileId: 'sim',
        privacyMode: false,
      }),
    );

  /** One refresh at mark price `price`, 30 s after the previous one, as the monitor does it. */
  async function refreshAt(price: string): Promise<readonly AlertRecord[]> {
    clock.time += 30_000;
    exchange.setMarkPrice('pf_xbtusd', price);
    const snapshot = await source.fetchSnapshot('sim');
    health = evaluateHealth(snapshot, DEFAULT_ALERT_RULES);
    const raised = alerts.healthChecked('sim', health, snapshot.fetchedAt);
    drawTray();
    return raised;
  }

  return { refreshAt, log, opened, sub, health: () => health };
}

describe('price moves on the simulated exchange → alerts, notifications, tray', () => {
  it('crossing warn, flapping around it, then initial margin and critical raises exactly three alerts', async () => {
    const w = world();
    const trayImage = () => FakeTray.all[0]!.image.path.split('/').at(-1);

    expect(await w.refreshAt('64000')).toEqual([]);
    expect(w.health()!.figures.map((figure) => [figure.accountKey, figure.level, figure.marginRatio])).toEqual([
      ['flex', 'healthy', '3.125'],
      [`sub:${w.sub.uid}`, 'noMargin', null],
    ]);
    expect(trayImage()).toBe('tray-ok-light.png');

    expect(await w.refreshAt('63950')).toEqual([]); // 304.9 %: still above 300 %
    const warn = await w.refreshAt('63900'); // 297.3 %
    expect(trayImage()).toBe('tray-warn-light.png');
    for (const price of ['63920', '63880', '63940', '63500']) expect(await w.refreshAt(price)).toEqual([]); // 300.4, 294.3, 303.4, 236.2 %
    // Initial margin is 2 % of the notional: below 200 % equity no longer covers it.
    const imBreached = await w.refreshAt('63200'); // 189.9 %
    const critical = await w.refreshAt('62900'); // 143.1 %

    expect([...warn, ...imBreached, ...critical].map((alert) => [alert.level, alert.title, alert.notified])).toEqual([
      ['warn', '[Sim] Margin level 297 % - warning', true],
      ['imBreached', '[Sim] Margin level 189 % - initial margin breached', true],
      ['critical', '[Sim] Margin level 143 % - critical', true],
    ]);
    expect(w.log).toHaveLength(3);
    expect(trayImage()).toBe('tray-critical-light.png');
    expect(FakeTray.all[0]!.images.map((image) => image.path.split('/').at(-1))).toEqual(['tray-ok-light.png', 'tray-warn-light.png', 'tray-critical-light.png']); // no flicker while the ratio hovers around 300 %; imBreached shows as warn
    expect(FakeTray.all[0]!.tooltip).toBe('Margin Desk - [Sim] Flex 143 % critical');
    expect(FakeTray.all[0]!.menu!.labels()[0]).toBe('Sim — Flex 143 % critical');

    expect(FakeNotification.shown.map((shown) => shown.options)).toEqual([
      {
        title: '[Sim] Margin level 297 % - warning',
        // equity 10,000 − 500 = 9,500; maintenance margin 1 % × 5 × 63,900 = 3,195
        body: 'Margin equity is 6,305.00 USD above maintenance margin.\nConsider adding collateral or reducing positions.',
        urgency: 'normal',
        timeoutType: 'default',
        silent: false,
      },
      {
        title: '[Sim] Margin level 189 % - initial margin breached',
        // equity 10,000 − 4,000 = 6,000; maintenance margin 3,160, initial margin 6,320
        body: 'Margin equity is 2,840.00 USD above maintenance margin.\nKraken cancels orders that would add risk. Add collateral or reduce positions.',
        urgency: 'normal',
        timeoutType: 'default',
        silent: false,
      },
      {
        title: '[Sim] Margin level 143 % - critical',
        // equity 10,000 − 5,500 = 4,500; maintenance margin 3,145
        body: 'Margin equity is 1,355.00 USD above maintenance margin.\nAdd collateral or reduce positions now.',
        urgency: 'critical',
        timeoutType: 'never',
        silent: false,
      },
    ]);
    FakeNotification.shown[2]!.fire('click');
    expect(w.opened).toEqual([{ profileId: 'sim', accountKey: 'flex' }]);
  });
});
