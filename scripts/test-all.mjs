// Runs every test the machine can run without the Electron binary: the unit and integration suites
// (main under Node, renderer under jsdom), then the end-to-end suite (built renderer in Chromium),
// and prints one closing summary line, "N passed, N failed", across all of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const resultsDir = 'test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const runs = [
  { name: 'unit', command: ['npm', 'test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsDir}/unit.json`] },
  { name: 'e2e', command: ['npm', 'run', 'test:e2e', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsDir}/e2e.json`] },
];

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const run of runs) {
  const outcome = spawnSync(run.command[0], run.command.slice(1), { stdio: 'inherit' });
  if (outcome.status !== 0) exitCode = 1;
  try {
    const report = JSON.parse(readFileSync(`${resultsDir}/${run.name}.json`, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) exitCode = 1;
  } catch {
    console.error(`The ${run.name} suite wrote no report: it did not run.`);
    exitCode = 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
