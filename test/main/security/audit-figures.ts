/**
 * The security audit's figures, as the suite measures them: each audit test adds its counts, and
 * the file test-results/security-audit.json collects them for the notes (what was tried, what got
 * through). The assertions are in the tests; this only keeps the numbers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../../../test-results/security-audit.json', import.meta.url));

export function recordAuditFigures(area: string, figures: Record<string, number | string>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // First figures of this run.
  }
  all[area] = figures;
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`);
}
