import type { RiskHistory } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { DailyPrices, ScoredEpisode } from '../scorecard/score.js';

/**
 * The thesis ledger's vocabulary. A thesis is a list of checks; each check is a claim fragment
 * with the data it needs, the test in words, and a pure function that returns a status and the
 * evidence numbers. The thesis status combines its checks.
 */

export type ThesisStatus = 'supported' | 'refuted' | 'mixed' | 'insufficient data';

export interface Evidence {
  label: string;
  value: number | string | null;
  unit?: string;
  date?: string;
  /** Dashboard chart/panel that shows it (e.g. 'risk', 'plumbing', 'markets:BTC'). */
  chart?: string;
}

export interface CheckResult {
  status: ThesisStatus;
  /** One sentence with the numbers. */
  summary: string;
  evidence: Evidence[];
}

/** Everything a check may read, already cut to what was known on `asOf`. */
export interface ThesisData {
  asOf: string;
  /** Observations by series id (FRED ids, NYFED:…, DTS:…), canonical units. */
  series: Record<string, DatedValue[]>;
  /** Daily closes by symbol (adjusted where the source has it). */
  prices: Record<string, DailyPrices>;
  /** The risk history as `tidewatch risk` computes it (regime/from-series.ts riskHistory). */
  risk?: Pick<RiskHistory, 'levels' | 'forward' | 'counts' | 'netLiquidity'>;
  scorecard?: ScoredEpisode[];
  /** Annual capex and operating income per company, from stored XBRL facts. */
  capex?: Array<{ company: string; fiscalYearEnd: string; capex: number; operatingIncome: number }>;
}

export interface ThesisCheck {
  id: string;
  claim: string;
  dataNeeded: string[];
  test: string;
  evaluate(d: ThesisData): CheckResult;
}

export interface ThesisDef {
  id: string;
  number: number;
  title: string;
  claim: string;
  /** The seed commentary it comes from. */
  seed: string;
  checks: ThesisCheck[];
}

export interface ThesisResult {
  id: string;
  number: number;
  title: string;
  claim: string;
  seed: string;
  status: ThesisStatus;
  asOf: string;
  checks: Array<{ id: string; claim: string; dataNeeded: string[]; test: string } & CheckResult>;
}

/**
 * All decided checks agree → that status; decided checks disagree (or any is mixed) → mixed;
 * nothing decidable → insufficient data.
 */
export function combineStatuses(statuses: readonly ThesisStatus[]): ThesisStatus {
  const decided = statuses.filter((s) => s !== 'insufficient data');
  if (decided.length === 0) return 'insufficient data';
  if (decided.every((s) => s === 'supported')) return 'supported';
  if (decided.every((s) => s === 'refuted')) return 'refuted';
  return 'mixed';
}

export function insufficient(summary: string, evidence: Evidence[] = []): CheckResult {
  return { status: 'insufficient data', summary, evidence };
}

export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}
