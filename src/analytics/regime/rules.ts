import { diff, drawdownFromHigh, pctChange } from '../backtest/ops.js';

/**
 * The macro risk level rules: data, not code, so the CLI/API can print them and a user can
 * override a threshold. Levels: 0 calm, 1 liquidity squeeze, 2 credit stress, 3 systemic.
 *
 * Thresholds were set by looking at the full FRED history in ../shared/data/fred (2007 → 2025),
 * aiming for rules that fire in the episodes everyone agrees on and stay quiet otherwise:
 * - HY OAS (BAMLH0A0HYM2) ≥ 6.0 %: top quarter of days since 2007 (24.7 %); crossed in 2008-09,
 *   2011, 2015-16, 2020 — the credit scares — and never in 2021-2025 (2022's peak was 5.99).
 * - HY OAS ≥ 8.0 %: top 7.6 % of days; only 2008-09, 2011 (9.10), 2016 (8.87), 2020 (10.87).
 * - VIX ≥ 30: top 9.4 % of days since 2007; ≥ 40: top 3.7 % (2008, 2010-11 spikes, 2020).
 * - NFCI ≥ 0: conditions tighter than average (12.4 % of weeks: 2007-09, 2020); ≥ 0.25: only
 *   late 2007-2009 and March 2020 (peak 0.32).
 * - Net liquidity (WALCL − WTREGEN − RRPONTSYD) falling ≥ 5 % over 13 weeks: 5.3 % of weeks
 *   (2009, 2015-16, 2020 H2, 2022 H1, 2025-09 → 11 — the TGA rebuild after the debt ceiling and
 *   the shutdown): thesis 1's "squeeze".
 * - Repo stress: SOFR above the rate on reserves (IORB) on any day of the week, thesis 1's
 *   "crossing the line" (> 0 bp).
 * - Reserves falling ≥ 10 % over 13 weeks: QT plus a TGA build large enough to matter.
 * - BTC ≥ 40 % below its 52-week high is a *watch* flag (level 0): thesis 6 calls crypto the
 *   front-line probe, but BTC also halves in calm macro weather (mid-2021), so it never sets a
 *   level by itself — it is reported next to the level.
 */

export type Level = 0 | 1 | 2 | 3;

export const LEVEL_NAMES: Record<Level, string> = {
  0: 'calm',
  1: 'liquidity squeeze',
  2: 'credit stress',
  3: 'systemic',
};

/** Weekly point-in-time inputs, aligned to `weeks` (NaN = not known that week). */
export interface RiskInputs {
  weeks: readonly string[];
  /** Fed total assets − TGA − ON RRP, US$. */
  netLiquidity?: Float64Array;
  /** Reserve balances, US$. */
  reserves?: Float64Array;
  /** Max over the week's days of SOFR − rate on reserves, basis points. */
  repoSpreadMaxBp?: Float64Array;
  /** ICE BofA US high-yield OAS, percent. */
  hySpread?: Float64Array;
  /** VIX close. */
  vix?: Float64Array;
  /** Chicago Fed NFCI (std. dev., > 0 = tighter than average). */
  nfci?: Float64Array;
  /** BTC close, US$. */
  btc?: Float64Array;
}

export type IndicatorId =
  | 'net_liquidity_13w_pct'
  | 'reserves_13w_pct'
  | 'repo_spread_max_bp'
  | 'hy_spread_pct'
  | 'hy_spread_13w_change_pp'
  | 'vix'
  | 'nfci'
  | 'btc_drawdown_52w';

interface IndicatorDef {
  unit: string;
  describe: string;
  compute(inputs: RiskInputs): Float64Array | undefined;
}

export const INDICATORS: Record<IndicatorId, IndicatorDef> = {
  net_liquidity_13w_pct: {
    unit: 'fraction',
    describe: 'net liquidity (Fed assets − TGA − ON RRP), change over 13 weeks',
    compute: (x) => x.netLiquidity && pctChange(x.netLiquidity, 13),
  },
  reserves_13w_pct: {
    unit: 'fraction',
    describe: 'reserve balances, change over 13 weeks',
    compute: (x) => x.reserves && pctChange(x.reserves, 13),
  },
  repo_spread_max_bp: {
    unit: 'bp',
    describe: 'highest SOFR − IORB of the week',
    compute: (x) => x.repoSpreadMaxBp,
  },
  hy_spread_pct: { unit: 'percent', describe: 'high-yield OAS', compute: (x) => x.hySpread },
  hy_spread_13w_change_pp: {
    unit: 'percentage points',
    describe: 'high-yield OAS, change over 13 weeks',
    compute: (x) => x.hySpread && diff(x.hySpread, 13),
  },
  vix: { unit: 'index', describe: 'VIX', compute: (x) => x.vix },
  nfci: { unit: 'std. dev.', describe: 'Chicago Fed NFCI', compute: (x) => x.nfci },
  btc_drawdown_52w: {
    unit: 'fraction',
    describe: 'BTC below its 52-week high',
    compute: (x) => x.btc && drawdownFromHigh(x.btc, 52),
  },
};

