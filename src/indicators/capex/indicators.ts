import { daysBetween, type IsoDate } from '../../core/dates.js';
import { type Company, METRICS, type Metric } from '../../sources/sec/xbrl/concepts.js';
import type { XbrlFact } from '../../sources/sec/xbrl/types.js';
import { selectPeriodValues } from './periods.js';
import { deriveQuarters, type QuarterValue } from './quarters.js';

/**
 * The AI-capex-cycle indicators per company and quarter.
 *
 * Growth is year over year (a quarter against the quarter one fiscal year earlier, so
 * seasonality cancels), both for the single quarter and for the trailing twelve months (TTM,
 * the sum of four contiguous quarters), which is what the burst flag reads because single
 * quarters are lumpy. Growth from a zero or negative base is undefined (null), not ±∞.
 *
 * gap = capex growth − operating-income growth (fractions; 0.25 = 25 percentage points).
 * capexToOcf = TTM capex / TTM operating cash flow (> 1: capex exceeds internal cash).
 * debtFundedShare = TTM gross long-term debt proceeds / TTM capex (null when not tagged).
 */

/**
 * Burst flag: the seeds' "operating-profit growth falls far behind capex growth", made explicit.
 * Flag = TTM capex growth − TTM operating-income growth ≥ BURST_GAP_THRESHOLD (40 percentage
 * points) for BURST_MIN_QUARTERS (2) consecutive quarters. 40 pp means, e.g., capex +60% while
 * operating profit grows +20% or less: spending compounding well ahead of the profit it is
 * meant to earn. Two quarters so that one lumpy quarter (a data-centre land purchase, a
 * one-off charge in operating income) does not trip it. It is a threshold we chose, not an
 * established rule: it is printed with every result so the reader can judge it.
 */
export const BURST_GAP_THRESHOLD = 0.4;
export const BURST_MIN_QUARTERS = 2;

export type MetricValues = Record<Metric, number | null>;

/**
 * The cycle figures computed the same way for one company's quarter and for the hyperscalers
 * together (aggregate.ts): TTM sums, year-over-year growth, the gap and the burst flag.
 */
export interface CycleMetrics {
  ttm: MetricValues | null;
  yoy: { capex: number | null; operatingIncome: number | null };
  ttmYoy: { capex: number | null; operatingIncome: number | null };
  gap: number | null;
  ttmGap: number | null;
  capexToOcf: number | null;
  debtFundedShare: number | null;
  burst: boolean;
}

export interface CompanyQuarter extends CycleMetrics {
  ticker: string;
  cik: number;
  start: IsoDate;
  end: IsoDate;
  fiscalYear: number;
  fiscalQuarter: number;
  /** Calendar quarter of the period END (e.g. NVIDIA's quarter ending 2024-01-28 → 2024Q1). */
  calendarQuarter: string;
  values: MetricValues;
  /** How each value was obtained: 'reported', 'FY − 9M YTD', … (null when missing). */
  basis: Record<Metric, string | null>;
  /** Concepts each value was read from. */
  concepts: Record<Metric, string[]>;
  /** First day capex and operating income for this quarter were both public. */
  knownFrom: IsoDate | null;
}

export function calendarQuarterOf(end: IsoDate): string {
  const m = Number(end.slice(5, 7));
  return `${end.slice(0, 4)}Q${Math.ceil(m / 3)}`;
}

/** Fiscal year (named by the year it ends in) and quarter, given the fiscal-year-end month. */
export function fiscalLabel(end: IsoDate, fyeMonth: number): { fiscalYear: number; fiscalQuarter: number } {
  // 52/53-week years end up to a week after the month (NVIDIA 2021-01-31, others early Jan);
  // step back 7 days so such an end still counts in its nominal month.
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const monthsAfterFye = (m - fyeMonth + 12) % 12; // 1..11, 0 = the FYE month itself
  const fiscalQuarter = monthsAfterFye === 0 ? 4 : Math.floor((monthsAfterFye - 1) / 3) + 1;
  const fiscalYear = m <= fyeMonth ? y : y + 1;
  return { fiscalYear, fiscalQuarter };
}

