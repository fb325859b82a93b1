/**
 * Keeps the installed app current, so that a version with a new data source reaches users before
 * Kraken switches an old API off. Checks at start and every few hours, downloads in the
 * background, and never restarts by itself: the user is asked, and the restart waits while a
 * critical margin alert is showing (a trader watching a liquidation must not lose the window).
 *
 * Plain Node: the updater itself is a port (./updater-port.ts), electron-updater in the app, so the
 * whole flow is tested against a real feed served on loopback.
 */
import type { Clock } from '../../src-shared/clock.ts';
import type { Logger } from '../log/logger.ts';
import type { UpdaterPort } from './updater-port.ts';
import { describeUpdateFailure } from './update-failure.ts';
import type { InstallOutcome, UpdateState } from '../../src-shared/update-state.ts';

export interface UpdateServiceOptions {
  readonly updater: UpdaterPort;
  readonly clock: Clock;
  readonly logger: Logger;
  /** True while any profile shows a critical or liquidation alert: restarting then waits. */
  readonly criticalAlertShowing: () => boolean;
  readonly onState: (state: UpdateState) => void;
}

/** Often enough to reach everyone within a day of a release, rare enough to cost nothing. */
export const CHECK_EVERY_MS = 4 * 3_600_000;

export class UpdateService {
  readonly #options: UpdateServiceOptions;
  #state: UpdateState = { kind: 'off' };
  #cancelTimer: (() => void) | null = null;
  #checking: Promise<void> | null = null;

  constructor(options: UpdateServiceOptions) {
    this.#options = options;
  }

  get state(): UpdateState {
    return this.#state;
  }

  /** Turns checking on (a check now, then every CHECK_EVERY_MS) or off (a download already made stays ready). */
  setEnabled(enabled: boolean): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    if (!enabled) {
      if (this.#state.kind !== 'ready') this.#setState({ kind: 'off' });
      return;
    }
    if (this.#state.kind === 'off') this.#setState({ kind: 'idle' });
    void this.checkNow();
    this.#scheduleNext();
  }

  /** Checks and, when a newer version exists, downloads it. Never throws: failures become a state. */
  checkNow(): Promise<void> {
    if (this.#state.kind === 'ready') return Promise.resolve();
    this.#checking ??= this.#checkAndDownload().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  /** The user's "Restart to update": restarts unless nothing is ready or a critical alert is showing. */
  installNow(): InstallOutcome {
    if (this.#state.kind !== 'ready') return 'nothingToInstall';
    if (this.#options.criticalAlertShowing()) return 'heldForCriticalAlert';
    this.#options.logger.info('update: restarting to install', { version: this.#state.version });
    this.#options.updater.install();
    return 'restarting';
  }

  dispose(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  #scheduleNext(): void {
    this.#cancelTimer = this.#options.clock.timer(CHECK_EVERY_MS, () => {
      void this.checkNow();
      this.#scheduleNext();
    });
  }

  async #checkAndDownload(): Promise<void> {
    const { updater, clock, logger } = this.#options;
    this.#setState({ kind: 'checking' });
    let version: string | null = null;
    try {
      version = await updater.check();
      if (version === null) {
        this.#setState({ kind: 'upToDate', checkedAt: clock.now() });
        return;
      }
      this.#setState({ kind: 'downloading', version, percent: 0 });
      const downloading = version;
      await updater.download((percent) => this.#setState({ kind: 'downloading', version: downloading, percent }));
      logger.info('update: downloaded and verified', { version });
      this.#setState({ kind: 'ready', version });
    } catch (error) {
      const failure = describeUpdateFailure(error, version);
      logger.warn('update: failed', { reason: failure.reason, version, error });
      this.#setState({ kind: 'failed', failure, at: clock.now() });
    }
  }

  #setState(state: UpdateState): void {
    this.#state = state;
    this.#options.onState(state);
  }
}
