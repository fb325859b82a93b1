import { describe, expect, it } from 'vitest';
import { RendererErrorReports } from '../../../src-main/bridge/renderer-error-reports.ts';
import type { Logger } from '../../../src-main/log/logger.ts';

function recordingLogger() {
  const lines: { level: string; message: string; details: unknown }[] = [];
  const logger: Logger = {
    debug: (message, details) => void lines.push({ level: 'debug', message, details }),
    info: (message, details) => void lines.push({ level: 'info', message, details }),
    warn: (message, details) => void lines.push({ level: 'warn', message, details }),
    error: (message, details) => void lines.push({ level: 'error', message, details }),
    child: () => logger,
    filePath: null,
  };
  return { logger, lines };
}

describe('renderer error reports', () => {
  it('writes a burst up to the minute’s bound, then counts, and says how many went unwritten', () => {
    const { logger, lines } = recordingLogger();
    let now = 1_000_000;
    const reports = new RendererErrorReports(logger, () => now, { perMinute: 3, perSession: 100 });
    for (let index = 0; index < 10; index++) reports.report({ message: `error ${index}` });
    expect(lines.map((line) => line.message)).toEqual(['error 0', 'error 1', 'error 2']);
    now += 60_000;
    reports.report({ message: 'error 10', stack: 'at x', source: 'app://margin-desk/index.js' });
    expect(lines.at(-1)).toEqual({
      level: 'error',
      message: 'error 10',
      details: { stack: 'at x', source: 'app://margin-desk/index.js', reportsNotWrittenBefore: 7 },
    });
  });

  it('stops writing at the session’s bound with one line that says so', () => {
    const { logger, lines } = recordingLogger();
    let now = 0;
    const reports = new RendererErrorReports(logger, () => now, { perMinute: 2, perSession: 5 });
    for (let index = 0; index < 50; index++) {
      reports.report({ message: `error ${index}` });
      now += 20_000;
    }
    expect(lines.filter((line) => line.level === 'error')).toHaveLength(5);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'The window reported 5 errors this session; further reports are not written until Margin Desk restarts.',
    ]);
  });
});
