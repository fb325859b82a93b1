import type { Database, Statement } from 'better-sqlite3';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../../src-shared/alert-model.ts';

/**
 * Alert rules per profile, stored as one JSON record. Reading lays the stored record over
 * DEFAULT_ALERT_RULES, so a profile never configured gets the defaults and a record written before a
 * field existed gains that field's default.
 */
export class AlertRulesRepository {
  readonly #get: Statement<[string], { rules: string }>;
  readonly #set: Statement<[string, string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT rules FROM alert_rules WHERE profile_id = ?');
    this.#set = db.prepare(
      'INSERT INTO alert_rules (profile_id, rules) VALUES (?, ?) ON CONFLICT (profile_id) DO UPDATE SET rules = excluded.rules',
    );
  }

  get(profileId: string): AlertRules {
    const row = this.#get.get(profileId);
    if (row === undefined) return DEFAULT_ALERT_RULES;
    return { ...DEFAULT_ALERT_RULES, ...(JSON.parse(row.rules) as Partial<AlertRules>) };
  }

  /** Stores the profile's rules (the profile must exist) and returns them as `get` will. */
  set(profileId: string, rules: AlertRules): AlertRules {
    this.#set.run(profileId, JSON.stringify(rules));
    return this.get(profileId);
  }
}
