/**
 * createBridge (src-preload/bridge.ts) over a recording transport: the named calls forward exactly
 * one argument to their channel, and `openEarly` asks for the window's opening once, up front.
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

  it('without openEarly, asks for the opening only when the page does', async () => {
    const { calls, transport } = recordingTransport();
    const bridge = createBridge(transport);
    expect(calls).toEqual([]);
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'answer 1' });
    expect(calls).toEqual([{ channel: CALL_CHANNELS.openWindow, input: undefined }]);
  });

  it('with openEarly, asks as it is built, answers the page’s first call with it, and asks afresh after', async () => {
    const { calls, transport } = recordingTransport();
    const bridge = createBridge(transport, { openEarly: true });
    expect(calls).toEqual([{ channel: CALL_CHANNELS.openWindow, input: undefined }]);
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'answer 1' });
    expect(calls).toHaveLength(1);
    // Try again after a failed start: a new call, a new answer.
    expect(await bridge.openWindow()).toEqual({ ok: true, value: 'answer 2' });
    expect(calls).toHaveLength(2);
  });

  it('with openEarly, a transport failure reaches the page’s first call, not the unhandled-rejection log', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const failure = new Error('channel closed');
      const bridge = createBridge({ invoke: () => Promise.reject(failure), subscribe: () => () => undefined }, { openEarly: true });
      // Long enough for Node to report an unhandled rejection, were there one.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await expect(bridge.openWindow()).rejects.toBe(failure);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
