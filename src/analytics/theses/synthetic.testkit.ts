import { addDays, weekday } from '../../core/dates.js';
import type { TokenObservation } from '../../sources/curated/datasets.js';
import type { RiskLevels } from '../regime/engine.js';
import type { LevelHorizonStats } from '../regime/forward.js';
import { DEFAULT_RULES } from '../regime/rules.js';
import type { DatedValue } from '../regime/weekly.js';
import type { ShortClass } from '../scorecard/episodes.js';
import type { DailyPrices, ScoredEpisode } from '../scorecard/score.js';
import type { CapexYear, LiquidationDay, ThesisData, ThirteenFPutRow } from './types.js';

/**
 * Test-only builders of small synthetic ledger inputs: literal cases that put a check exactly
 * where a test wants it (each verdict, each side of each threshold).
 */

export const T = 1e12;
export const B = 1e9;

/** Monday–Friday dates in [from, to]. */
export function businessDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) >= 1 && weekday(d) <= 5) out.push(d);
  return out;
}

/** Wednesdays in [from, to] (H.4.1 dates). */
export function wednesdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) === 3) out.push(d);
  return out;
}

export function obs(dates: readonly string[], value: (date: string, i: number) => number): DatedValue[] {
  return dates.map((date, i) => ({ date, value: value(date, i) }));
}

export function daily(from: string, to: string, value: (date: string, i: number) => number): DatedValue[] {
  return obs(businessDays(from, to), value);
}

export function prices(
  points: ReadonlyArray<{ date: string; value: number }>,
  source = 'synthetic',
): DailyPrices {
  return { dates: points.map((p) => p.date), closes: points.map((p) => p.value), source };
}

export function data(asOf: string, over: Partial<ThesisData> = {}): ThesisData {
  return { asOf, series: {}, prices: {}, ...over };
}

export function capexYear(company: string, gap: number | null, over: Partial<CapexYear> = {}): CapexYear {
  return {
    company,
    fiscalYear: 2025,
    fiscalYearStart: '2025-01-01',
    fiscalYearEnd: '2025-12-31',
    capex: 100,
    operatingIncome: 100,
    gap,
    knownFrom: '2026-02-01',
    ...over,
  };
}

export function tokenRow(provider: string, date: string, value: number, published = date): TokenObservation {
  return {
    date,
    datePrecision: 'month',
    published,
    provider,
    product: 'p',
    metric: 'tokens_per_month',
    value,
    source: `${provider} disclosure ${date}`,
    sourceUrl: null,
    note: null,
  };
}

/** A scored short episode with the estimated 6-month put outcome decided (win) or not. */
export function scored(
  id: string,
  cls: ShortClass,
  win: boolean | null,
  periodEnd = '2024-06-28',
): ScoredEpisode {
  const outcome = win === null ? null : win ? 1 : -1;
  return {
    episode: {
      id,
      manager: 'm',
      underlying: id,
      priceSymbol: id.toUpperCase(),
      instrument: 'puts',
      periodEnd,
      filedDate: '',
      class: cls,
      reportedNotionalUsd: null,
      reportedOutcome: '',
      source: 's',
      cik: null,
      knownFrom: periodEnd,
      knownFromRule: 'period end + 45 days',
      origin: 'curated',
      provenance: { narrative: { kind: 'curated', source: 's' }, reportedNotionalUsd: null, filedDate: null },
    },
    status: 'scored',
    reportedOutcomeKnown: false,
    priceSource: 'synthetic',
    references: [
      {
        reference: 'period_end',
        date: periodEnd,
        entryDate: periodEnd,
        entryPrice: 100,
        moves: { '1': 0, '3': 0, '6': 0, '12': null },
        maxAdverseExcursion: 0,
        maeWindowEnd: periodEnd,
        realisedVol: 0.3,
        premium: null,
        premiumNote: null,
        puts: [{ tenorMonths: 6, premiumPct: 0.05, premiumUsd: null, payoffPct: 0, outcome }],
      },
    ],
    win,
    verdictBasis: 'synthetic',
  };
}

/**
 * Scored episodes with these outcomes per class (true won, false lost, null not priced yet),
 * named by class and place (`macro-0`, …).
 */
export function scorecard(outcomes: Partial<Record<ShortClass, Array<boolean | null>>>): ScoredEpisode[] {
  return Object.entries(outcomes).flatMap(([cls, wins]) =>
    wins.map((win, i) => scored(`${cls}-${i}`, cls as ShortClass, win)),
  );
}

export function putRow(symbol: string, ratio: number, over: Partial<ThirteenFPutRow> = {}): ThirteenFPutRow {
  return {
    filer: 'F',
    cik: 1,
    period: '2024-06-28',
    filed: '2024-08-14',
    issuer: symbol,
    symbol,
    valueUsd: ratio * 1000 * 50,
    shares: 1000,
    accession: `acc-${symbol}`,
    periodClose: { date: '2024-06-28', close: 50, source: 'synthetic', basis: 'raw' },
    ...over,
  };
}

export function liquidation(date: string, usd: number, scope: LiquidationDay['scope']): LiquidationDay {
  return {
    date,
    source: scope === 'venue' ? 'venue X' : 'aggregator Y',
    notionalUsd: usd,
    scope,
    basis: scope === 'venue' ? 'measured' : 'curated',
  };
}

export function levelStat(
  level: number,
  months: number,
  over: Partial<LevelHorizonStats> = {},
): LevelHorizonStats {
  return {
    level,
    months,
    n: 20,
    episodes: 3,
    meanReturn: 0.05,
    medianReturn: 0.05,
    shareNegative: 0.3,
    worstReturn: -0.1,
    meanMaxDrawdown: -0.05,
    medianMaxDrawdown: -0.05,
    worstMaxDrawdown: -0.2,
    ...over,
  };
}

/** A risk history of `weeks` with only forward statistics (no weekly prices: no out-of-sample split). */
export function riskWith(
  asset: string,
  stats: LevelHorizonStats[],
  weeks = ['2007-01-05', '2025-06-27'],
): ThesisData['risk'] {
  const levels: RiskLevels = {
    weeks,
    rules: DEFAULT_RULES,
    levels: new Int8Array(weeks.length),
    fired: new Uint32Array(weeks.length),
    known: new Uint32Array(weeks.length),
    values: DEFAULT_RULES.map(() => new Float64Array(weeks.length)),
  };
  return { levels, forward: { [asset]: stats } };
}
