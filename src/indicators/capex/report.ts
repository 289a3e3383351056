import type { IsoDate } from '../../core/dates.js';
import {
  COMPANIES,
  type Company,
  companyByCik,
  companyByTicker,
  genericCompany,
} from '../../sources/sec/xbrl/concepts.js';
import type { XbrlFact } from '../../sources/sec/xbrl/types.js';
import { type AggregateQuarter, aggregateByCalendarQuarter } from './aggregate.js';
import {
  BURST_GAP_THRESHOLD,
  BURST_MIN_QUARTERS,
  buildCompanyQuarters,
  buildCompanyYears,
  type CompanyQuarter,
  type CompanyYear,
} from './indicators.js';

/** Everything the CLI, API and dashboard show about the AI capex cycle, from stored facts. */
export interface CapexReport {
  asOf: IsoDate | null;
  companies: Array<{
    ticker: string;
    cik: number;
    name: string;
    hyperscaler: boolean;
    quarters: CompanyQuarter[];
    /** Fiscal years as reported in 10-Ks (all a saved 10-K import gives). */
    years: CompanyYear[];
  }>;
  aggregate: AggregateQuarter[];
  burstRule: { gapThreshold: number; minQuarters: number; text: string };
  notes: string[];
  warnings: string[];
}

export const BURST_RULE_TEXT =
  `burst = trailing-12-month capex growth minus trailing-12-month operating-income growth ≥ ` +
  `${BURST_GAP_THRESHOLD * 100} percentage points for ${BURST_MIN_QUARTERS} consecutive quarters (a chosen threshold, not an established rule)`;

/** Month most annual periods end in (for a company we have no registry entry for). */
function inferFyeMonth(facts: readonly XbrlFact[]): number {
  const counts = new Map<number, number>();
  for (const f of facts) {
    if (f.start === null || f.dims !== '') continue;
    const days = (Date.parse(f.end) - Date.parse(f.start)) / 86_400_000;
    if (days < 350 || days > 380) continue;
    const m = Number(f.end.slice(5, 7));
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}

export function capexReport(
  facts: readonly XbrlFact[],
  opts: {
    asOf?: IsoDate;
    ticker?: string;
    names?: Map<number, { name: string | null; ticker: string | null }>;
  } = {},
): CapexReport {
  const warnings: string[] = [];
  const byCik = new Map<number, XbrlFact[]>();
  for (const f of facts) {
    const list = byCik.get(f.cik) ?? [];
    list.push(f);
    byCik.set(f.cik, list);
  }
  const companies: Company[] = [];
  for (const [cik, list] of byCik) {
    const known = companyByCik(cik);
    if (known) companies.push(known);
    else {
      const meta = opts.names?.get(cik);
      companies.push(
        genericCompany(cik, meta?.name ?? `CIK ${cik}`, inferFyeMonth(list), meta?.ticker ?? undefined),
      );
    }
  }
  const order = (c: Company) => {
    const i = COMPANIES.findIndex((x) => x.cik === c.cik);
    return i < 0 ? 1000 + c.cik : i;
  };
  companies.sort((a, b) => order(a) - order(b));
  const selected = opts.ticker
    ? companies.filter(
        (c) => c.ticker === (companyByTicker(opts.ticker!)?.ticker ?? opts.ticker!.toUpperCase()),
      )
    : companies;

  const perCompany = new Map<string, CompanyQuarter[]>();
  const out: CapexReport['companies'] = [];
  for (const c of selected) {
    const qs = buildCompanyQuarters(c, byCik.get(c.cik) ?? [], opts.asOf, warnings);
    perCompany.set(c.ticker, qs);
    const years = buildCompanyYears(c, byCik.get(c.cik) ?? [], opts.asOf);
    out.push({ ticker: c.ticker, cik: c.cik, name: c.name, hyperscaler: c.hyperscaler, quarters: qs, years });
  }
  const hyperscalers = COMPANIES.filter((c) => c.hyperscaler).map((c) => c.ticker);
  const aggregate = opts.ticker ? [] : aggregateByCalendarQuarter(perCompany, hyperscalers);
  const present = hyperscalers.filter((t) => (perCompany.get(t)?.length ?? 0) > 0);
  const notes = [
    'Quarters are fiscal quarters with their real start/end dates; 10-Q cash-flow figures are year-to-date, so single quarters are derived (Q2 = 6M − Q1, Q3 = 9M − 6M, Q4 = FY − 9M) and marked as derived.',
    'The aggregate sums the hyperscalers (MSFT, GOOGL, AMZN, META, ORCL) by calendar quarter of the period end; growth compares only companies present in both quarters.',
    'Debt-funded share = gross proceeds from long-term debt issuance ÷ capex (trailing 12 months); it is not net borrowing.',
  ];
  if (!opts.ticker && present.length < hyperscalers.length) {
    notes.push(
      `Aggregate covers ${present.join(', ') || 'no company'}; no data stored for ${hyperscalers.filter((t) => !present.includes(t)).join(', ')}.`,
    );
  }
  return {
    asOf: opts.asOf ?? null,
    companies: out,
    aggregate,
    burstRule: { gapThreshold: BURST_GAP_THRESHOLD, minQuarters: BURST_MIN_QUARTERS, text: BURST_RULE_TEXT },
    notes,
    warnings,
  };
}
