/**
 * npm run probe -- --source uws|rest [--base-url URL] [--ws-url URL] [--timeout-ms N]
 *
 * Fetches one snapshot through the app's own code (src-main/probe/probe.ts) and prints it with its
 * health as JSON on stdout. The key and secret come from the environment variables MD_API_KEY and
 * MD_API_SECRET only, never from the command line (where the shell history and `ps` would keep
 * them). On failure it prints the typed error as JSON on stderr and exits 1.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { AppError, toUserFacing } from '../src-main/errors.ts';
import { probe } from '../src-main/probe/probe.ts';

function usage(message: string, action: string): AppError {
  return new AppError({ kind: 'invalidArgument', message, action, retryable: false });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      source: { type: 'string' },
      'base-url': { type: 'string' },
      'ws-url': { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
    },
  });
  const source = values.source;
  if (source !== 'uws' && source !== 'rest') throw usage('--source must be "uws" or "rest".', 'Run: npm run probe -- --source uws');
  const apiKey = process.env['MD_API_KEY'] ?? '';
  const apiSecret = process.env['MD_API_SECRET'] ?? '';
  if (apiKey === '' || apiSecret === '') {
    throw usage('No key: MD_API_KEY and MD_API_SECRET must both be set.', 'Set both environment variables (never pass a key on the command line).');
  }
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw usage('--timeout-ms must be a whole number of milliseconds.', 'For example --timeout-ms 30000.');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const result = await probe({
    source,
    credentials: { apiKey, apiSecret },
    baseUrl: values['base-url'],
    streamUrl: values['ws-url'],
    appVersion: version,
    timeoutMs,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${JSON.stringify({ error: toUserFacing(error) }, null, 2)}\n`);
    process.exit(1);
  },
);
