/** What a REST profile says about Kraken switching its API off (src-main/monitor/rest-cutoff.ts decides when). */
export interface RestCutoffNotice {
  /** `notice`: the API still works but goes away; `switchedOff`: Kraken turned it off. */
  readonly stage: 'notice' | 'switchedOff';
  readonly title: string;
  readonly message: string;
  /** What the user does, in order. */
  readonly steps: readonly string[];
}
