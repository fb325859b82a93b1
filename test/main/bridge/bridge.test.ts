/**
 * createBridge (src-preload/bridge.ts) over a recording transport: the named calls forward exactly
 * one argument to their channel, and `openWindow` is answered once from an opening written into the page.
 */
import { describe, expect, it } from 'vitest';
import { createBridge, type BridgeTransport } from '../../../src-preload/bridge.ts';
import { CALL_CHANNELS, type BridgeResult } from '../../../src-preload/contract.ts';

function recordingTransport() {
  const calls: { channel: string; input: unknown }[] = [];
  const transport: BridgeTransport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: `answer ${calls.length}` } as BridgeResult<unknown>;
    },
    subscribe: () => () => undefined,
  };
  return { calls, transport };
}

describe('createBridge', () => {
  it('forwards one argument per call to the call’s channel, nothing more', async () => {
    const { calls, transport } = recordingTransport();
    const bridge = createBridge(transport);
    await (bridge.getSnapshot as (...args: unknown[]) => Promise<unknown>)({ profileId: 'p1' }, 'extra');
    expect(calls).toEqual([{ channel: CALL_CHANNELS.getSnapshot, input: { profileId: 'p1' } }]);
  });

  it('without an opening in the page, asks for it only when the page does', async () => {
    const { calls, transport } = recordingTransport();
    const bridge = createBridge(transport);
    expect(calls).toEqual([]);
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'answer 1' });
    expect(calls).toEqual([{ channel: CALL_CHANNELS.openWindow, input: undefined }]);
  });

  it('answers the page’s first call with the opening written into the page, and asks main afresh after', async () => {
    const { calls, transport } = recordingTransport();
    const written: BridgeResult<unknown>[] = [{ ok: true, value: 'from the page' }];
    const bridge = createBridge(transport, { openingInPage: () => written.shift() ?? null });
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'from the page' });
    expect(calls).toEqual([]);
    // Try again after a failed start: a call to main, a new answer.
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'answer 1' });
    expect(calls).toEqual([{ channel: CALL_CHANNELS.openWindow, input: undefined }]);
  });
});