export function growth(cur: number | null | undefined, prev: number | null | undefined): number | null {
  if (cur === null || cur === undefined || prev === null || prev === undefined || prev <= 0) return null;
  return cur / prev - 1;
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b <= 0) return null;
  return a / b;
}

function laterOf(a: IsoDate | null | undefined, b: IsoDate | null | undefined): IsoDate | null {
  if (!a || !b) return null;
  return a > b ? a : b;
}

/** Index of the quarter ending about one year before `end` (52/53-week years: 364 or 371 days). */
function yearAgo(qs: readonly { end: IsoDate }[], i: number): number {
  const end = qs[i]!.end;
  for (let j = i - 1; j >= 0; j--) {
    const d = daysBetween(qs[j]!.end, end);
    if (d >= 355 && d <= 375) return j;
    if (d > 375) break;
  }
  return -1;
}

const NON_NEGATIVE: Record<Metric, boolean> = {
  capex: true,
  debtProceeds: true,
  operatingIncome: false,
  operatingCashFlow: false,
};

export function buildCompanyQuarters(
  company: Company,
  facts: readonly XbrlFact[],
  asOf?: IsoDate,
  warnings: string[] = [],
): CompanyQuarter[] {
  const own = facts.filter((f) => f.cik === company.cik);
  const perMetric = new Map<Metric, Map<string, QuarterValue>>();
  const keys = new Map<string, { start: IsoDate; end: IsoDate }>();
  for (const m of METRICS) {
    const w: string[] = [];
    const qs = deriveQuarters(selectPeriodValues(own, company.concepts[m], asOf), {
      nonNegative: NON_NEGATIVE[m],
      warnings: w,
    });
    for (const x of w) warnings.push(`${company.ticker} ${m} ${x}`);
    const map = new Map<string, QuarterValue>();
    for (const q of qs) {
      const k = `${q.start}|${q.end}`;
      map.set(k, q);
      // Quarters are defined by capex and operating income; the others attach to them.
      if (m === 'capex' || m === 'operatingIncome') keys.set(k, { start: q.start, end: q.end });
    }
    perMetric.set(m, map);
  }
  const sorted = [...keys.entries()].sort((a, b) => a[1].end.localeCompare(b[1].end));
  const out: CompanyQuarter[] = sorted.map(([k, p]) => {
    const values = {} as MetricValues;
    const basis = {} as Record<Metric, string | null>;
    const concepts = {} as Record<Metric, string[]>;
    for (const m of METRICS) {
      const q = perMetric.get(m)!.get(k);
      values[m] = q ? q.value : null;
      basis[m] = q ? q.formula : null;
      concepts[m] = q ? q.concepts : [];
    }
    const capexQ = perMetric.get('capex')!.get(k);
    const oiQ = perMetric.get('operatingIncome')!.get(k);
    return {
      ticker: company.ticker,
      cik: company.cik,
      start: p.start,
      end: p.end,
      ...fiscalLabel(p.end, company.fiscalYearEndMonth),
      calendarQuarter: calendarQuarterOf(p.end),
      values,
      basis,
      concepts,
      knownFrom: laterOf(capexQ?.firstFiled, oiQ?.firstFiled),
      ttm: null,
      yoy: { capex: null, operatingIncome: null },
      ttmYoy: { capex: null, operatingIncome: null },
      gap: null,
      ttmGap: null,
      capexToOcf: null,
      debtFundedShare: null,
      burst: false,
    };
  });

  for (let i = 0; i < out.length; i++) {
    const q = out[i]!;
    // TTM: four contiguous quarters ending here.
    if (i >= 3) {
      const win = out.slice(i - 3, i + 1);
      const contiguous = win.every((w, j) => j === 0 || daysBetween(win[j - 1]!.end, w.start) === 1);
      if (contiguous) {
        const ttm = {} as MetricValues;
        for (const m of METRICS) {
          const vs = win.map((w) => w.values[m]);
          ttm[m] = vs.every((v) => v !== null) ? (vs as number[]).reduce((s, v) => s + v, 0) : null;
        }
        q.ttm = ttm;
      }
    }
    const j = yearAgo(out, i);
    if (j >= 0) {
      const p = out[j]!;
      q.yoy = {
        capex: growth(q.values.capex, p.values.capex),
        operatingIncome: growth(q.values.operatingIncome, p.values.operatingIncome),
      };
      q.ttmYoy = {
        capex: growth(q.ttm?.capex, p.ttm?.capex),
        operatingIncome: growth(q.ttm?.operatingIncome, p.ttm?.operatingIncome),
      };
    }
    q.gap =
      q.yoy.capex !== null && q.yoy.operatingIncome !== null ? q.yoy.capex - q.yoy.operatingIncome : null;
    q.ttmGap =
      q.ttmYoy.capex !== null && q.ttmYoy.operatingIncome !== null
        ? q.ttmYoy.capex - q.ttmYoy.operatingIncome
        : null;
    q.capexToOcf = ratio(q.ttm?.capex, q.ttm?.operatingCashFlow);
    q.debtFundedShare =
      q.ttm?.debtProceeds === null || q.ttm === null ? null : ratio(q.ttm.debtProceeds, q.ttm.capex);
  }
  markBursts(out);
  return out;
}

