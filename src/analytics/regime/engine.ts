import { TidewatchError } from '../../core/errors.js';
import {
  DEFAULT_MIN_FIRED,
  DEFAULT_RULES,
  INDICATORS,
  type IndicatorId,
  LEVEL_NAMES,
  type Level,
  type RiskInputs,
  type RiskRule,
} from './rules.js';
import { indexAtOrBefore } from '../../core/sorted.js';

/**
 * The risk level engine. Input: weekly point-in-time arrays (see weekly.ts for alignment);
 * output: a level per week plus bitmasks of the rules that fired / could be evaluated, so the
 * whole history costs a few array passes. `explainWeek` turns one week into the named rules
 * and their values for people.
 */

export interface RiskLevels {
  weeks: readonly string[];
  rules: readonly RiskRule[];
  /** Level per week; −1 = not enough data (no credit/market rule evaluable and no squeeze rule fired). */
  levels: Int8Array;
  /** Bit r set: rule r fired that week. */
  fired: Uint32Array;
  /** Bit r set: rule r's indicator was known that week. */
  known: Uint32Array;
  /** Indicator values per rule index (shared arrays when rules share an indicator). */
  values: Float64Array[];
}

export interface FiredRule {
  rule: string;
  level: Level;
  indicator: IndicatorId;
  value: number;
  op: string;
  threshold: number;
  why: string;
}

export interface WeekExplanation {
  week: string;
  level: Level | -1;
  name: string;
  fired: FiredRule[];
  /** Watch flags (level-0 rules) that fired. */
  watch: FiredRule[];
  /** Rules whose data was not known that week. */
  unavailable: string[];
}

export function computeRiskLevels(
  inputs: RiskInputs,
  rules: readonly RiskRule[] = DEFAULT_RULES,
  minFired: Record<1 | 2 | 3, number> = DEFAULT_MIN_FIRED,
): RiskLevels {
  checkRuleCount(rules);
  const n = inputs.weeks.length;
  for (const [k, v] of Object.entries(inputs)) {
    if (v instanceof Float64Array && v.length !== n) {
      throw new TidewatchError('bad-input', `risk input ${k} has ${v.length} values for ${n} weeks`);
    }
  }
  const cache = new Map<IndicatorId, Float64Array>();
  const empty = new Float64Array(n).fill(Number.NaN);
  const values = rules.map((r) => {
    let v = cache.get(r.indicator);
    if (!v) {
      v = INDICATORS[r.indicator].compute(inputs) ?? empty;
      cache.set(r.indicator, v);
    }
    return v;
  });
  return levelsFromValues(inputs.weeks, rules, values, minFired);
}

function checkRuleCount(rules: readonly RiskRule[]): void {
  if (rules.length > 32) throw new TidewatchError('bad-input', `at most 32 risk rules, got ${rules.length}`);
}

/** Whether a rule fires on an indicator value (NaN, i.e. unknown, never fires). */
export function ruleFires(rule: Pick<RiskRule, 'op' | 'threshold'>, x: number): boolean {
  const t = rule.threshold;
  return rule.op === '>=' ? x >= t : rule.op === '<=' ? x <= t : x > t;
}

/**
 * Levels from indicator values already computed (one array per rule): the rule table can be
 * re-thresholded (out-of-sample.ts) without recomputing the indicators.
 */
export function levelsFromValues(
  weeks: readonly string[],
  rules: readonly RiskRule[],
  values: Float64Array[],
  minFired: Record<1 | 2 | 3, number> = DEFAULT_MIN_FIRED,
): RiskLevels {
  checkRuleCount(rules);
  const n = weeks.length;
  const fired = new Uint32Array(n);
  const known = new Uint32Array(n);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const v = values[r]!;
    const bit = 1 << r;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue; // not known this week
      known[i]! |= bit;
      if (ruleFires(rule, x)) fired[i]! |= bit;
    }
  }
  // Per level, the mask of its rules; the level is the highest with enough rules firing.
  const levelMask = [0, 0, 0, 0];
  rules.forEach((r, i) => {
    levelMask[r.level]! |= 1 << i;
  });
  const levels = new Int8Array(n);
  const stressRules = levelMask[2]! | levelMask[3]!;
  for (let i = 0; i < n; i++) {
    const f = fired[i]!;
    // "Calm" needs credit/market data: with no level-2/3 rule evaluable the week is −1 (no
    // data) unless a squeeze rule fires on its own.
    let level = (known[i]! & stressRules) === 0 ? -1 : 0;
    for (const k of [3, 2, 1] as const) {
      if (popcount(f & levelMask[k]!) >= minFired[k]) {
        level = k;
        break;
      }
    }
    levels[i] = level;
  }
  return { weeks, rules, levels, fired, known, values };
}

function popcount(x: number): number {
  let c = 0;
  let v = x >>> 0;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
}

export function explainWeek(r: RiskLevels, i: number): WeekExplanation {
  const week = r.weeks[i];
  if (week === undefined)
    throw new TidewatchError('bad-input', `week index ${i} outside 0..${r.weeks.length - 1}`);
  const level = r.levels[i]! as Level | -1;
  const fired: FiredRule[] = [];
  const watch: FiredRule[] = [];
  const unavailable: string[] = [];
  r.rules.forEach((rule, k) => {
    const bit = 1 << k;
    if (!(r.known[i]! & bit)) {
      unavailable.push(rule.id);
      return;
    }
    if (!(r.fired[i]! & bit)) return;
    const f: FiredRule = {
      rule: rule.id,
      level: rule.level,
      indicator: rule.indicator,
      value: r.values[k]![i]!,
      op: rule.op,
      threshold: rule.threshold,
      why: rule.why,
    };
    (rule.level === 0 ? watch : fired).push(f);
  });
  return { week, level, name: level === -1 ? 'no data' : LEVEL_NAMES[level], fired, watch, unavailable };
}

/** Index of the last week ≤ asOf (−1 when none). */
export function weekIndexAsOf(weeks: readonly string[], asOf: string): number {
  return indexAtOrBefore(weeks, asOf);
}

/** Contiguous runs of one level: [startWeek, endWeek, level] — for timelines and episode counts. */
export function levelEpisodes(
  r: RiskLevels,
): Array<{ from: string; to: string; level: Level | -1; weeks: number }> {
  const out: Array<{ from: string; to: string; level: Level | -1; weeks: number }> = [];
  for (let i = 0; i < r.levels.length; i++) {
    const level = r.levels[i]! as Level | -1;
    const last = out[out.length - 1];
    if (last && last.level === level && i > 0) {
      last.to = r.weeks[i]!;
      last.weeks++;
    } else out.push({ from: r.weeks[i]!, to: r.weeks[i]!, level, weeks: 1 });
  }
  return out;
}

/**
 * The week to report as of a day: the last week ≤ asOf, or — when the store ends earlier and
 * that week has no data at all — the newest week that has a level, with a note saying so.
 */
export function reportWeekAsOf(r: Pick<RiskLevels, 'weeks' | 'levels'>, asOf: string): { index: number; note: string | null } {
  const i = weekIndexAsOf(r.weeks, asOf);
  if (i < 0 || r.levels[i] !== -1) return { index: i, note: null };
  let j = i;
  while (j >= 0 && r.levels[j] === -1) j--;
  if (j < 0) return { index: i, note: null };
  return {
    index: j,
    note: `no data for the week ending ${r.weeks[i]}; showing the newest week with data (${r.weeks[j]}) — run \`tidewatch update\``,
  };
}
