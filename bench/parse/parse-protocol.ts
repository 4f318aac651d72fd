/** What parse-main.ts is asked and answers, shared with the section that runs it. */

export const SPLIT_FLOOR = 'whitespace split (floor)';

export interface ParseRequest {
  rows: number;
  iterations: number;
  fixtureDir: string;
}

export interface ParseReport {
  /** CPU ms per parse of the whole table, by era; `coldMs` is each one's first call. */
  times: Record<string, { coldMs: number; ms: number[] }>;
  rows: number;
}
