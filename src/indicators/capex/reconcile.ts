import { TidewatchError } from '../../core/errors.js';
import { calendarQuarterOf } from './indicators.js';
import type { PeriodValue } from './periods.js';
import { lengthDays, type QuarterValue } from './quarters.js';

/**
 * Cross-check of our quarterly capex against a third party's table
 * (derived_bwf_capex_history_quarterly.csv: ticker,year,quarter,payments_usd; quarter 0 = the
 * calendar-year total; periods are calendar quarters of the period end). It is not taken as
 * truth: every disagreement is listed with the reason we can establish from the filings.
 */
export interface ThirdPartyRow {
  ticker: string;
  year: number;
  /** 1–4, or 0 for a full calendar year. */
  quarter: number;
  value: number;
  line: number;
}

export function parseBwfCapexCsv(text: string, source: string): ThirdPartyRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'ticker,year,quarter,payments_usd') {
    throw new TidewatchError(
      'bad-input',
      `${source}: line 1: expected header 'ticker,year,quarter,payments_usd', got '${header}'`,
    );
  }
  const out: ThirdPartyRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    const [ticker, y, q, v] = l.split(',');
    const year = Number(y);
    const quarter = Number(q);
    const value = Number(v);
    if (
      !ticker ||
      !Number.isInteger(year) ||
      !Number.isInteger(quarter) ||
      quarter < 0 ||
      quarter > 4 ||
      !Number.isFinite(value)
    ) {
      throw new TidewatchError('bad-input', `${source}: line ${i + 1}: cannot read '${l}'`);
    }
    out.push({ ticker, year, quarter, value, line: i + 1 });
  }
  return out;
}

export interface Disagreement {
  ticker: string;
  period: string;
  theirs: number | null;
  ours: number | null;
  reason: string;
}

export interface Reconciliation {
  ticker: string;
  agree: number;
  disagreements: Disagreement[];
}

const TOLERANCE = 0.5e6; // half a million dollars: both sides are whole millions

/**
 * `ours`: our derived quarters; `periods`: the reported periods they came from (for the
 * 9-month-YTD and full-year checks). `coverage`: first..last period end our data spans, so a
 * row outside it is "not in our data" rather than a disagreement of substance.
 */
export function reconcileCapex(
  ticker: string,
  theirs: readonly ThirdPartyRow[],
  ours: readonly QuarterValue[],
  periods: readonly PeriodValue[],
): Reconciliation {
  const byCq = new Map(ours.map((q) => [calendarQuarterOf(q.end), q]));
  const out: Disagreement[] = [];
  let agree = 0;
  const seen = new Set<string>();
  for (const r of theirs) {
    if (r.ticker !== ticker) continue;
    if (r.quarter === 0) {
      const fy = periods.find((p) => p.end.startsWith(`${r.year}-12`) && lengthDays(p.start, p.end) >= 350);
      if (!fy)
        out.push({
          ticker,
          period: `${r.year}`,
          theirs: r.value,
          ours: null,
          reason: 'calendar-year total not in our data',
        });
      else if (Math.abs(fy.value - r.value) <= TOLERANCE) agree++;
      else
        out.push({
          ticker,
          period: `${r.year}`,
          theirs: r.value,
          ours: fy.value,
          reason: 'calendar-year totals differ',
        });
      continue;
    }
    const cq = `${r.year}Q${r.quarter}`;
    seen.add(cq);
    const q = byCq.get(cq);
    const ytd = periods.find(
      (p) =>
        calendarQuarterOf(p.end) === cq &&
        lengthDays(p.start, p.end) > 100 &&
        Math.abs(p.value - r.value) <= TOLERANCE,
    );
    if (q && Math.abs(q.value - r.value) <= TOLERANCE) {
      agree++;
    } else if (ytd) {
      const months = Math.round(lengthDays(ytd.start, ytd.end) / 30.44);
      out.push({
        ticker,
        period: cq,
        theirs: r.value,
        ours: q?.value ?? null,
        reason: `theirs is the ${months}-month YTD value (${ytd.start}..${ytd.end}) stored as a quarter`,
      });
    } else if (!q) {
      out.push({
        ticker,
        period: cq,
        theirs: r.value,
        ours: null,
        reason: 'quarter not in our data (no filing loaded for it)',
      });
    } else {
      out.push({
        ticker,
        period: cq,
        theirs: r.value,
        ours: q.value,
        reason: `values differ (ours: ${q.formula})`,
      });
    }
  }
  // Quarters we have and they lack.
  const years = new Set(theirs.filter((r) => r.ticker === ticker).map((r) => r.year));
  for (const q of ours) {
    const cq = calendarQuarterOf(q.end);
    if (seen.has(cq) || !years.has(Number(cq.slice(0, 4)))) continue;
    const isCalendarQ4 = cq.endsWith('Q4') && q.end.slice(5, 7) === '12';
    out.push({
      ticker,
      period: cq,
      theirs: null,
      ours: q.value,
      reason: isCalendarQ4
        ? `no Q4 row in theirs (they keep the calendar-year total instead); ours: ${q.formula}`
        : `missing in theirs; ours: ${q.formula}`,
    });
  }
  return { ticker, agree, disagreements: out };
}

