import { METRICS } from '../../sources/sec/xbrl/concepts.js';
import {
  BURST_GAP_THRESHOLD,
  type CompanyQuarter,
  type CycleMetrics,
  growth,
  type MetricValues,
  markBursts,
} from './indicators.js';

/**
 * Hyperscalers together, by CALENDAR QUARTER OF THE PERIOD END (Microsoft's quarter ending
 * 2025-09-30 and Oracle's ending 2025-08-31 both count in 2025Q3; each figure keeps its real
 * period in the per-company view). Growth compares only the companies present in both the
 * quarter and the same quarter a year earlier, so a company whose data starts later does not
 * show up as growth; `members` and `missing` say who was counted.
 */
export interface AggregateQuarter extends CycleMetrics {
  calendarQuarter: string;
  members: string[];
  missing: string[];
  values: MetricValues;
  /** Always 'calendar quarter of period end': printed so no one reads it as fiscal quarters. */
  alignment: string;
}

function prevYear(cq: string): string {
  return `${Number(cq.slice(0, 4)) - 1}${cq.slice(4)}`;
}

function sumOf(
  rows: CompanyQuarter[],
  pick: (r: CompanyQuarter) => number | null | undefined,
): number | null {
  let s = 0;
  for (const r of rows) {
    const v = pick(r);
    if (v === null || v === undefined) return null;
    s += v;
  }
  return rows.length ? s : null;
}

export function aggregateByCalendarQuarter(
  perCompany: ReadonlyMap<string, readonly CompanyQuarter[]>,
  tickers: readonly string[],
): AggregateQuarter[] {
  // ticker → calendar quarter → row
  const idx = new Map<string, Map<string, CompanyQuarter>>();
  const quarters = new Set<string>();
  for (const t of tickers) {
    const m = new Map<string, CompanyQuarter>();
    for (const q of perCompany.get(t) ?? []) {
      m.set(q.calendarQuarter, q);
      quarters.add(q.calendarQuarter);
    }
    idx.set(t, m);
  }
  const rowsOf = (cq: string, only?: string[]) =>
    (only ?? tickers).map((t) => idx.get(t)?.get(cq)).filter((r): r is CompanyQuarter => r !== undefined);

  const out: AggregateQuarter[] = [...quarters].sort().map((cq) => {
    const rows = rowsOf(cq);
    const members = rows.map((r) => r.ticker);
    const values = {} as MetricValues;
    for (const m of METRICS) values[m] = sumOf(rows, (r) => r.values[m]);
    const ttmAll = rows.every((r) => r.ttm !== null);
    const ttm = ttmAll ? ({} as MetricValues) : null;
    if (ttm) for (const m of METRICS) ttm[m] = sumOf(rows, (r) => r.ttm?.[m]);

    // Year-ago comparison over the companies present in both quarters.
    const prevCq = prevYear(cq);
    const both = members.filter((t) => idx.get(t)?.has(prevCq));
    const cur = rowsOf(cq, both);
    const prev = rowsOf(prevCq, both);
    const g = (pick: (r: CompanyQuarter) => number | null | undefined) =>
      both.length ? growth(sumOf(cur, pick), sumOf(prev, pick)) : null;
    const yoy = { capex: g((r) => r.values.capex), operatingIncome: g((r) => r.values.operatingIncome) };
    const ttmYoy = { capex: g((r) => r.ttm?.capex), operatingIncome: g((r) => r.ttm?.operatingIncome) };
    const diff = (a: number | null, b: number | null) => (a !== null && b !== null ? a - b : null);
    const ratio = (a: number | null | undefined, b: number | null | undefined) =>
      a === null || a === undefined || b === null || b === undefined || b <= 0 ? null : a / b;
    return {
      calendarQuarter: cq,
      members,
      missing: tickers.filter((t) => !members.includes(t)),
      values,
      ttm,
      yoy,
      ttmYoy,
      gap: diff(yoy.capex, yoy.operatingIncome),
      ttmGap: diff(ttmYoy.capex, ttmYoy.operatingIncome),
      capexToOcf: ratio(ttm?.capex, ttm?.operatingCashFlow),
      debtFundedShare: ratio(ttm?.debtProceeds, ttm?.capex),
      burst: false,
      alignment: 'calendar quarter of period end',
    };
  });
  markBursts(out);
  return out;
}

export { BURST_GAP_THRESHOLD };
