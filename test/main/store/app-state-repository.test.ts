import { describe, expect, it } from 'vitest';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

describe('AppStateRepository', () => {
  it('remembers the active profile, and only an existing one', () => {
    const { profiles, appState } = openTestStore();
    expect(appState.getActiveProfileId()).toBeNull();
    profiles.insert(buildProfile('p'));
    appState.setActiveProfileId('p');
    expect(appState.getActiveProfileId()).toBe('p');
    expect(() => appState.setActiveProfileId('nobody')).toThrow(/FOREIGN KEY/);
    appState.setActiveProfileId(null);
    expect(appState.getActiveProfileId()).toBeNull();
  });

  it('remembers the window state', () => {
    const { appState } = openTestStore();
    expect(appState.getWindowState()).toBeNull();
    const state = { x: null, y: null, width: 1280, height: 820, maximized: true };
    appState.setWindowState(state);
    expect(appState.getWindowState()).toEqual(state);
  });

  it('keeps a snooze per profile until it is ended', () => {
    const { profiles, appState } = openTestStore();
    profiles.insert(buildProfile('p'));
    profiles.insert(buildProfile('q'));
    appState.setSnoozeUntil('p', 10_000);
    appState.setSnoozeUntil('p', 20_000);
    expect(appState.getSnoozeUntil('p')).toBe(20_000);
    expect(appState.getSnoozeUntil('q')).toBeNull();
    appState.setSnoozeUntil('p', null);
    expect(appState.getSnoozeUntil('p')).toBeNull();
  });
});
