/**
 * Audit: hostile calls over the bridge. Every call of the contract, from every kind of foreign
 * sender and with every kind of malformed argument, must be refused at the gate with a typed error
 * before any handler runs; and each call's well-formed argument must still get through (so the
 * refusals are the gate's doing, not a broken table).
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallSender } from '../../../src-main/bridge/dispatcher.ts';
import type { HandlerTable } from '../../../src-main/bridge/handler-table.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { CALL_CHANNELS, type CallInput, type CallName } from '../../../src-preload/contract.ts';
import { recordAuditFigures } from './audit-figures.ts';

const APP = 'app://margin-desk/';
const TRUSTED: CallSender = { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' };
const KEY = 'Xk3Jm9Qw2Lr8Tz5Vb7Nc1Hd4Gf6Sa0Pe';
const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

/** One well-formed argument per call: `satisfies` makes a call added to the contract without one a compile error. */
const VALID: { readonly [K in CallName]: CallInput<K> } = {
  getAppInfo: undefined,
  listProfiles: undefined,
  createProfile: { name: 'Main', colour: '#336699', apiKey: KEY, apiSecret: SECRET },
  createSampleProfile: undefined,
  importKeys: { colour: '#336699' },
  updateProfile: { id: 'p1', name: 'Renamed' },
  deleteProfile: { id: 'p1' },
  activateProfile: { id: 'p1' },
  testConnection: { profileId: 'p1' },
  listDesks: undefined,
  createDesk: { name: 'Team', memberIds: ['p1', 'p2'] },
  updateDesk: { id: 'd1', memberIds: ['p2'] },
  deleteDesk: { id: 'd1' },
  activateDesk: { id: 'd1' },
  replaceCredentials: { id: 'p1', apiKey: KEY, apiSecret: SECRET },
  switchToStreaming: { id: 'p1', apiKey: KEY, apiSecret: SECRET },
  getSnapshot: { profileId: 'p1' },
  openWindow: undefined,
  refreshNow: { profileId: 'p1' },
  getHistory: { profileId: 'p1', accountKey: 'flex', range: '24h' },
  listAlerts: { limit: 50 },
  acknowledgeAlert: { id: 1 },
  getAlertRules: { profileId: 'p1' },
  setAlertRules: { profileId: 'p1', rules: DEFAULT_ALERT_RULES },
  snoozeAlerts: { profileId: 'p1', minutes: 30 },
  getAlertStatus: { profileId: 'p1' },
  getSettings: undefined,
  updateSettings: { privacyMode: true },
  reportRendererError: { message: 'TypeError: x is undefined' },
  showLogFile: undefined,
  openExternal: { url: 'https://futures.kraken.com/' },
  getUpdateState: undefined,
  checkForUpdatesNow: undefined,
  installUpdate: undefined,
};

const FOREIGN_SENDERS: readonly [string, CallSender][] = [
  ['a remote origin', { fromAppWindow: true, isMainFrame: true, frameUrl: 'https://evil.example/index.html' }],
  ['a subframe of the app', { fromAppWindow: true, isMainFrame: false, frameUrl: 'app://margin-desk/index.html' }],
  ['another window', { fromAppWindow: false, isMainFrame: true, frameUrl: 'app://margin-desk/index.html' }],
  ['a file URL', { fromAppWindow: true, isMainFrame: true, frameUrl: 'file:///tmp/index.html' }],
  ['an app URL with credentials', { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://x@margin-desk/' }],
  ['another app host', { fromAppWindow: true, isMainFrame: true, frameUrl: 'app://margin-desk.evil/index.html' }],
  ['a loopback dev server', { fromAppWindow: true, isMainFrame: true, frameUrl: 'http://127.0.0.1:5173/' }],
  ['about:blank', { fromAppWindow: true, isMainFrame: true, frameUrl: 'about:blank' }],
];

function deeplyNested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Arguments no call accepts, built from a call's valid one: each must be refused at the gate. */
function hostileArguments(valid: unknown): unknown[][] {
  const hostile: unknown[][] = [
    [null],
    [[]],
    ['x'.repeat(1_000_000)],
    [42],
    [true],
    [JSON.parse('{"__proto__":{"polluted":true}}')],
    [deeplyNested(10_000)],
    [valid, valid],
  ];
  if (valid === undefined) return [...hostile, [{}], ['']];
  const fields = valid as Record<string, unknown>;
  hostile.push([{ ...fields, unexpected: 'field' }]);
  hostile.push([{ ...fields, constructor: { prototype: { polluted: true } } }]);
  for (const [field, value] of Object.entries(fields)) {
    hostile.push([{ ...fields, [field]: typeof value === 'string' ? 'x'.repeat(100_000) : 'not-a-' + typeof value }]);
    hostile.push([{ ...fields, [field]: { nested: value } }]);
    hostile.push([{ ...fields, [field]: null }]);
  }
  return hostile;
}

function spyTable() {
  const reached: string[] = [];
  const table = new Proxy({} as Record<string, unknown>, {
    get: (_target, name: string) => () => {
      reached.push(name);
      return null;
    },
  }) as unknown as HandlerTable;
  return { table, reached };
}

describe('audit: hostile bridge calls', () => {
  it('refuses every foreign sender and every malformed argument before any handler; well-formed calls get through', async () => {
    const { table, reached } = spyTable();
    const dispatcher = createDispatcher({ handlers: table, appOrigin: APP, logger: createLogger({ filePath: null, console: false }) });
    const calls = Object.keys(CALL_CHANNELS) as CallName[];
    let tried = 0;
    let reachedWrongly = 0;
    const leaks: string[] = [];

    for (const call of calls) {
      const channel = CALL_CHANNELS[call];
      const valid = VALID[call];
      for (const [who, sender] of FOREIGN_SENDERS) {
        tried += 1;
        const result = await dispatcher.dispatch(channel, sender, valid === undefined ? [] : [valid]);
        if (result.ok || result.error.kind !== 'forbiddenSender') leaks.push(`${call} from ${who}`);
      }
      for (const args of hostileArguments(valid)) {
        tried += 1;
        const before = reached.length;
        const result = await dispatcher.dispatch(channel, TRUSTED, args);
        if (reached.length !== before) reachedWrongly += 1;
        if (result.ok || result.error.kind !== 'invalidArgument') leaks.push(`${call} with ${JSON.stringify(args).slice(0, 60)}`);
        expect(JSON.stringify(result)).not.toContain(SECRET);
      }
    }
    for (const channel of ['md:readFile', 'md:eval', 'md:__proto__', 'md:constructor', '', 'md:getAppInfo ']) {
      tried += 1;
      const result = await dispatcher.dispatch(channel, TRUSTED, []);
      if (result.ok || result.error.kind !== 'unknownCall') leaks.push(`channel ${channel}`);
    }
    const hostileReached = reached.length;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(leaks).toEqual([]);
    expect(hostileReached).toBe(0);
    expect(reachedWrongly).toBe(0);

    for (const call of calls) {
      const result = await dispatcher.dispatch(CALL_CHANNELS[call], TRUSTED, VALID[call] === undefined ? [] : [VALID[call]]);
      expect(result, call).toEqual({ ok: true, value: null });
    }
    expect(reached).toEqual(calls);
    recordAuditFigures('hostileIpc', { tried, reachingAHandler: hostileReached, calls: calls.length, foreignSenders: FOREIGN_SENDERS.length });
  });
});
