/**
 * The profile service with the real Kraken client and the simulated exchange on loopback HTTP: the key
 * check reports the key's permissions, a refused key gets its explanation, and the credentials
 * provider feeds the client from the keychain on every request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrakenClient } from '../../../src-main/kraken/client.ts';
import { systemClock } from '../../../src-shared/clock.ts';
import { NonceSequences } from '../../../src-main/kraken/nonce.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import type { RunningServer } from '../../../src-main/kraken/simulator/server.ts';
import { krakenKeyCheck } from '../../../src-main/profiles/kraken-key-check.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';
import { ProfileService } from '../../../src-main/profiles/profile-service.ts';
import { idleStatus, newCredentials, openTempStore, rejection, type TempStore } from './support.ts';

const APP = { appVersion: '0.0.0-test', retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } };
const PRODUCTION_AT_SIMULATOR = (url: string) => ({ baseUrl: url, streamUrl: url.replace(/^http/, 'ws') + '/v2/private' });

describe('key check and credentials through the Kraken client (simulator on loopback)', () => {
  let exchange: SimulatedExchange;
  let server: RunningServer;
  let temp: TempStore;
  let secrets: MemorySecretStore;
  let service: ProfileService;

  beforeEach(async () => {
    exchange = new SimulatedExchange();
    exchange.setCash('usd', '1000');
    server = await exchange.listen({ port: 0 });
    temp = openTempStore();
    secrets = new MemorySecretStore();
    service = new ProfileService({
      records: temp.store.profiles,
      activeProfile: temp.store.appState,
      secrets,
      checkKey: krakenKeyCheck({ ...APP, nonces: new NonceSequences(systemClock, temp.store.nonces) }),
      statusOf: idleStatus,
    });
  });

  afterEach(async () => {
    temp.dispose();
    await server.close();
  });

  it('reports the permissions of a full-access key with its warnings, and stores them with the profile', async () => {
    const key = exchange.addKey({ permissions: { general: 'FULL_ACCESS', transfer: 'FULL_ACCESS' } });
    const test = await service.testConnection({ ...key, source: 'rest', baseUrl: server.url });
    expect(test.permissions).toEqual({ general: 'FULL_ACCESS', transfer: 'FULL_ACCESS', other: {} });
    expect(test.warnings).toHaveLength(3);
    const created = await service.create({ name: 'Sim', colour: '#336699', source: 'rest', ...key, baseUrl: server.url });
    expect(created.permissions).toEqual(test.permissions);
  });

  it('checks a Kraken API key by a token and its permissions; warns about one that can trade and withdraw', async () => {
    const key = exchange.addKey({ spotPermissions: ['websocket', 'query-funds'] });
    const created = await service.create({ name: 'Stream', colour: '#336699', ...key, ...PRODUCTION_AT_SIMULATOR(server.url) });
    expect(created).toMatchObject({ source: 'uws', permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS', other: { websocket: 'enabled', 'query-funds': 'enabled' } } });
    expect(exchange.uwsTokens.issuedCount).toBe(1);

    const powerful = exchange.addKey({ spotPermissions: ['websocket', 'trade', 'withdraw'] });
    const test = await service.testConnection({ ...powerful, baseUrl: server.url });
    expect(test.permissions).toMatchObject({ general: 'FULL_ACCESS', transfer: 'FULL_ACCESS' });
    expect(test.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/can trade/), expect.stringMatching(/withdraw/)]));
  });

  it('refuses a Kraken API key without the WebSocket permission with the typed Spot error, storing nothing', async () => {
    const key = exchange.addKey({ spotPermissions: ['query-funds'] });
    const error = await rejection(service.create({ name: 'Stream', colour: '#336699', ...key, ...PRODUCTION_AT_SIMULATOR(server.url) }));
    expect(error.kind).toBe('spotPermissionDenied');
    expect(`${error.message} ${error.action} ${JSON.stringify(error)}`).not.toContain(key.apiSecret);
    expect(service.list().profiles).toEqual([]);
    expect(secrets.accounts()).toEqual([]);
  });

  it('explains a refused key (wrong secret) and stores nothing', async () => {
    const key = exchange.addKey();
    const wrong = { apiKey: key.apiKey, apiSecret: newCredentials().apiSecret };
    const error = await rejection(service.create({ name: 'Sim', colour: '#336699', source: 'rest', ...wrong, baseUrl: server.url }));
    expect(['authenticationError', 'httpUnauthorized']).toContain(error.kind);
    expect(error.message).toMatch(/Spot key/);
    expect(`${error.message} ${error.action} ${error.stack} ${JSON.stringify(error)}`).not.toContain(wrong.apiSecret);
    expect(service.list().profiles).toEqual([]);
    expect(secrets.accounts()).toEqual([]);
  });

  it('gives the client the keychain credentials on every request, so a replaced or removed key takes effect at once', async () => {
    const first = exchange.addKey();
    const profile = await service.create({ name: 'Sim', colour: '#336699', source: 'rest', ...first, baseUrl: server.url });
    const client = new KrakenClient({ ...APP, baseUrl: profile.baseUrl, getCredentials: service.credentialsFor(profile.id).getCredentials });
    const usdCash = async () => (await client.accounts()).cash?.balances.find((balance) => balance.currency.code === 'USD')?.amount;
    expect(await usdCash()).toBe('1000');

    // The new key belongs to another account: its figures prove the client signed with it.
    const other = exchange.addSubaccount({ email: 'other@example.com', fullName: null });
    exchange.setCash('usd', '5', { account: other.uid });
    await service.replaceCredentials({ id: profile.id, ...exchange.addKey({ account: other.uid }) });
    expect(await usdCash()).toBe('5');

    await secrets.delete(profile.id);
    expect((await rejection(client.accounts())).kind).toBe('credentialsMissing');
    expect(service.get(profile.id).keychain).toBe('missing');
  });
});
