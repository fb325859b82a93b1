/**
 * Runs one of this folder's child scripts under Node with the given environment and returns its JSON
 * report. Used for keychain situations a test must not create in its own process: no D-Bus at all,
 * or a locked keyring in a private session (locking the shared one would break parallel tests).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildRun<T> {
  readonly report: T;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Everything the child wrote, to check that no secret was printed. */
  readonly output: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WITH_KEYRING = fileURLToPath(new URL('../../../scripts/with-keyring.sh', import.meta.url));

export function childScript(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** The report is the last stdout line that parses as JSON. */
export function runChild<T>(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      let report: T;
      try {
        report = JSON.parse(line) as T;
      } catch {
        reject(new Error(`child ${args.join(' ')} gave no report (exit ${exitCode}, signal ${signal}):\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ report, exitCode, signal, output: `${stdout}\n${stderr}` });
    });
  });
}
