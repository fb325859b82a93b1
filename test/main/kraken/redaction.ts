/** Asserts an error carries no secret and no Authent value in any form a user, a log or IPC could see. */
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { toUserFacing } from '../../../src-main/errors.ts';

export function expectRedacted(error: unknown, secrets: readonly string[]): void {
  const err = error as Error & { action?: string };
  const views = [
    String(error),
    err.message,
    err.action ?? '',
    err.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(toUserFacing(error)),
    inspect(error, { depth: 10, showHidden: true }),
  ];
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    for (const view of views) expect(view).not.toContain(secret);
  }
}

/** The API secret and every Authent the client sent. */
export function sensitiveValues(apiSecret: string, sent: readonly Headers[]): string[] {
  return [apiSecret, ...sent.map((headers) => headers.get('authent') ?? '').filter((value) => value !== '')];
}
