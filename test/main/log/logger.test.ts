import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/log/logger.ts';
import { validateCredentials } from '../../../src-main/profiles/credential-validation.ts';
import { createCredentialsProvider } from '../../../src-main/profiles/credentials-provider.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';
import { KnownSecrets } from '../../../src-main/log/known-secrets.ts';
import { REDACTED, redactText, redactValue } from '../../../src-main/log/redact.ts';

const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const PUBLIC_KEY = 'aVyF9zHq1Ajb0pbbW7QxUYZ0nq8ZcX2a7l7ZQx4B1m4V6tqmJ3xkRcYp';

describe('redaction', () => {
  it('masks long base64 runs, header values and credential fields', () => {
    expect(redactText(`secret ${SECRET} end`)).toBe('secret [redacted] end');
    expect(redactText(`APIKey: ${PUBLIC_KEY}`)).toBe('APIKey: [redacted]');
    expect(redactText('Authent=abc')).toBe('Authent=[redacted]');
    expect(redactValue({ apiSecret: 'short', nested: { authent: 'x', note: `has ${SECRET}` } })).toEqual({
      apiSecret: '[redacted]',
      nested: { authent: '[redacted]', note: 'has [redacted]' },
    });
  });

  it('keeps ordinary text, figures and UUIDs readable', () => {
    const text = 'margin equity 34122.66 USD for 7f5c528e-2285-45f0-95f5-83d53d4bfcd2 at https://futures.kraken.com/derivatives/api/v3/accounts';
    expect(redactText(text)).toBe(text);
  });
});

describe('logger', () => {
  it('writes redacted JSON lines and rotates at the size cap, keeping N files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-log-'));
    const file = join(dir, 'logs', 'main.log');
    const log = createLogger({ filePath: file, maxBytes: 2_000, maxFiles: 2, clock: { now: () => 0 } });
    for (let index = 0; index < 100; index++) log.child('test').info(`line ${index}`, { apiSecret: SECRET, index });
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    const all = files.map((name) => readFileSync(join(dir, 'logs', name), 'utf8')).join('');
    expect(all).not.toContain(SECRET);
    for (const name of files) expect(readFileSync(join(dir, 'logs', name)).length).toBeLessThanOrEqual(2_000);
    const last = readFileSync(file, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toEqual({ time: '1970-01-01T00:00:00.000Z', level: 'info', message: 'line 99', scope: 'test', details: { apiSecret: '[redacted]', index: 99 } });
  });
});

describe('redaction by knowing the secrets in play', () => {
  // A secret as Kraken issues it: 64 random bytes in base64, with + and / so every encoding differs.
  const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 97 + 251) % 256));
  const secret = bytes.toString('base64');
  const known = () => {
    const secrets = new KnownSecrets();
    secrets.remember(secret);
    return secrets;
  };

  it('the test secret has the characters that make its encodings differ', () => {
    expect(secret).toMatch(/[+/]/);
  });

  it('masks a known secret in every form it can be written in', () => {
    const secrets = known();
    const forms = {
      plain: secret,
      base64url: bytes.toString('base64url'),
      urlEncoded: encodeURIComponent(secret),
      hex: bytes.toString('hex'),
      hexUpper: bytes.toString('hex').toUpperCase(),
      utf8Hex: Buffer.from(secret).toString('hex'),
    };
    for (const [form, text] of Object.entries(forms)) {
      expect(redactText(`${form}: ${text} end`, secrets), form).toBe(`${form}: ${REDACTED} end`);
    }
  });

  it('masks pieces of a known secret shorter than any shape rule would catch', () => {
    const secrets = known();
    const pieces = [secret.slice(0, 12), secret.slice(12, 30), secret.slice(30, 50), secret.slice(50)];
    const text = `parts ${pieces.join(' | ')} done`;
    const redacted = redactText(text, secrets);
    for (const piece of pieces) expect(redacted).not.toContain(piece);
    expect(redacted).toContain('parts ');
    expect(redacted).toContain(' done');
  });

  it('masks byte arrays of key material, in values and in text', () => {
    const secrets = known();
    expect(JSON.stringify(redactValue({ key: bytes, list: [...bytes], typed: new Uint8Array(bytes) }, secrets))).not.toMatch(/\d+,\d+,\d+/);
    expect(redactText(`bytes [${[...bytes].join(', ')}]`, secrets)).not.toMatch(/\d+, \d+, \d+/);
    // ordinary short number lists stay readable
    expect(redactValue({ retries: [1, 2, 3] }, secrets)).toEqual({ retries: [1, 2, 3] });
  });

  it('masks Bearer values and fields named like any credential', () => {
    expect(redactText('Authorization: Bearer abc.def-ghi')).toBe('Authorization: [redacted]');
    expect(redactText('sent "Bearer tok_123456" to the socket')).toBe('sent "Bearer [redacted]" to the socket');
    expect(redactValue({ secretKey: 'x', privateKey: 'y', private_key: 'z', accessToken: 't', wsToken: 'w', signature: 's', note: 'fine' })).toEqual({
      secretKey: REDACTED,
      privateKey: REDACTED,
      private_key: REDACTED,
      accessToken: REDACTED,
      wsToken: REDACTED,
      signature: REDACTED,
      note: 'fine',
    });
  });

  it('masks shapes of unknown secrets: base64url and URL-encoded runs, long hex', () => {
    const other = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 31 + 7) % 256));
    expect(redactText(`u=${other.toString('base64url')}`)).toBe(`u=${REDACTED}`);
    expect(redactText(`e=${encodeURIComponent(other.toString('base64'))}`)).toBe(`e=${REDACTED}`);
    expect(redactText(`h=${other.toString('hex')}`)).toBe(`h=${REDACTED}`);
  });

  it('a logger masks the secrets registered with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-log-known-'));
    const file = join(dir, 'main.log');
    const log = createLogger({ filePath: file, secrets: known() });
    log.info(`piece ${secret.slice(20, 36)}`, { hex: bytes.toString('hex'), url: encodeURIComponent(secret) });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret.slice(20, 36));
    expect(text).not.toContain(bytes.toString('hex'));
    expect(text).not.toContain(encodeURIComponent(secret));
  });
});

