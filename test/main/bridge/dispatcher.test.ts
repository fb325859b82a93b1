import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNELS } from '../../../src-preload/contract.ts';
import { createDispatcher, isAppUrl, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import type { HandlerTable } from '../../../src-main/bridge/handler-table.ts';
import { AppError } from '../../../src-main/errors.ts';
import { createLogger } from '../../../src-main/log/logger.ts';

const APP = 'app://margin-desk/';
const trusted: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' };
const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

/** A handler table whose every call is a spy, so tests can prove a refused call reached nothing. */
function spyHandlers() {
  const calls: string[] = [];
  const table = new Proxy({} as Record<string, unknown>, {
    get: (_target, name: string) => (input: unknown) => {
      calls.push(name);
      if (name === 'deleteProfile') throw new AppError({ kind: 'notFound', message: 'No such profile.', action: 'Reload the list.', retryable: false });
      if (name === 'refreshNow') throw new Error(`boom with ${SECRET}`);
      return { echoed: input };
    },
  }) as unknown as HandlerTable;
  return { table, calls };
}

function setup() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'warn').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const { table, calls } = spyHandlers();
  const dispatcher = createDispatcher({ handlers: table, appOrigin: APP, logger: createLogger({ filePath: null, console: true }) });
  return { dispatcher, calls, lines, restore: () => spy.mockRestore() };
}

describe('bridge dispatcher', () => {
  it('serves a valid call from the app window and wraps the value', async () => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch(CALL_CHANNELS.getSnapshot, trusted, [{ profileId: 'p1' }]);
    expect(result).toEqual({ ok: true, value: { echoed: { profileId: 'p1' } } });
    expect(calls).toEqual(['getSnapshot']);
  });

  it('refuses a channel outside the contract with a typed error and calls nothing', async () => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch('md:readFile', trusted, [{ path: '/etc/passwd' }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknownCall', retryable: false } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a foreign origin', { fromAppWindow: true, isMainFrame: true, frameUrl: 'https://evil.example/index.html' }],
    ['a subframe', { fromAppWindow: true, isMainFrame: false, frameUrl: 'app://margin-desk/index.html' }],
    ['another window', { fromAppWindow: false, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' }],
    ['a file URL', { fromAppWindow: true, isMainFrame: true, frameUrl: 'file:///tmp/index.html' }],
    ['an app URL with credentials', { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://x@margin-desk/' }],
  ])('refuses %s with forbiddenSender and calls nothing', async (_name, sender) => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch(CALL_CHANNELS.deleteProfile, sender, [{ id: 'p1' }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a missing field', CALL_CHANNELS.deleteProfile, [{}]],
    ['an unknown extra field', CALL_CHANNELS.deleteProfile, [{ id: 'p1', cascade: true }]],
    ['a wrong type', CALL_CHANNELS.acknowledgeAlert, [{ id: '1' }]],
    ['an argument to a call that takes none', CALL_CHANNELS.listProfiles, [{ all: true }]],
    ['two arguments', CALL_CHANNELS.getSnapshot, [{ profileId: 'p1' }, { profileId: 'p2' }]],
    ['a hostile id', CALL_CHANNELS.getSnapshot, [{ profileId: "p1' OR 1=1 --" }]],
    ['a non-https base URL', CALL_CHANNELS.replaceCredentials, [{ id: 'p1', apiKey: 'k', apiSecret: 's', baseUrl: 'http://attacker.example' }]],
    ['a stored key pointed at another address without its secret', CALL_CHANNELS.updateProfile, [{ id: 'p1', baseUrl: 'https://attacker.example' }]],
    ['an oversized string', CALL_CHANNELS.reportRendererError, [{ message: 'x'.repeat(5000) }]],
    ['a prototype-polluting object', CALL_CHANNELS.updateSettings, [JSON.parse('{"__proto__":{"polluted":true}}')]],
  ])('refuses %s with invalidArgument and calls nothing', async (_name, channel, args) => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch(channel, trusted, args);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the offending field but never echoes a secret in the error', async () => {
    const { dispatcher, lines } = setup();
    const result = await dispatcher.dispatch(CALL_CHANNELS.createProfile, trusted, [
      { name: '', colour: '#123456', apiKey: 'key', apiSecret: SECRET },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('name');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('passes an AppError on as a typed result', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch(CALL_CHANNELS.deleteProfile, trusted, [{ id: 'p9' }]);
    expect(result).toEqual({ ok: false, error: { kind: 'notFound', message: 'No such profile.', action: 'Reload the list.', retryable: false } });
  });

  it('turns an unexpected error into a generic internal error and logs it redacted', async () => {
    const { dispatcher, lines } = setup();
    const result = await dispatcher.dispatch(CALL_CHANNELS.refreshNow, trusted, [{ profileId: 'p1' }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('boom');
    const log = lines.join('\n');
    expect(log).toContain('boom');
    expect(log).not.toContain(SECRET);
  });
});

describe('isAppUrl', () => {
  it('compares scheme and host, also for custom schemes whose URL.origin is "null"', () => {
    expect(isAppUrl('app://margin-desk/index.html#/flex', APP)).toBe(true);
    expect(isAppUrl('app://other/index.html', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });
});
