/** One figure of a benchmark script (`test/bench/<area>.bench.ts` exports `run(): Promise<BenchResult[]>`). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}