describe('the logger is total', () => {
  function lines(write: (log: ReturnType<typeof createLogger>) => void): Record<string, unknown>[] {
    const dir = mkdtempSync(join(tmpdir(), 'md-log-total-'));
    const file = join(dir, 'main.log');
    const log = createLogger({ filePath: file, clock: { now: () => 0 } });
    write(log);
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('writes BigInt, throwing getters, cycles, Maps, Sets, symbols and functions without throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const hostile = {
      get boom(): never {
        throw new Error('getter exploded');
      },
      fine: 1,
    };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const written = lines((log) => {
      expect(() => log.info('bigint', { amount: 10n ** 30n })).not.toThrow();
      expect(() => log.info('getter', hostile)).not.toThrow();
      expect(() => log.info('cycle', cyclic)).not.toThrow();
      expect(() => log.info('collections', { map: new Map([['a', 1]]), set: new Set([2]), sym: Symbol('s'), fn: () => 1 })).not.toThrow();
      expect(() => log.info('revoked proxy', revoked.proxy)).not.toThrow();
      expect(() => log.info(42 as unknown as string, 7n)).not.toThrow();
    });
    expect(written.map((line) => line.message)).toEqual(['bigint', 'getter', 'cycle', 'collections', 'revoked proxy', '42']);
    expect(written[0]!.details).toEqual({ amount: '1000000000000000000000000000000n' });
    expect(written[1]!.details).toEqual({ boom: '[unreadable]', fine: 1 });
    expect(written[2]!.details).toEqual({ name: 'loop', self: '[circular]' });
    expect(written[3]!.details).toEqual({ map: { a: 1 }, set: [2], sym: 'Symbol(s)', fn: '[function]' });
    expect(written[4]!.details).toBe('[unreadable]');
    expect(written[5]!.details).toBe('7n');
  });

  it('keeps an error’s cause and code, redacted', () => {
    const error = Object.assign(new Error(`failed with ${SECRET}`, { cause: new Error('inner') }), { code: 'SQLITE_FULL' });
    const [line] = lines((log) => log.error('failure', error));
    expect(line!.details).toMatchObject({ name: 'Error', message: 'failed with [redacted]', code: 'SQLITE_FULL', cause: { name: 'Error', message: 'inner' } });
  });
});

describe('secrets are known from the moment they are read', () => {
  const secret = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 53 + 19) % 256)).toString('base64');
  const apiKey = Buffer.from(Array.from({ length: 42 }, (_, i) => (i * 29 + 3) % 256)).toString('base64');

  it('a secret read from the keychain is masked in pieces by the app’s logger', async () => {
    const store = new MemorySecretStore();
    await store.set('p', { apiKey, apiSecret: secret });
    await createCredentialsProvider(store, 'p').getCredentials();
    expect(redactText(`part ${secret.slice(40, 52)}`)).toBe(`part ${REDACTED}`);
  });

  it('a secret typed into a form is masked even when the form refuses it', () => {
    const other = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 71 + 5) % 256)).toString('base64');
    const typed = `${other.slice(0, 40)} ${other.slice(40)}`;
    expect(() => validateCredentials({ apiKey, apiSecret: typed })).toThrow();
    expect(redactText(`got ${other.slice(44, 60)}`)).toBe(`got ${REDACTED}`);
  });

  it('shape rules alone never leave an unregistered secret readable in its usual encodings', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
    const secrets = new KnownSecrets();
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(Array.from({ length: 64 }, () => Math.floor(random())));
      for (const form of [bytes.toString('base64'), bytes.toString('base64url'), encodeURIComponent(bytes.toString('base64')), bytes.toString('hex')]) {
        expect(redactText(`value=${form}`, secrets)).toBe(`value=${REDACTED}`);
      }
    }
  });
});