/**
 * Second cross-check: a yfinance statement snapshot ({quarterly_cashflow|quarterly_financials:
 * {periodEnd: {label: value}}}). yfinance rounds period ends to month end (NVIDIA's quarter
 * ending 2025-01-26 is '2025-01-31') and reports capex as a negative number; quarters are
 * matched to ours by end date within 7 days.
 */
export interface YfComparison {
  ourEnd: string;
  theirEnd: string;
  metric: 'capex' | 'operatingIncome' | 'operatingCashFlow';
  ours: number | null;
  theirs: number;
  agree: boolean;
}

type YfTable = Record<string, Record<string, number>>;

export function crossCheckYf(
  ours: readonly { end: string; values: Record<string, number | null> }[],
  snapshotJson: string,
  source: string,
): YfComparison[] {
  let snap: { quarterly_cashflow?: YfTable; quarterly_financials?: YfTable };
  try {
    snap = JSON.parse(snapshotJson);
  } catch (e) {
    throw new TidewatchError('bad-input', `${source}: not JSON (${(e as Error).message})`);
  }
  if (typeof snap.quarterly_cashflow !== 'object' || snap.quarterly_cashflow === null) {
    throw new TidewatchError('bad-input', `${source}: quarterly_cashflow missing or not an object`);
  }
  const specs = [
    { table: snap.quarterly_cashflow, label: 'Capital Expenditure', metric: 'capex' as const, sign: -1 },
    {
      table: snap.quarterly_cashflow,
      label: 'Operating Cash Flow',
      metric: 'operatingCashFlow' as const,
      sign: 1,
    },
    {
      table: snap.quarterly_financials ?? {},
      label: 'Operating Income',
      metric: 'operatingIncome' as const,
      sign: 1,
    },
  ];
  const out: YfComparison[] = [];
  for (const s of specs) {
    for (const [date, row] of Object.entries(s.table)) {
      const v = row[s.label];
      if (typeof v !== 'number') continue; // yfinance leaves older quarters empty
      const theirs = s.sign * v;
      const q = ours.find((x) => Math.abs(Date.parse(x.end) - Date.parse(date)) <= 7 * 86_400_000);
      const mine = q?.values[s.metric] ?? null;
      out.push({
        ourEnd: q?.end ?? '',
        theirEnd: date,
        metric: s.metric,
        ours: mine,
        theirs,
        agree: mine !== null && Math.abs(mine - theirs) <= TOLERANCE,
      });
    }
  }
  return out.sort((a, b) => a.theirEnd.localeCompare(b.theirEnd) || a.metric.localeCompare(b.metric));
}
