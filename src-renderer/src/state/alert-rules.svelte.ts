/** The alert rules, snooze and monitoring status of one profile, as shown in the Alerts view. */
import type { AlertRules, AlertStatus, Bridge, Unsubscribe, UserFacingError } from '../../../src-preload/contract.ts';
import { fromDraft, toDraft, type RulesDraft, type RulesErrors } from '../lib/alert-rules-form.ts';
import { settle } from '../lib/settle.ts';

export class AlertRulesState {
  readonly #bridge: Bridge;
  profileId = $state<string | null>(null);
  saved = $state.raw<AlertRules | null>(null);
  draft = $state<RulesDraft | null>(null);
  errors = $state.raw<RulesErrors>({});
  loading = $state(false);
  saving = $state(false);
  error = $state.raw<UserFacingError | null>(null);
  /** Set when the user saved successfully, cleared on the next edit. */
  savedAt = $state<number | null>(null);
  /**
   * Main's word on the snooze and on monitoring, null until it answers. Asked rather than remembered:
   * a snooze set from the tray or in an earlier session is as real as one set here.
   */
  status = $state.raw<AlertStatus | null>(null);

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async load(profileId: string): Promise<void> {
    if (profileId !== this.profileId) {
      this.profileId = profileId;
      this.saved = null;
      this.draft = null;
      this.status = null;
    }
    this.error = null;
    await Promise.all([this.#loadRules(profileId), this.loadStatus()]);
  }

  async #loadRules(profileId: string): Promise<void> {
    this.loading = true;
    const result = await settle(() => this.#bridge.getAlertRules({ profileId }));
    if (this.profileId !== profileId) return;
    this.loading = false;
    if (result.ok) {
      this.saved = result.value;
      this.draft = toDraft(result.value);
      this.errors = {};
    } else {
      this.error = result.error;
    }
  }

  reset(): void {
    if (this.saved !== null) this.draft = toDraft(this.saved);
    this.errors = {};
  }

  async save(): Promise<boolean> {
    const profileId = this.profileId;
    if (profileId === null || this.draft === null) return false;
    const checked = fromDraft($state.snapshot(this.draft));
    this.errors = checked.errors;
    const rules = checked.value;
    if (rules === null) return false;
    this.saving = true;
    const result = await settle(() => this.#bridge.setAlertRules({ profileId, rules }));
    this.saving = false;
    if (result.ok) {
      this.saved = result.value;
      this.draft = toDraft(result.value);
      this.error = null;
      this.savedAt = Date.now();
      return true;
    }
    this.error = result.error;
    return false;
  }

  async loadStatus(): Promise<void> {
    const profileId = this.profileId;
    if (profileId === null) return;
    const result = await settle(() => this.#bridge.getAlertStatus({ profileId }));
    if (this.profileId !== profileId) return;
    if (result.ok) this.status = result.value;
    else this.error = result.error;
  }

  /** Snoozes the profile's notifications (0 minutes ends a snooze), then shows what main now holds. */
  async snooze(minutes: number): Promise<void> {
    const profileId = this.profileId;
    if (profileId === null) return;
    const result = await settle(() => this.#bridge.snoozeAlerts({ profileId, minutes }));
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    await this.loadStatus();
  }

  /**
   * Keeps `status` current while the view is open. Main sends no event for it, but the two things
   * that change "interrupted" reach the window anyway: the "Monitoring interrupted" alert sets it,
   * and fresh figures clear it (main evaluates them before it sends the snapshot).
   */
  follow(): Unsubscribe {
    const unsubscribes = [
      this.#bridge.onAlert((alert) => {
        if (alert.profileId === this.profileId && alert.level === 'interrupted') void this.loadStatus();
      }),
      this.#bridge.onSnapshot((view) => {
        if (view.snapshot.profileId === this.profileId && this.status?.interrupted === true) void this.loadStatus();
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }
}
