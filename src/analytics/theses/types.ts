import { formatValue } from '../../core/format.js';
import { INSUFFICIENT, type Threshold, type Verdict } from '../../core/verdict.js';
import type { TokenObservation } from '../../sources/curated/datasets.js';
import type { RiskHistory } from '../regime/from-series.js';
import type { DatedValue } from '../regime/weekly.js';
import type { DailyPrices, ScoredEpisode } from '../scorecard/score.js';

/**
 * The thesis ledger's vocabulary. A thesis is a list of checks; each check is a claim fragment
 * with the data it needs, the test in words (its thresholds printed in it), the verdicts its rule
 * can reach, and a pure function that returns a verdict and the evidence numbers. The thesis
 * status combines its checks.
 */

export type ThesisStatus = Verdict;

/**
 * 'measured': computed from stored source data (series, prices, filings). 'curated': a figure
 * from a curated file (token disclosures, a reported outcome) — shown with its citation and never
 * presented as measured.
 */
export type EvidenceBasis = 'measured' | 'curated';

export interface Evidence {
  label: string;
  value: number | string | null;
  unit?: string;
  basis: EvidenceBasis;
  /** Series ids, price sources, files or citations the value comes from. */
  source: string;
  /** The window the value describes (the window the check claims, e.g. the 12 months to as-of). */
  from: string;
  to: string;
  /** Dates of the observations used (the first and last one for a long series); all ≤ as-of. */
  inputDates: string[];
  /** Dashboard chart/panel that shows it (e.g. 'risk', 'plumbing', 'markets:BTC'). */
  chart?: string;
}

export type { Threshold } from '../../core/verdict.js';

export interface CheckResult {
  status: ThesisStatus;
  /** One sentence with the numbers. */
  summary: string;
  evidence: Evidence[];
}

/** One short-position row of a stored 13F filing (put rows only), with what notional needs. */
export interface ThirteenFPutRow {
  filer: string;
  cik: number;
  period: string;
  filed: string;
  issuer: string;
  /** Ticker the CUSIP/issuer maps to ('' when unknown). */
  symbol: string;
  valueUsd: number;
  /** Underlying shares the row covers (13F shrsOrPrnAmt). */
  shares: number;
  accession: string;
  /**
   * The underlying's close on the period end from the least-adjusted stored source ('raw' before
   * 'split' before 'split+div'), recorded later splits undone; absent → the check uses the merged
   * adjusted closes.
   */
  periodClose?: { date: string; close: number; source: string; basis: string };
}

/** Annual capex vs operating income of one hyperscaler (the capex report's fiscal year). */
export interface CapexYear {
  company: string;
  fiscalYear: number;
  fiscalYearStart: string;
  fiscalYearEnd: string;
  capex: number;
  operatingIncome: number;
  /** Capex growth − operating-income growth (the capex report's `gap`); null without a prior year. */
  gap: number | null;
  /** When the figures were public (latest filing date used; estimated from the period end when the filing does not state it). */
  knownFrom: string | null;
}

/**
 * Liquidated notional of one day from one source. 'venue': one exchange's records (the stored
 * liquidations table) — a lower bound of the market-wide total; 'market-wide': an aggregate
 * across venues (curated rows with their citation).
 */
export interface LiquidationDay {
  date: string;
  source: string;
  notionalUsd: number;
  scope: 'venue' | 'market-wide';
  basis: EvidenceBasis;
}

/** Everything a check may read, already cut to what was known on `asOf`. */
export interface ThesisData {
  asOf: string;
  /** Observations by series id (FRED ids, NYFED:…, DTS:…), canonical units. */
  series: Record<string, DatedValue[]>;
  /** Daily closes by symbol (adjusted where the source has it). */
  prices: Record<string, DailyPrices>;
  /** Daily intraday highs by symbol, where a source has them (Binance klines). */
  highs?: Record<string, DailyPrices>;
  /** The risk history as `tidewatch risk` computes it (regime/from-series.ts riskHistory). */
  risk?: Pick<RiskHistory, 'levels' | 'forward'> &
    Partial<Pick<RiskHistory, 'counts' | 'netLiquidity' | 'weeklyPrices'>>;
  scorecard?: ScoredEpisode[];
  /** Annual capex and operating income per hyperscaler, from stored XBRL facts filed by as-of. */
  capex?: CapexYear[];
  /** Curated token disclosures published by as-of. */
  tokens?: TokenObservation[];
  /** Put rows of stored 13F filings filed by as-of. */
  thirteenFPuts?: ThirteenFPutRow[];
  /** Liquidated notional per day and source, dated ≤ as-of. */
  liquidations?: LiquidationDay[];
}

export interface ThesisCheck {
  id: string;
  claim: string;
  dataNeeded: string[];
  /** The rule in words, its thresholds printed from their constants. */
  test: string;
  /** The verdicts the rule can reach (a check without 'mixed' says why in `test`). */
  outcomes: readonly ThesisStatus[];
  thresholds: Record<string, Threshold>;
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

export interface CheckReport extends CheckResult {
  id: string;
  claim: string;
  dataNeeded: string[];
  test: string;
  thresholds: Record<string, Threshold>;
}

export interface ThesisResult {
  id: string;
  number: number;
  title: string;
  claim: string;
  seed: string;
  status: ThesisStatus;
  asOf: string;
  checks: CheckReport[];
}

/**
 * All decided checks agree → that status; decided checks disagree (or any is mixed) → mixed;
 * nothing decidable → insufficient data.
 */
export function combineStatuses(statuses: readonly ThesisStatus[]): ThesisStatus {
  const decided = statuses.filter((s) => s !== INSUFFICIENT);
  if (decided.length === 0) return INSUFFICIENT;
  if (decided.every((s) => s === 'supported')) return 'supported';
  if (decided.every((s) => s === 'refuted')) return 'refuted';
  return 'mixed';
}

export function insufficient(summary: string, evidence: Evidence[] = []): CheckResult {
  return { status: INSUFFICIENT, summary, evidence };
}

/** A fraction as percent in the one formatter's spelling: 0.042 → '4.2 %', −0.326 → '−32.6 %'. */
export function pct(x: number, digits = 1): string {
  return formatValue(x, 'fraction', { digits });
}
