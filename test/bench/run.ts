/**
 * `npm run bench`: runs every benchmark script in this folder one after the other (never in
 * parallel: on a 2-core machine concurrent benchmarks would measure each other), prints each table
 * and writes all figures to test-results/bench.json for the notes.
 *   npm run bench                 every area
 *   npm run bench -- client store only these areas
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-result.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = new Set(process.argv.slice(2));
const areas = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .filter((area) => wanted.size === 0 || wanted.has(area))
  .sort();

const all: Record<string, BenchResult[]> = {};
let failed = false;
for (const area of areas) {
  console.log(`\n## ${area}`);
  try {
    const module = (await import(pathToFileURL(join(here, `${area}.bench.ts`)).href)) as { run(): Promise<BenchResult[]> };
    all[area] = await module.run();
    console.table(all[area]);
  } catch (error) {
    failed = true;
    console.error(`${area} benchmark failed:`, error);
  }
}
const budgets = Object.values(all)
  .flat()
  .filter((result) => result.verdict !== undefined);
if (budgets.length > 0) {
  console.log('\n## budgets');
  for (const result of budgets) console.log(`${result.verdict === 'pass' ? 'pass' : 'FAIL'}  ${result.name}: ${result.value.toFixed(2)} ${result.unit} (budget ${result.budget})`);
  console.log(`${budgets.filter((result) => result.verdict === 'pass').length} of ${budgets.length} budgets kept`);
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench.json', `${JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2)}\n`);
console.log('\nAll figures: test-results/bench.json');
process.exit(failed ? 1 : 0);
