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

/** One threshold constant: its value, the unit it is in, and why it has that value. */
export function threshold(value: number, unit: string, why: string): Threshold {
  return { value, unit, why };
}

/**
 * A table of threshold constants, one line each (`NAME: [value, unit, why]`), for a module that
 * declares several: destructure it to export every name as its own typed constant.
 */
export function thresholds<K extends string>(
  table: Record<K, readonly [value: number, unit: string, why: string]>,
): Record<K, Threshold> {
  const out = {} as Record<K, Threshold>;
  for (const name of Object.keys(table) as K[]) {
    const [value, unit, why] = table[name];
    out[name] = threshold(value, unit, why);
  }
  return out;
}

/**
 * A rule's verdict once its data decide it: the support condition wins, then the refutation;
 * neither → mixed.
 */
export function ruleVerdict(supported: boolean, refuted: boolean): Verdict {
  return supported ? 'supported' : refuted ? 'refuted' : 'mixed';
}
