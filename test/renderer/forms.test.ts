import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../src-shared/alert-model.ts';
import { fromDraft, toDraft } from '../../src-renderer/src/lib/alert-rules-form.ts';
import { hotkeyAction } from '../../src-renderer/src/lib/hotkeys.ts';
import { validateCredentials, validateNewProfile } from '../../src-renderer/src/lib/profile-validation.ts';
import { isBase64 } from '../../src-shared/base64.ts';

const press = (init: Partial<Parameters<typeof hotkeyAction>[0]>) => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init });

describe('hotkeys', () => {
  it('map Ctrl or Cmd + 1…9 to profiles and Ctrl/Cmd+Shift+P to privacy', () => {
    expect(hotkeyAction(press({ key: '1', code: 'Digit1', ctrlKey: true }))).toEqual({ kind: 'switchProfile', index: 0 });
    expect(hotkeyAction(press({ key: '&', code: 'Digit1', ctrlKey: true }))).toEqual({ kind: 'switchProfile', index: 0 });
    expect(hotkeyAction(press({ key: '9', code: 'Numpad9', metaKey: true }))).toEqual({ kind: 'switchProfile', index: 8 });
    expect(hotkeyAction(press({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'togglePrivacy' });
    expect(hotkeyAction(press({ key: '0', code: 'Digit0', ctrlKey: true }))).toBeNull();
    expect(hotkeyAction(press({ key: '1', code: 'Digit1' }))).toBeNull();
    expect(hotkeyAction(press({ key: 'p', code: 'KeyP', ctrlKey: true }))).toBeNull();
  });
});

describe('credential validation', () => {
  it('accepts base64 and nothing else', () => {
    expect(isBase64('cHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==')).toBe(true);
    expect(isBase64('abc')).toBe(false);
    expect(isBase64('ab$=')).toBe(false);
    expect(isBase64('====')).toBe(false);
  });

  it('trims before checking and before sending', () => {
    const checked = validateCredentials({ apiKey: ' key ', apiSecret: '\tcHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==\n' });
    expect(checked.value).toEqual({ apiKey: 'key', apiSecret: 'cHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==' });
  });

  it('checks the addresses with the schema main uses: a base URL without a scheme is the field’s error', () => {
    const secret = 'cHl0aG9uLWtyYWtlbi1zZGsgdW5pdC10ZXN0IHNlY3JldCB2YWx1ZQ==';
    const checked = validateNewProfile({ name: 'Main', colour: '#0ea5e9', apiKey: 'key', apiSecret: secret, baseUrl: 'api.kraken.com', streamUrl: 'https://uws.kraken.com' });
    expect(checked.errors).toEqual({ baseUrl: expect.stringMatching(/not a valid address/), streamUrl: expect.stringMatching(/must start with wss:\/\//) });
    expect(checked.value).toBeNull();
  });

  it('names every problem of a new profile', () => {
    const checked = validateNewProfile({ name: ' ', colour: 'red', apiKey: '', apiSecret: 'not base64!' });
    expect(Object.keys(checked.errors).sort()).toEqual(['apiKey', 'apiSecret', 'colour', 'name']);
    expect(checked.value).toBeNull();
  });
});

describe('alert rules form', () => {
  it('round-trips the defaults', () => {
    expect(fromDraft(toDraft(DEFAULT_ALERT_RULES))).toEqual({ errors: {}, value: DEFAULT_ALERT_RULES });
  });

  it('checks the threshold ladder, quiet hours and override thresholds on top of the profile ones', () => {
    const draft = toDraft(DEFAULT_ALERT_RULES);
    draft.liquidationBelowPct = 100;
    draft.quietHoursEnabled = true;
    draft.quietFrom = '25:00';
    draft.overrides.push({ uid: 'u1', values: { warnBelowPct: null, criticalBelowPct: 400, liquidationBelowPct: null, hysteresisPct: null } });
    const { errors, value } = fromDraft(draft);
    expect(value).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['liquidationBelowPct', 'override0.liquidationBelowPct', 'override0.warnBelowPct', 'quietFrom']);
  });
});
