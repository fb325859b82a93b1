/**
 * A file of keys to import: read once from where the user's open dialog pointed, parsed, and let go.
 * Nothing copies it, caches it or writes any of it anywhere (the secrets go on to the keychain only,
 * through ./key-import.ts); the bytes read are zeroed once parsed.
 *
 * The format (the README's "Import a file of keys" says the same in a user's words):
 * - UTF-8 text, one key per line: `name, key, secret` (comma separated, whitespace around a field
 *   ignored); a field may be in double quotes (`"Desk, EU"`), a quote inside written twice (`""`);
 * - an optional first line `name, key, secret` (a header, as spreadsheets export it) is skipped;
 * - blank lines and lines starting with `#` are ignored;
 * - at most MAX_KEY_FILE_BYTES and MAX_KEY_FILE_KEYS keys; a line that is not three fields is
 *   reported by its number and what is wrong with it, never by its text.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_DESK_MEMBERS } from '../../src-shared/desk-schema.ts';
import { AppError } from '../errors.ts';
import { knownSecrets } from '../log/known-secrets.ts';

/** A desk of a few hundred keys is a few tens of kilobytes: a larger file is not a file of keys. */
export const MAX_KEY_FILE_BYTES = 256 * 1024;
/**
 * As many as a desk holds. Parsing registers every key and secret of the file with the log's
 * redactor (../log/known-secrets.ts keeps the 1,024 most recently used), and a line's are
 * registered again when its key is checked: the checks' own lasting signatures push lines not yet
 * checked out of a file this large meanwhile, but each key and secret is known while it is in use.
 */
export const MAX_KEY_FILE_KEYS = MAX_DESK_MEMBERS;

export type KeyFileLine =
  | { readonly line: number; readonly name: string; readonly apiKey: string; readonly apiSecret: string }
  | { readonly line: number; readonly name: null; readonly problem: string };

const FORMAT_ACTION = 'Write each key on a line of its own as: name, key, secret.';

function fileError(kind: 'keyFileUnreadable' | 'keyFileTooLarge' | 'keyFileNotText' | 'keyFileTooManyKeys', message: string, action: string, cause?: unknown): AppError {
  return new AppError({ kind, message, action, retryable: false, cause });
}

/** Reads at most one byte more than the cap, so a huge (or endless) file costs no more than that. */
export async function readKeyFile(path: string): Promise<readonly KeyFileLine[]> {
  let handle;
  try {
    // Non-blocking: a named pipe (or a device) opened for reading would otherwise wait for a writer
    // before `isFile` below could refuse it. A regular file opens and reads as usual.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError('keyFileUnreadable', 'The file could not be opened.', 'Check that the file exists and that you may read it, then import it again.', error);
  }
  const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
  try {
    if (!(await handle.stat()).isFile()) throw fileError('keyFileUnreadable', 'This is not a file.', 'Choose the file that holds your keys.');
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_KEY_FILE_BYTES) break;
    }
    return parseKeyFile(buffer.subarray(0, length));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError('keyFileUnreadable', 'The file could not be read.', 'Check that the file is on a working disk, then import it again.', error);
  } finally {
    buffer.fill(0);
    await handle.close();
  }
}

export function parseKeyFile(bytes: Uint8Array): readonly KeyFileLine[] {
  if (bytes.length > MAX_KEY_FILE_BYTES) {
    throw fileError('keyFileTooLarge', `The file is larger than ${MAX_KEY_FILE_BYTES / 1024} KB, far more than a file of keys.`, 'Choose the file that holds your keys, one "name, key, secret" line each.');
  }
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fileError('keyFileNotText', 'The file is not a text file.', 'Save the keys as plain text (UTF-8 CSV), one "name, key, secret" line each.');
  }
  const lines: KeyFileLine[] = [];
  let first = true;
  for (const [index, raw] of text.split(/\r\n|\n|\r/).entries()) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = splitFields(trimmed);
    const isHeader = first && fields !== null && isHeaderLine(fields);
    first = false;
    if (isHeader) continue;
    lines.push(lineOf(index + 1, fields));
    if (lines.length > MAX_KEY_FILE_KEYS) {
      throw fileError('keyFileTooManyKeys', `The file holds more than ${MAX_KEY_FILE_KEYS} keys.`, `Split it into files of at most ${MAX_KEY_FILE_KEYS} keys.`);
    }
  }
  return lines;
}

/** `name, key, secret` as a spreadsheet heads its columns (`API key`, `api_secret` too); a profile named "name" is data. */
function isHeaderLine(fields: readonly string[]): boolean {
  const [name, key, secret] = fields.map((field) => field.toLowerCase().replace(/^api[ _-]?/, ''));
  return fields.length === 3 && name === 'name' && key === 'key' && secret === 'secret';
}

/** A name that is one long run of base64 is a key or a secret in the wrong column. */
const LOOKS_LIKE_CREDENTIAL = /^[A-Za-z0-9+/_-]{32,}={0,2}$/;

function lineOf(line: number, fields: readonly string[] | null): KeyFileLine {
  if (fields === null) return { line, name: null, problem: `Line ${line}: a quoted field is not closed. ${FORMAT_ACTION}` };
  // Known to the log's redactor before anything about the line can be logged.
  for (const field of fields.slice(1)) knownSecrets.remember(field);
  if (fields.length !== 3) return { line, name: null, problem: `Line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 3. ${FORMAT_ACTION}` };
  const [name = '', apiKey = '', apiSecret = ''] = fields;
  if (LOOKS_LIKE_CREDENTIAL.test(name)) {
    knownSecrets.remember(name);
    return { line, name: null, problem: `Line ${line}: the name looks like a key or a secret, so the columns may be in the wrong order. ${FORMAT_ACTION}` };
  }
  if (name === '' || apiKey === '' || apiSecret === '') {
    const missing = name === '' ? 'name' : apiKey === '' ? 'key' : 'secret';
    return { line, name: null, problem: `Line ${line} has no ${missing}. ${FORMAT_ACTION}` };
  }
  return { line, name, apiKey, apiSecret };
}

/** The line's fields (quotes removed, whitespace around each trimmed), or null when a quote is left open. */
function splitFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      // anything between the closing quote and the next comma is kept, as spreadsheets do
      const comma = line.indexOf(',', i);
      field += (comma < 0 ? line.slice(i) : line.slice(i, comma)).trimEnd();
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      field = (comma < 0 ? line.slice(i) : line.slice(i, comma)).trim();
      i = comma < 0 ? line.length : comma;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
