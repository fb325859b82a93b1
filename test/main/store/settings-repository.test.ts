import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-shared/settings-model.ts';
import { openTestStore } from './support/test-store.ts';

describe('SettingsRepository', () => {
  it('starts with the defaults', () => {
    expect(openTestStore().settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('updates only the given settings and returns the result', () => {
    const { settings } = openTestStore();
    expect(settings.update({ privacyMode: true, theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, privacyMode: true, theme: 'dark' });
    expect(settings.update({ theme: 'light', startHidden: undefined })).toEqual({ ...DEFAULT_SETTINGS, privacyMode: true, theme: 'light' });
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, privacyMode: true, theme: 'light' });
  });

  it('refuses an unknown setting and writes nothing of that update', () => {
    const { settings } = openTestStore();
    expect(() => settings.update({ privacyMode: true, colour: 'red' } as Partial<Settings>)).toThrow(
      expect.objectContaining({ kind: 'invalidArgument' }),
    );
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('ignores stored rows of unknown settings or of the wrong type', () => {
    const store = openTestStore();
    const db = new Sqlite(store.path);
    db.prepare("INSERT INTO settings (key, value) VALUES ('retired', 'true'), ('privacyMode', '\"yes\"'), ('trayHintShown', 'true')").run();
    db.close();
    expect(store.settings.get()).toEqual({ ...DEFAULT_SETTINGS, trayHintShown: true });
  });
});
