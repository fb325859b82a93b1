/** One figure of a benchmark script (`test/bench/<area>.bench.ts` exports `run(): Promise<BenchResult[]>`). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
  /** The figure's budget, when it has one (issue #15's "Done when"), e.g. "< 5". */
  budget?: string;
  /** Whether the figure is within its budget. */
  verdict?: 'pass' | 'FAIL';
}

/** The result with its budget: pass when the value is below `max`. */
export function withBudget(result: BenchResult, max: number): BenchResult {
  return { ...result, budget: `< ${max}`, verdict: result.value < max ? 'pass' : 'FAIL' };
}
