import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { type AlertTarget, Notifier } from '../../../src-main/electron/notifier.ts';
import type { AlertRecord } from '../../../src-shared/alert-model.ts';
import { FakeNotification, fake } from '../../support/fake-electron.ts';

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 7,
    profileId: 'main',
    profileName: 'Main',
    accountKey: 'sub:a',
    accountLabel: 'Alpha',
    level: 'critical',
    title: '[Alpha] Margin level 142 % - critical',
    body: 'Margin equity is 42.00 USD above maintenance margin.\nAdd collateral or reduce positions now.',
    raisedAt: 0,
    notified: true,
    acknowledgedAt: null,
    ...overrides,
  };
}

function notifier(privacy = false, platform: NodeJS.Platform = 'linux') {
  const opened: AlertTarget[] = [];
  return { opened, notifier: new Notifier({ onOpen: (target) => opened.push(target), isPrivacyMode: () => privacy, platform }) };
}

beforeEach(() => fake.reset());

describe('Notifier', () => {
  it('shows an alert with its title and body; critical ones are urgent and stay', () => {
    const { notifier: n } = notifier();
    expect(n.showAlert(alert())).toBe(true);
    expect(FakeNotification.shown.map((shown) => shown.options)).toEqual([
      {
        title: '[Alpha] Margin level 142 % - critical',
        body: 'Margin equity is 42.00 USD above maintenance margin.\nAdd collateral or reduce positions now.',
        urgency: 'critical',
        timeoutType: 'never',
        silent: false,
      },
    ]);
    n.showAlert(alert({ level: 'warn', title: '[Alpha] Margin level 280 % - warning' }));
    expect(FakeNotification.shown[1]!.options).toMatchObject({ urgency: 'normal', timeoutType: 'default' });
  });

  it('shows nothing for an alert the engine kept off the desktop', () => {
    const { notifier: n } = notifier();
    expect(n.showAlert(alert({ notified: false }))).toBe(false);
    expect(FakeNotification.shown).toEqual([]);
  });

  it('in privacy mode the body keeps only the advice, no amounts', () => {
    const { notifier: n } = notifier(true);
    n.showAlert(alert());
    expect(FakeNotification.shown[0]!.options.body).toBe('Add collateral or reduce positions now.');
  });

  it('a click opens the window on the account, or on the profile for profile-wide alerts', () => {
    const { notifier: n, opened } = notifier();
    n.showAlert(alert());
    n.showAlert(alert({ level: 'interrupted', accountKey: 'profile', title: '[Main] Monitoring interrupted' }));
    FakeNotification.shown[0]!.fire('click');
    FakeNotification.shown[1]!.fire('click');
    expect(opened).toEqual([
      { profileId: 'main', accountKey: 'sub:a' },
      { profileId: 'main', accountKey: null },
    ]);
  });

  it('shows the one-time tray hint as a quiet notification', () => {
    const { notifier: n } = notifier();
    let clicked = false;
    n.showInfo({ title: 'Margin Desk is still watching your margin', body: 'It keeps running.' }, () => (clicked = true));
    FakeNotification.shown[0]!.fire('click');
    expect(FakeNotification.shown[0]!.options).toMatchObject({ title: 'Margin Desk is still watching your margin', urgency: 'low' });
    expect(clicked).toBe(true);
  });

  describe('Linux notification markup', () => {
    // A subaccount label is chosen by whoever owns the subaccount and sent by the exchange.
    const hostile = alert({
      accountLabel: '<a href="https://evil.example">Click</a> & <b>win</b>',
      body: 'Margin of <a href="https://evil.example">Click</a> & <b>win</b> < 150 %.\nAdd collateral.',
    });

    it('escapes & < > in bodies on Linux, where notification servers read the body as markup', () => {
      const { notifier: n } = notifier(false, 'linux');
      n.showAlert(hostile);
      n.showInfo({ title: 'Hint', body: 'Tray & <i>menu</i>' });
      expect(FakeNotification.shown[0]!.options.body).toBe(
        'Margin of &lt;a href="https://evil.example"&gt;Click&lt;/a&gt; &amp; &lt;b&gt;win&lt;/b&gt; &lt; 150 %.\nAdd collateral.',
      );
      expect(FakeNotification.shown[1]!.options.body).toBe('Tray &amp; &lt;i&gt;menu&lt;/i&gt;');
    });

    it('leaves bodies as they are on macOS and Windows, which show plain text', () => {
      for (const platform of ['darwin', 'win32'] as const) {
        fake.reset();
        const { notifier: n } = notifier(false, platform);
        n.showAlert(hostile);
        expect(FakeNotification.shown[0]!.options.body).toBe(hostile.body);
      }
    });
  });
});
