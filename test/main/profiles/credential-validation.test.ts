import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { keyFingerprint, validateCredentials } from '../../../src-main/profiles/credential-validation.ts';
import { newCredentials } from './support.ts';

function failure(apiKey: string, apiSecret: string): AppError {
  try {
    validateCredentials({ apiKey, apiSecret });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('validateCredentials', () => {
  const good = newCredentials();

  it('accepts Kraken-shaped credentials and trims surrounding whitespace only', () => {
    expect(validateCredentials({ apiKey: `  ${good.apiKey}\n`, apiSecret: `\t${good.apiSecret} \r\n` })).toEqual(good);
  });

  it('names an empty key or secret', () => {
    expect(failure('   ', good.apiSecret)).toMatchObject({ kind: 'invalidApiKey', message: 'The API key is empty.' });
    expect(failure(good.apiKey, ' \n')).toMatchObject({ kind: 'invalidSecret', message: 'The API secret is empty.' });
  });

  it('names a line break inside the key or the secret', () => {
    const brokenKey = `${good.apiKey.slice(0, 20)}\n${good.apiKey.slice(20)}`;
    const brokenSecret = `${good.apiSecret.slice(0, 44)}\n${good.apiSecret.slice(44)}`;
    expect(failure(brokenKey, good.apiSecret).message).toMatch(/API key contains a space or a line break/);
    expect(failure(good.apiKey, brokenSecret).message).toMatch(/API secret contains a space or a line break/);
  });

  it('refuses a secret that is not valid base64 (the 87-character example in Kraken docs)', () => {
    const error = failure(good.apiKey, good.apiSecret.slice(0, 87));
    expect(error.kind).toBe('invalidSecret');
    expect(error.message).toMatch(/base64/);
    expect(failure(good.apiKey, `${good.apiSecret.slice(0, 80)}!!!!!!==`).kind).toBe('invalidSecret');
  });

  it('refuses a key that cannot be a Kraken key', () => {
    expect(failure(good.apiKey.slice(0, 12), good.apiSecret).message).toMatch(/too short .*12 characters/);
    expect(failure(`${good.apiKey.slice(0, 50)}-_*#`, good.apiSecret).message).toMatch(/characters a Kraken key never has/);
    expect(failure('A'.repeat(300), good.apiSecret).message).toMatch(/too long/);
  });

  it('refuses the same text in both fields', () => {
    expect(failure(good.apiSecret, good.apiSecret).message).toBe('The API key and the API secret are the same text.');
  });

  it('never quotes the pasted text in a message or action', () => {
    const cases: Array<[string, string]> = [
      [good.apiKey, good.apiSecret.slice(0, 87)],
      [good.apiKey, `${good.apiSecret.slice(0, 44)} ${good.apiSecret.slice(44)}`],
      [good.apiSecret, good.apiSecret],
      [good.apiKey.slice(0, 12), good.apiSecret],
    ];
    for (const [apiKey, apiSecret] of cases) {
      const error = failure(apiKey, apiSecret);
      for (const text of [error.message, error.action, JSON.stringify(error), String(error.stack)]) {
        expect(text).not.toContain(good.apiSecret.slice(0, 40));
        expect(text).not.toContain(apiKey.slice(0, 12));
      }
    }
  });
});

describe('keyFingerprint', () => {
  it('is the last four characters of the public key', () => {
    expect(keyFingerprint('Gom9BsP75m41c9fuY6oJk/unMWaDZjYIcTP4/5kqPvtzdbj5JU5/Fyeb')).toBe('Fyeb');
  });
});
