/**
 * Native notifications for alerts: a thin Electron adapter. The alert engine has already decided
 * whether an alert may show (snooze, quiet hours, rate cap: AlertRecord.notified); this only draws
 * it and reports a click, so the window can open on the account the alert is about.
 */
import { Notification } from 'electron';
import type { AlertRecord } from '../../src-shared/alert-model.ts';
import { PROFILE_ALERT_KEY } from '../monitor/alert-engine.ts';
import { alertAdvice } from '../monitor/alert-text.ts';

/** Where a clicked alert should open the window: the profile, and the account unless the alert is about the whole profile. */
export interface AlertTarget {
  readonly profileId: string;
  readonly accountKey: string | null;
}

export interface NotifierOptions {
  readonly onOpen: (target: AlertTarget) => void;
  /** Privacy mode hides amounts on screen, so notification bodies keep only the advice. */
  readonly isPrivacyMode: () => boolean;
  /** The app icon for platforms that show one beside the text (Linux). */
  readonly iconPath?: string;
  /** Decides whether bodies are escaped as markup (default: this process's platform). */
  readonly platform?: NodeJS.Platform;
}

const MARKUP_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Linux notification servers read the body as markup (the Desktop Notifications spec: <b>, <i>,
 * <a href>, <img>), and bodies quote subaccount labels the exchange sends: escaped, they show as
 * written instead of becoming links or images. macOS and Windows show the body as plain text.
 */
export function notificationBodyFor(platform: NodeJS.Platform, body: string): string {
  return platform === 'linux' ? body.replace(/[&<>]/g, (char) => MARKUP_ENTITIES[char]!) : body;
}

/**
 * Notifications still on screen. Electron drops the click handler of a Notification object that
 * was garbage-collected (Windows action center), so each one is kept until it is clicked or closed;
 * the cap bounds the set when the OS never reports either.
 */
const MAX_KEPT = 50;

export class Notifier {
  readonly #options: NotifierOptions;
  readonly #kept = new Set<Notification>();

  constructor(options: NotifierOptions) {
    this.#options = options;
  }

  /** Shows an alert the engine marked `notified`. Returns whether a notification was shown. */
  showAlert(alert: AlertRecord): boolean {
    if (!alert.notified) return false;
    const urgent = alert.level === 'critical' || alert.level === 'liquidation';
    return this.#show(
      {
        title: alert.title,
        body: this.#options.isPrivacyMode() ? alertAdvice(alert.level) : alert.body,
        // Critical notifications stay until dismissed (Linux, Windows) instead of fading unseen.
        urgency: urgent ? 'critical' : 'normal',
        timeoutType: urgent ? 'never' : 'default',
      },
      () => this.#options.onOpen({ profileId: alert.profileId, accountKey: alert.accountKey === PROFILE_ALERT_KEY ? null : alert.accountKey }),
    );
  }

  /** An informational notification (the one-time "still running in the tray" hint). */
  showInfo(message: { readonly title: string; readonly body: string }, onClick?: () => void): boolean {
    return this.#show({ title: message.title, body: message.body, urgency: 'low', timeoutType: 'default' }, onClick);
  }

  #show(
    content: { title: string; body: string; urgency: 'low' | 'normal' | 'critical'; timeoutType: 'default' | 'never' },
    onClick: (() => void) | undefined,
  ): boolean {
    if (!Notification.isSupported()) return false;
    const body = notificationBodyFor(this.#options.platform ?? process.platform, content.body);
    const notification = new Notification({ ...content, body, silent: false, ...(this.#options.iconPath === undefined ? {} : { icon: this.#options.iconPath }) });
    const release = (): void => {
      this.#kept.delete(notification);
    };
    notification.on('click', () => {
      release();
      onClick?.();
    });
    notification.on('close', release);
    notification.on('failed', release);
    this.#kept.add(notification);
    if (this.#kept.size > MAX_KEPT) this.#kept.delete(this.#kept.values().next().value!);
    notification.show();
    return true;
  }
}
