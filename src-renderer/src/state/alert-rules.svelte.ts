/** The alert rules and snooze of one profile, as edited in the Alerts view. */
import type { AlertRules, Bridge, UserFacingError } from '../../../src-preload/contract.ts';
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
  /** What the last snooze call answered; main keeps the truth, this is for feedback in this session. */
  snoozedUntil = $state<number | null>(null);

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
  }

  async load(profileId: string): Promise<void> {
    if (profileId !== this.profileId) {
      this.profileId = profileId;
      this.saved = null;
      this.draft = null;
      this.snoozedUntil = null;
    }
    this.loading = true;
    const result = await settle(() => this.#bridge.getAlertRules({ profileId }));
    if (this.profileId !== profileId) return;
    this.loading = false;
    if (result.ok) {
      this.saved = result.value;
      this.draft = toDraft(result.value);
      this.errors = {};
      this.error = null;
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

  /** Snoozes the profile's notifications; 0 minutes ends a snooze. */
  async snooze(minutes: number): Promise<void> {
    const profileId = this.profileId;
    if (profileId === null) return;
    const result = await settle(() => this.#bridge.snoozeAlerts({ profileId, minutes }));
    if (result.ok) {
      this.snoozedUntil = result.value.until;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }
}
