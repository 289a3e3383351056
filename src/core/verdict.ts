/**
 * The four answers a data-checked claim can get, spelled the same everywhere (code, JSON, CLI
 * text, dashboard). "insufficient data" is the one term for "the data cannot decide": not
 * "not enough data", not "data missing".
 */
export type Verdict = 'supported' | 'refuted' | 'mixed' | 'insufficient data';

export const VERDICTS: readonly Verdict[] = ['supported', 'refuted', 'mixed', 'insufficient data'];

export const INSUFFICIENT: Verdict = 'insufficient data';

/** A threshold of a verdict rule: one exported constant each, with the reason it has that value. */
export interface Threshold {
  value: number;
  unit: string;
  why: string;
}
