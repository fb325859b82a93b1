import { describe, expect, it } from 'vitest';
import { ReconnectPeers } from '../../../../src-main/kraken/uws/reconnect-peers.ts';

const KRAKEN = 'wss://ws-auth.kraken.com/v2';
const SIMULATOR = 'ws://127.0.0.1:4100/v2';

describe('reconnect peers', () => {
  it('tells only the connections to the exchange that is back, each once', () => {
    const peers = new ReconnectPeers();
    const told: string[] = [];
    peers.waiting(KRAKEN, () => told.push('kraken 1'));
    peers.waiting(KRAKEN, () => told.push('kraken 2'));
    peers.waiting(SIMULATOR, () => told.push('simulator'));

    peers.recovered(SIMULATOR);
    expect(told).toEqual(['simulator']);
    peers.recovered(KRAKEN);
    expect(told).toEqual(['simulator', 'kraken 1', 'kraken 2']);
    peers.recovered(KRAKEN);
    expect(told).toHaveLength(3);
  });

  it('does not tell a connection that left the list', () => {
    const peers = new ReconnectPeers();
    const told: string[] = [];
    const leave = peers.waiting(KRAKEN, () => told.push('left'));
    peers.waiting(KRAKEN, () => told.push('stayed'));
    leave();
    peers.recovered(KRAKEN);
    expect(told).toEqual(['stayed']);
  });

  it('keeps a later waiter when an earlier one leaves after the news', () => {
    const peers = new ReconnectPeers();
    const told: string[] = [];
    const leaveEarlier = peers.waiting(KRAKEN, () => told.push('earlier'));
    peers.recovered(KRAKEN);
    peers.waiting(KRAKEN, () => told.push('later'));
    leaveEarlier();
    peers.recovered(KRAKEN);
    expect(told).toEqual(['earlier', 'later']);
  });
});
