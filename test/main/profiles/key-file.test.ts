import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { MAX_KEY_FILE_BYTES, MAX_KEY_FILE_KEYS, parseKeyFile, readKeyFile } from '../../../src-main/profiles/key-file.ts';

const KEY = 'Xk3Jm9Qw2Lr8Tz5Vb7Nc1Hd4Gf6Sa0PeXk3Jm9Qw2Lr8Tz5Vb7Nc1Hd4';
const SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

const parse = (text: string) => parseKeyFile(Buffer.from(text, 'utf8'));

function kindOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
  return 'no error';
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(content: Buffer | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'md-key-file-'));
  dirs.push(dir);
  const path = join(dir, 'keys.csv');
  writeFileSync(path, content);
  return path;
}

describe('the key file format', () => {
  it('reads name, key, secret lines, skipping a header, comments and blank lines, with line numbers', () => {
    const lines = parse(`name,key,secret\n# my desk\n\nDesk A, ${KEY} , ${SECRET}\r\n"Desk, ""EU""",${KEY}x,${SECRET}\n`);
    expect(lines).toEqual([
      { line: 4, name: 'Desk A', apiKey: KEY, apiSecret: SECRET },
      { line: 5, name: 'Desk, "EU"', apiKey: `${KEY}x`, apiSecret: SECRET },
    ]);
  });

  it('takes a first line as data when it is not a header, also a profile named "name"', () => {
    expect(parse(`Main,${KEY},${SECRET}`)).toEqual([{ line: 1, name: 'Main', apiKey: KEY, apiSecret: SECRET }]);
    expect(parse(`name,${KEY},${SECRET}`)).toEqual([{ line: 1, name: 'name', apiKey: KEY, apiSecret: SECRET }]);
    expect(parse(`Name,API key,API secret\nMain,${KEY},${SECRET}`)).toEqual([{ line: 2, name: 'Main', apiKey: KEY, apiSecret: SECRET }]);
  });

  it('reports a line with the wrong number of fields, an open quote or an empty field by number, without its text', () => {
    const lines = parse(`A,${KEY}\nB,${KEY},${SECRET},extra\n"C,${KEY},${SECRET}\nD,,${SECRET}\n`);
    expect(lines.map((line) => [line.line, line.name])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
    const problems = lines.map((line) => ('problem' in line ? line.problem : ''));
    expect(problems[0]).toMatch(/^Line 1 has 2 fields, not 3/);
    expect(problems[1]).toMatch(/^Line 2 has 4 fields/);
    expect(problems[2]).toMatch(/^Line 3: a quoted field is not closed/);
    expect(problems[3]).toMatch(/^Line 4 has no key/);
    for (const problem of problems) {
      expect(problem).not.toContain(KEY.slice(0, 12));
      expect(problem).not.toContain(SECRET.slice(0, 12));
    }
  });

  it('refuses a secret or key in the name column without echoing it', () => {
    const [line] = parse(`${SECRET},${KEY},Desk A\n`);
    expect(line?.name).toBeNull();
    const problem = line !== undefined && 'problem' in line ? line.problem : '';
    expect(problem).toMatch(/name looks like a key or a secret/);
    expect(problem).not.toContain(SECRET.slice(0, 12));
  });

  it('refuses a binary file, a file that is not UTF-8, and one with NUL bytes', () => {
    expect(kindOf(() => parseKeyFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])))).toBe('keyFileNotText');
    expect(kindOf(() => parseKeyFile(Buffer.from([0x41, 0x2c, 0xff, 0xfe, 0x2c, 0x42])))).toBe('keyFileNotText');
    expect(kindOf(() => parse(`A,${KEY},${SECRET}\u0000`))).toBe('keyFileNotText');
  });

  it('refuses more keys than the cap', () => {
    const line = `A,${KEY},${SECRET}\n`;
    expect(parse(line.repeat(MAX_KEY_FILE_KEYS))).toHaveLength(MAX_KEY_FILE_KEYS);
    expect(kindOf(() => parse(line.repeat(MAX_KEY_FILE_KEYS + 1)))).toBe('keyFileTooManyKeys');
  });
});

describe('reading a key file', () => {
  it('reads a file of keys', async () => {
    expect(await readKeyFile(tempFile(`name,key,secret\nA,${KEY},${SECRET}\n`))).toEqual([{ line: 2, name: 'A', apiKey: KEY, apiSecret: SECRET }]);
  });

  it('refuses a file one byte over the size cap, reading no more than that', async () => {
    const path = tempFile(Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 'a'));
    await expect(readKeyFile(path)).rejects.toMatchObject({ kind: 'keyFileTooLarge' });
    const atCap = tempFile(Buffer.concat([Buffer.from('# '), Buffer.alloc(MAX_KEY_FILE_BYTES - 2, 'a')]));
    expect(await readKeyFile(atCap)).toEqual([]);
  });

  it('says so when the path is missing or a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-key-file-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'folder'));
    await expect(readKeyFile(join(dir, 'missing.csv'))).rejects.toMatchObject({ kind: 'keyFileUnreadable' });
    await expect(readKeyFile(join(dir, 'folder'))).rejects.toMatchObject({ kind: 'keyFileUnreadable', message: 'This is not a file.' });
  });

  it.skipIf(process.platform === 'win32')('refuses a named pipe without waiting for a writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-key-file-'));
    dirs.push(dir);
    const pipe = join(dir, 'keys.csv');
    execFileSync('mkfifo', [pipe]);
    // Opening a pipe for reading used to wait for a writer, so the import never finished.
    await expect(readKeyFile(pipe)).rejects.toMatchObject({ kind: 'keyFileUnreadable', message: 'This is not a file.' });
  });
});
