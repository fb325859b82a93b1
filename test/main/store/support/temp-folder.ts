import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(() => {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder in the OS temp dir, removed after the current test. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'margin-desk-store-'));
  created.push(folder);
  return folder;
}
