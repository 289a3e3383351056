import { levelsFromValues, type RiskLevels, ruleFires } from './engine.js';
import { forwardStatsByLevel, type LevelHorizonStats } from './forward.js';
import type { RiskRule } from './rules.js';

/**
 * Most risk-rule thresholds were read off the whole 2007–2025 history (rules.ts: chosenOn
 * 'whole history'), so any statistic judged with them is in-sample. This module repeats the
 * choice on the early half only — each such threshold becomes the value at which the rule fires
 * on the same share of the early weeks as it does on the whole history — and measures what
 * happened after each level in the late half, which the choice never saw.
 */

export interface SplitSample {
  /** Weeks the thresholds were re-chosen on, and the weeks they are tested on. */
  train: { from: string; to: string };
  test: { from: string; to: string };
  /** The rule table with every 'whole history' threshold re-chosen on the train weeks. */
  rules: RiskRule[];
  /** Levels of every week under the re-chosen rules. */
  levels: RiskLevels;
  /** Forward returns/drawdowns per asset after the test weeks only. */
  forward: Record<string, LevelHorizonStats[]>;
}

/** Known values of an indicator over weeks [from, to). */
function knownValues(v: Float64Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (!Number.isNaN(v[i]!)) out.push(v[i]!);
  return out;
}

/** Share of the known weeks in [from, to) on which the rule fires. */
export function firingShare(rule: RiskRule, v: Float64Array, from: number, to: number): number {
  const xs = knownValues(v, from, to);
  return xs.length ? xs.filter((x) => ruleFires(rule, x)).length / xs.length : 0;
}

/**
 * The threshold at which `rule` fires on `share` of the known weeks in [from, to) (at least one
 * week when share > 0). Undefined when the window has no known value or the share is 0.
 */
export function thresholdForShare(
  rule: RiskRule,
  v: Float64Array,
  from: number,
  to: number,
  share: number,
): number | undefined {
  const xs = knownValues(v, from, to).sort((a, b) => a - b);
  const m = xs.length;
  if (m === 0 || !(share > 0)) return undefined;
  const k = Math.min(m, Math.max(1, Math.round(share * m)));
  if (rule.op === '<=') return xs[k - 1]!;
  if (rule.op === '>=') return xs[m - k]!;
  // '>': the largest value below the k largest
  return k < m ? xs[m - k - 1]! : xs[0]! - Math.abs(xs[0]!) - 1;
}

/** Split at the middle of the weeks that have a level; undefined when fewer than 2 such weeks. */
export function outOfSampleSplit(
  levels: RiskLevels,
  weeklyPrices: Record<string, Float64Array>,
): SplitSample | undefined {
  let first = 0;
  while (first < levels.levels.length && levels.levels[first]! < 0) first++;
  let last = levels.levels.length - 1;
  while (last > first && levels.levels[last]! < 0) last--;
  if (last - first < 1) return undefined;
  const mid = first + Math.floor((last - first + 1) / 2);
  const rules = levels.rules.map((rule, r) => {
    if (rule.chosenOn !== 'whole history') return rule;
    const v = levels.values[r]!;
    const share = firingShare(rule, v, first, last + 1);
    const t = thresholdForShare(rule, v, first, mid, share);
    return t === undefined ? rule : { ...rule, threshold: t };
  });
  const re = levelsFromValues(levels.weeks, rules, levels.values);
  // Only the test weeks are scored: −2 is no level at all, so forwardStatsByLevel skips them.
  const testOnly = Int8Array.from(re.levels, (l, i) => (i < mid ? -2 : l));
  const forward: Record<string, LevelHorizonStats[]> = {};
  for (const [asset, prices] of Object.entries(weeklyPrices))
    forward[asset] = forwardStatsByLevel(testOnly, prices);
  return {
    train: { from: levels.weeks[first]!, to: levels.weeks[mid - 1]! },
    test: { from: levels.weeks[mid]!, to: levels.weeks[last]! },
    rules,
    levels: re,
    forward,
  };
}
