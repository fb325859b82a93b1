/**
 * The bridge's gate answers a refused field with that field's message from the shared schemas
 * (src-shared), and bounds what a hostile or broken window can make main store or log. Through the
 * real dispatcher and handler table on real services (SQLite and a log file in a temp folder).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CALL_CHANNELS, type BridgeResult, type CallName } from '../../../src-preload/contract.ts';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import { createHandlerTable } from '../../../src-main/bridge/handlers.ts';
import { RENDERER_ERROR_LIMITS } from '../../../src-main/bridge/renderer-error-reports.ts';
import { AppError } from '../../../src-main/errors.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { MAX_SUBACCOUNT_OVERRIDES } from '../../../src-shared/alert-rules-schema.ts';
import { PROFILE_NAME_MAX_LENGTH } from '../../../src-shared/profile-schema.ts';
import { startedApp } from '../app/started-app.ts';

const APP = 'app://margin-desk/';
const WINDOW: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: `${APP}index.html` };
const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const KEY = 'rRra59qKWxzlSPkw1puxOrp9y4aQtCSdjyqebqWdvEw8AJFd0D6ZrkRn';

async function startApp() {
  const logDir = mkdtempSync(join(tmpdir(), 'md-gate-logs-'));
  onTestFinished(() => rmSync(logDir, { recursive: true, force: true }));
  const logger = createLogger({ filePath: join(logDir, 'main.log'), console: false });
  const app = await startedApp({ logger });
  const dispatcher = createDispatcher({ handlers: createHandlerTable(app), appOrigin: APP, logger });
  const call = (name: CallName, argument: unknown) => dispatcher.dispatch(CALL_CHANNELS[name], WINDOW, [argument]) as Promise<BridgeResult<unknown>>;
  /** Every line of the log and its rotated files. */
  const logText = () =>
    readdirSync(logDir)
      .map((name) => readFileSync(join(logDir, name), 'utf8'))
      .join('');
  return { app, call, logger, logText };
}

describe('the gate answers a base URL that is no URL with the field’s error', () => {
  it.each(['futures.kraken.com', 'kraken', '//futures.kraken.com', ' ', 'futures.kraken.com:443/derivatives'])('"%s"', async (baseUrl) => {
    const { app, call } = await startApp();
    const sample = app.profiles.createSample();
    for (const [name, argument] of [
      ['replaceCredentials', { id: sample.id, apiKey: KEY, apiSecret: SECRET, baseUrl }],
      ['switchToStreaming', { id: sample.id, apiKey: KEY, apiSecret: SECRET, streamUrl: baseUrl }],
      ['createProfile', { name: 'Main', colour: '#0ea5e9', baseUrl, apiKey: KEY, apiSecret: SECRET }],
      ['testConnection', { apiKey: KEY, apiSecret: SECRET, baseUrl }],
    ] as const) {
      const result = await call(name, argument);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalidArgument', retryable: false } });
      expect(result.ok ? '' : result.error.message).toMatch(/(baseUrl: The API base URL|streamUrl: The WebSocket address) (is not a valid address|must start with)/);
    }
  });
});

describe('one rule per field, at the gate and in the services', () => {
  it('refuses a profile name one character over the limit the forms use, at the gate and in the service', async () => {
    const { app, call } = await startApp();
    const sample = app.profiles.createSample();
    const name = 'x'.repeat(PROFILE_NAME_MAX_LENGTH + 1);
    const result = await call('updateProfile', { id: sample.id, name });
    expect(result.ok ? '' : result.error.message).toMatch(new RegExp(`longer than ${PROFILE_NAME_MAX_LENGTH} characters`));
    expect(() => app.profiles.update({ id: sample.id, name })).toThrow(new RegExp(`longer than ${PROFILE_NAME_MAX_LENGTH} characters`));
    expect(await call('updateProfile', { id: sample.id, name: 'x'.repeat(PROFILE_NAME_MAX_LENGTH) })).toMatchObject({ ok: true });
  });

  it('refuses alert thresholds out of order (warn > critical > liquidation > 100 %) in main, not only in the form', async () => {
    const { app, call } = await startApp();
    const sample = app.profiles.createSample();
    const outOfOrder = { ...DEFAULT_ALERT_RULES, warnBelowPct: 140, criticalBelowPct: 150 };
    const result = await call('setAlertRules', { profileId: sample.id, rules: outOfOrder });
    expect(result.ok ? '' : result.error.message).toMatch(/warnBelowPct: Must be above the critical threshold/);
    expect(() => app.setAlertRules(sample.id, outOfOrder)).toThrow(AppError);
    const override = { ...DEFAULT_ALERT_RULES, subaccountOverrides: { 'a1b2-c3': { liquidationBelowPct: 200 } } };
    expect(() => app.setAlertRules(sample.id, override)).toThrow(/criticalBelowPct: Must be above the liquidation threshold/);
    expect(app.alertRules(sample.id)).toEqual(DEFAULT_ALERT_RULES);
  });
});

describe('bounds on what the window can make main keep', () => {
  function overrides(count: number) {
    return Object.fromEntries(Array.from({ length: count }, (_, index) => [`sub-${index}`, { warnBelowPct: 400 }]));
  }

  it(`stores at most ${MAX_SUBACCOUNT_OVERRIDES} subaccount overrides`, async () => {
    const { app, call } = await startApp();
    const sample = app.profiles.createSample();
    const tooMany = await call('setAlertRules', { profileId: sample.id, rules: { ...DEFAULT_ALERT_RULES, subaccountOverrides: overrides(MAX_SUBACCOUNT_OVERRIDES + 1) } });
    expect(tooMany).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect(Object.keys(app.alertRules(sample.id).subaccountOverrides)).toHaveLength(0);
    const most = await call('setAlertRules', { profileId: sample.id, rules: { ...DEFAULT_ALERT_RULES, subaccountOverrides: overrides(MAX_SUBACCOUNT_OVERRIDES) } });
    expect(most).toMatchObject({ ok: true });
    expect(Object.keys(app.alertRules(sample.id).subaccountOverrides)).toHaveLength(MAX_SUBACCOUNT_OVERRIDES);
  });

  it('keeps a flood of renderer error reports from rotating main’s own log lines away', async () => {
    const { call, logger, logText } = await startApp();
    logger.error('A line main wrote before the flood');
    const stack = 's'.repeat(7_900);
    for (let index = 0; index < 1_000; index++) {
      expect(await call('reportRendererError', { message: `Renderer failure ${index}`, stack, source: 'app://margin-desk/index.js' })).toEqual({ ok: true, value: undefined });
    }
    const text = logText();
    expect(text).toContain('A line main wrote before the flood');
    const written = text.split('\n').filter((line) => line.includes('Renderer failure'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(RENDERER_ERROR_LIMITS.perSession);
  });
});
