/** The look harness's scenarios by name (kept apart from their data, which only the browser bundle loads). */
export const SCENARIOS = ['seed', 'many', 'offline', 'first-run', 'sample', 'privacy'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
