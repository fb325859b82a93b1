/** A public key pasted into the secret field and the secret into the key field is caught before anything is sent. */
import { afterEach, describe, expect, it } from 'vitest';
import { KrakenError } from '../../../src-main/kraken/errors.ts';
import { checkCredentialPair } from '../../../src-main/kraken/sign.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let loopback: Loopback | null = null;
afterEach(async () => {
  await loopback?.close();
  loopback = null;
});

const PUBLIC_KEY = 'Gom9BsP75m41c9fuY6oJk/unMWaDZjYIcTP4/5kqPvtzdbj5JU5/Fyeb';
const SECRET = Buffer.alloc(64, 7).toString('base64');

describe('swapped credentials', () => {
  it('are refused before anything is sent: the secret never goes out as the APIKey header', async () => {
    const sim = await startLoopback();
    loopback = sim;
    const swapped = { apiKey: sim.credentials.apiSecret, apiSecret: sim.credentials.apiKey };
    let error: unknown;
    try {
      await sim.clock.run(sim.client({ getCredentials: async () => swapped }).accounts());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KrakenError);
    expect(error).toMatchObject({ kind: 'invalidApiKey', category: 'credentials', retryable: false });
    expect((error as KrakenError).message).toMatch(/swapped/);
    expect((error as KrakenError).message).not.toContain(sim.credentials.apiSecret);
    expect(sim.sent).toEqual([]);
  });

  it('tells the shapes apart: a secret-shaped key with a key-shaped secret is a swap, the right way round is not', () => {
    expect(() => checkCredentialPair(SECRET, PUBLIC_KEY)).toThrow(expect.objectContaining({ kind: 'invalidApiKey' }));
    expect(() => checkCredentialPair(PUBLIC_KEY, SECRET)).not.toThrow();
    // two secret-shaped texts are left to the other checks and to Kraken: no shape says which is which
    expect(() => checkCredentialPair(SECRET, Buffer.alloc(64, 9).toString('base64'))).not.toThrow();
  });
});