/** Sets `burst` where the TTM gap has been ≥ threshold for BURST_MIN_QUARTERS quarters in a row. */
export function markBursts(qs: { ttmGap: number | null; burst: boolean }[]): void {
  let run = 0;
  for (const q of qs) {
    run = q.ttmGap !== null && q.ttmGap >= BURST_GAP_THRESHOLD ? run + 1 : 0;
    q.burst = run >= BURST_MIN_QUARTERS;
  }
}

/** A fiscal year as reported in a 10-K (what a saved 10-K import alone gives). */
export interface CompanyYear {
  ticker: string;
  start: IsoDate;
  end: IsoDate;
  fiscalYear: number;
  values: MetricValues;
  yoy: { capex: number | null; operatingIncome: number | null };
  gap: number | null;
  capexToOcf: number | null;
  debtFundedShare: number | null;
  /** Filing date of the capex and operating-income figures used (the later of the two): when the year's gap was public. */
  knownFrom: IsoDate | null;
}

export function buildCompanyYears(
  company: Company,
  facts: readonly XbrlFact[],
  asOf?: IsoDate,
): CompanyYear[] {
  const own = facts.filter((f) => f.cik === company.cik);
  const years = new Map<string, CompanyYear>();
  const filed = new Map<string, Partial<Record<Metric, IsoDate | null>>>();
  for (const m of METRICS) {
    for (const p of selectPeriodValues(own, company.concepts[m], asOf)) {
      const days = daysBetween(p.start, p.end) + 1;
      if (days < 350 || days > 380) continue;
      const k = `${p.start}|${p.end}`;
      let y = years.get(k);
      if (!y) {
        y = {
          ticker: company.ticker,
          start: p.start,
          end: p.end,
          fiscalYear: fiscalLabel(p.end, company.fiscalYearEndMonth).fiscalYear,
          values: { capex: null, operatingIncome: null, operatingCashFlow: null, debtProceeds: null },
          yoy: { capex: null, operatingIncome: null },
          gap: null,
          capexToOcf: null,
          debtFundedShare: null,
          knownFrom: null,
        };
        years.set(k, y);
      }
      y.values[m] = p.value;
      filed.set(k, { ...filed.get(k), [m]: p.filed });
    }
  }
  const out = [...years.values()].sort((a, b) => a.end.localeCompare(b.end));
  out.forEach((y, i) => {
    const j = yearAgo(out, i);
    const p = j >= 0 ? out[j] : undefined;
    y.yoy = {
      capex: growth(y.values.capex, p?.values.capex),
      operatingIncome: growth(y.values.operatingIncome, p?.values.operatingIncome),
    };
    y.gap =
      y.yoy.capex !== null && y.yoy.operatingIncome !== null ? y.yoy.capex - y.yoy.operatingIncome : null;
    y.capexToOcf = ratio(y.values.capex, y.values.operatingCashFlow);
    y.debtFundedShare = ratio(y.values.debtProceeds, y.values.capex);
    const f = filed.get(`${y.start}|${y.end}`);
    y.knownFrom = laterOf(f?.capex, f?.operatingIncome);
  });
  return out;
}