export interface RiskRule {
  id: string;
  /** Level this rule argues for; 0 = watch flag (reported, never sets the level). */
  level: Level;
  indicator: IndicatorId;
  op: '>=' | '<=' | '>';
  threshold: number;
  why: string;
  /**
   * 'whole history': the value was read off the full 2007–2025 history (a percentile of it), so
   * anything judged with it is in-sample; out-of-sample.ts re-chooses it on an early half.
   * 'definition': fixed by what the indicator means (SOFR above IORB, NFCI above its average).
   */
  chosenOn: 'whole history' | 'definition';
}

export const DEFAULT_RULES: readonly RiskRule[] = [
  {
    id: 'net_liquidity_falling',
    level: 1,
    indicator: 'net_liquidity_13w_pct',
    op: '<=',
    threshold: -0.05,
    why: 'net liquidity down ≥ 5 % in 13 weeks (TGA build, RRP drain, QT)',
    chosenOn: 'whole history',
  },
  {
    id: 'repo_crosses_iorb',
    level: 1,
    indicator: 'repo_spread_max_bp',
    op: '>',
    threshold: 0,
    why: 'SOFR above the rate on reserves on some day: repo "crossed the line"',
    chosenOn: 'definition',
  },
  {
    id: 'reserves_falling',
    level: 1,
    indicator: 'reserves_13w_pct',
    op: '<=',
    threshold: -0.1,
    why: 'reserves down ≥ 10 % in 13 weeks',
    chosenOn: 'whole history',
  },
  {
    id: 'hy_spread_wide',
    level: 2,
    indicator: 'hy_spread_pct',
    op: '>=',
    threshold: 6,
    why: 'HY OAS ≥ 6 %',
    chosenOn: 'whole history',
  },
  {
    id: 'hy_spread_widening',
    level: 2,
    indicator: 'hy_spread_13w_change_pp',
    op: '>=',
    threshold: 1.5,
    why: 'HY OAS up ≥ 1.5 pp in 13 weeks',
    chosenOn: 'whole history',
  },
  {
    id: 'vix_high',
    level: 2,
    indicator: 'vix',
    op: '>=',
    threshold: 30,
    why: 'VIX ≥ 30',
    chosenOn: 'whole history',
  },
  {
    id: 'nfci_tight',
    level: 2,
    indicator: 'nfci',
    op: '>=',
    threshold: 0,
    why: 'financial conditions tighter than average',
    chosenOn: 'definition',
  },
  {
    id: 'hy_spread_extreme',
    level: 3,
    indicator: 'hy_spread_pct',
    op: '>=',
    threshold: 8,
    why: 'HY OAS ≥ 8 %',
    chosenOn: 'whole history',
  },
  {
    id: 'vix_panic',
    level: 3,
    indicator: 'vix',
    op: '>=',
    threshold: 40,
    why: 'VIX ≥ 40',
    chosenOn: 'whole history',
  },
  {
    id: 'nfci_very_tight',
    level: 3,
    indicator: 'nfci',
    op: '>=',
    threshold: 0.25,
    why: 'NFCI ≥ 0.25',
    chosenOn: 'whole history',
  },
  {
    id: 'btc_front_line',
    level: 0,
    indicator: 'btc_drawdown_52w',
    op: '<=',
    threshold: -0.4,
    why: 'BTC ≥ 40 % below its 52-week high (watch flag: crypto as the front-line probe)',
    chosenOn: 'whole history',
  },
];

/**
 * How many rules of a level must fire for that level. Systemic needs two independent markets
 * (credit, equity volatility, broad conditions) at extremes at once: one extreme alone is
 * "credit stress".
 */
export const DEFAULT_MIN_FIRED: Record<1 | 2 | 3, number> = { 1: 1, 2: 1, 3: 2 };
