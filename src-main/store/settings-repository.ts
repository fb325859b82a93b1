import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../errors.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src-shared/settings-model.ts';

type SettingKey = keyof Settings;

function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(DEFAULT_SETTINGS, key);
}

/**
 * App settings, one row per setting (JSON value), so that changing one setting never rewrites the
 * others and a setting added in a later version needs no migration: absent rows read as the default.
 */
export class SettingsRepository {
  readonly #db: Database;
  readonly #all: Statement<[], { key: string; value: string }>;
  readonly #set: Statement<[string, string]>;

  constructor(db: Database) {
    this.#db = db;
    this.#all = db.prepare('SELECT key, value FROM settings');
    this.#set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /**
   * DEFAULT_SETTINGS with the stored values laid over. Rows of settings this version does not know, or
   * whose type no longer matches the default's, are ignored.
   */
  get(): Settings {
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of this.#all.all()) {
      if (!isSettingKey(key)) continue;
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === typeof DEFAULT_SETTINGS[key]) settings[key] = parsed;
    }
    return settings as unknown as Settings;
  }

  /** Stores the given settings (undefined: unchanged) in one transaction and returns the result. */
  update(changes: Partial<Settings>): Settings {
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (!isSettingKey(key)) {
          throw new AppError({
            kind: 'invalidArgument',
            message: `"${key}" is not a setting.`,
            action: 'Restart Margin Desk; if it happens again, report it.',
            retryable: false,
          });
        }
        this.#set.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }
}
