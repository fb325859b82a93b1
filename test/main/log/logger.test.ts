import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/log/logger.ts';
import { redactText, redactValue } from '../../../src-main/log/redact.ts';

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
    const log = createLogger({ filePath: file, maxBytes: 2_000, maxFiles: 2, clock: () => 0 });
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
