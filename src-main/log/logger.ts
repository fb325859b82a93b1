/**
 * The main process's one logger: JSON lines in a size-capped, rotated file in the app's user-data
 * folder (what support asks for), and the console in development. Every line goes through
 * redaction. Writes are synchronous appends: a line is on disk before a crash that follows it, and
 * the volume (a few lines per refresh) makes that cheap.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../../src-shared/clock.ts';
import { knownSecrets, type KnownSecrets } from './known-secrets.ts';
import { redactText, redactValue } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
  /** A logger whose lines carry a scope, e.g. `monitor` or `renderer`. */
  child(scope: string): Logger;
  readonly filePath: string | null;
}

export interface LoggerOptions {
  /** Log file path; null logs to the console only. */
  readonly filePath: string | null;
  /** Rotate when the file would grow past this size (default 1 MiB). */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one: app.log.1 … app.log.N (default 3). */
  readonly maxFiles?: number;
  readonly console?: boolean;
  readonly minLevel?: LogLevel;
  /** The app's one clock abstraction; only its `now` is needed here. */
  readonly clock?: Pick<Clock, 'now'>;
  /** The secrets redacted by knowledge (default: the app's registry, see known-secrets.ts). */
  readonly secrets?: KnownSecrets;
}

function safeText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unreadable]';
  }
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxFiles = options.maxFiles ?? 3;
  const minLevel = LEVEL_ORDER[options.minLevel ?? 'info'];
  const clock = options.clock ?? systemClock;
  const secrets = options.secrets ?? knownSecrets;
  const filePath = options.filePath;
  let size = 0;
  if (filePath) {
    try {
      mkdirSync(dirname(filePath), { recursive: true });
      size = existsSync(filePath) ? statSync(filePath).size : 0;
    } catch {
      // A read-only or full data folder: the app must still start far enough to say so (the
      // lines go nowhere but the console then, as each failed write below).
    }
  }

  function rotate(path: string): void {
    rmSync(`${path}.${maxFiles}`, { force: true });
    for (let index = maxFiles - 1; index >= 1; index--) {
      if (existsSync(`${path}.${index}`)) renameSync(`${path}.${index}`, `${path}.${index + 1}`);
    }
    if (existsSync(path)) renameSync(path, `${path}.1`);
    size = 0;
  }

  /** A line for any input: logging must never be what throws. */
  function lineOf(level: LogLevel, scope: string | null, message: unknown, details: unknown): string {
    const entry: Record<string, unknown> = { time: new Date(clock.now()).toISOString(), level, message: redactText(safeText(message), secrets) };
    if (scope) entry.scope = scope;
    if (details !== undefined) entry.details = redactValue(details, secrets);
    return `${JSON.stringify(entry)}\n`;
  }

  function write(level: LogLevel, scope: string | null, message: unknown, details: unknown): void {
    if (LEVEL_ORDER[level] < minLevel) return;
    let line: string;
    try {
      line = lineOf(level, scope, message, details);
    } catch {
      line = `${JSON.stringify({ time: new Date().toISOString(), level, message: '[a log line could not be written]' })}\n`;
    }
    if (options.console) {
      const print = level === 'error' ? console.error : level === 'warn' ? console.warn : console.log;
      print(line.trimEnd());
    }
    if (!filePath) return;
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate(filePath);
      appendFileSync(filePath, line);
      size += bytes;
    } catch {
      // A full disk or a removed folder must not take the app down with it; the console still has it.
    }
  }

  function scoped(scope: string | null): Logger {
    return {
      debug: (message, details) => write('debug', scope, message, details),
      info: (message, details) => write('info', scope, message, details),
      warn: (message, details) => write('warn', scope, message, details),
      error: (message, details) => write('error', scope, message, details),
      child: (child) => scoped(scope ? `${scope}.${child}` : child),
      filePath,
    };
  }
  return scoped(null);
}
