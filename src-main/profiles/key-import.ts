/**
 * Imports a file of keys (./key-file.ts) as profiles, each through ProfileService.create exactly as
 * the add form does: checked locally, checked with Kraken, the secret to the keychain only. A few
 * checks run at a time (a file of hundreds of keys must not fire hundreds of requests together).
 *
 * The report and the log name lines by number and profiles by their names; a key or a secret never
 * appears in either (a refused line carries the typed error's message, which never quotes input).
 */
import { basename } from 'node:path';
import type { KeyImportLine, KeyImportReport, KeyImportRequest } from '../../src-shared/key-import.ts';
import { toUserFacing } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { keyFingerprint } from './credential-validation.ts';
import { readKeyFile, type KeyFileLine } from './key-file.ts';
import type { ProfileService } from './profile-service.ts';

/** Key checks in flight at once. */
export const IMPORT_CONCURRENCY = 4;

const DUPLICATE_ACTION = 'Nothing to do: the key was imported once.';

export async function importKeyFile(path: string, request: KeyImportRequest, profiles: ProfileService, logger: Logger): Promise<KeyImportReport> {
  const lines = await readKeyFile(path);
  const results = new Map<number, KeyImportLine>();
  // Profiles already holding a key, by name and key ending: importing the same file twice adds nothing.
  const existing = new Set(profiles.list().profiles.map((profile) => `${profile.name}\n${profile.keyFingerprint ?? ''}`));
  const seenKeys = new Set<string>();
  const toCheck: Extract<KeyFileLine, { apiKey: string }>[] = [];
  for (const line of lines) {
    if (line.name === null) {
      results.set(line.line, { line: line.line, name: null, outcome: 'malformed', message: line.problem, action: null });
      continue;
    }
    const apiKey = line.apiKey.trim();
    const repeated = seenKeys.has(apiKey);
    seenKeys.add(apiKey);
    if (repeated || existing.has(`${line.name}\n${keyFingerprint(apiKey)}`)) {
      const message = repeated ? `Line ${line.line} repeats a key from an earlier line.` : `A profile named "${line.name}" already has this key.`;
      results.set(line.line, { line: line.line, name: line.name, outcome: 'duplicate', message, action: DUPLICATE_ACTION });
      continue;
    }
    toCheck.push(line);
  }
  const queue = [...toCheck];
  const worker = async (): Promise<void> => {
    for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
      try {
        await profiles.create({ name: line.name, colour: request.colour, source: request.source, baseUrl: request.baseUrl, streamUrl: request.streamUrl, apiKey: line.apiKey, apiSecret: line.apiSecret });
        results.set(line.line, { line: line.line, name: line.name, outcome: 'added', message: null, action: null });
      } catch (error) {
        const { message, action } = toUserFacing(error);
        results.set(line.line, { line: line.line, name: line.name, outcome: 'refused', message, action });
      }
    }
  };
  // One profile-list notification for the whole file (the window, the tray and the monitors follow it).
  await profiles.holdingChanges(() => Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, toCheck.length) }, worker)));
  const reported = [...results.values()].sort((a, b) => a.line - b.line);
  const count = (outcome: KeyImportLine['outcome']) => reported.filter((line) => line.outcome === outcome).length;
  const report: KeyImportReport = { fileName: basename(path), lines: reported, added: count('added') };
  logger.info('Keys imported from a file', { added: report.added, refused: count('refused'), duplicate: count('duplicate'), malformed: count('malformed') });
  return report;
}
