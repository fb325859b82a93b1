/**
 * A logger whose folder cannot be made (a read-only or broken data folder) must not stop the app
 * from starting far enough to tell the user: creating it and logging both succeed, and the lines
 * still reach the console.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src-main/log/logger.ts';

const folders: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('a logger whose folder cannot be made', () => {
  it('is created and logs to the console', () => {
    const folder = mkdtempSync(join(tmpdir(), 'md-log-unwritable-'));
    folders.push(folder);
    // A file where the logs folder's parent should be: mkdir fails with ENOTDIR, whoever runs the test.
    writeFileSync(join(folder, 'userData'), '');
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void printed.push(line));
    const logger = createLogger({ filePath: join(folder, 'userData', 'logs', 'main.log'), console: true });
    expect(() => logger.error('Margin Desk could not start', { kind: 'databaseUnavailable' })).not.toThrow();
    expect(printed.join('\n')).toContain('Margin Desk could not start');
  });
});
