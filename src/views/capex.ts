import { CAPEX_YEAR_MAX_AGE } from '../analytics/theses/ai-shorts-theses.js';
import { daysBetween, today } from '../core/dates.js';
import { formatValue } from '../core/format.js';
import type { CompanyQuarter, CompanyYear, CycleMetrics } from '../indicators/capex/indicators.js';
import type { CapexReport } from '../indicators/capex/report.js';
import { isStale } from '../indicators/freshness.js';
import { capexReportFromStore } from '../loaders/capex.js';
import { type MarketEvent, type TokenGrowth, tokenGrowth } from '../sources/curated/datasets.js';
import { loadMarketEvents, loadTokenDataset } from '../sources/curated/load.js';
import { curatedVersion } from '../sources/curated/repository.js';
import { xbrlFactsKnownBy } from '../sources/sec/xbrl/repository.js';
import type { Store } from '../store/store.js';
import { cells, col, columns, tableOf } from './columns.js';
import {
  type Column,
  emptyView,
  nothingStored,
  type Row,
  type Table,
  type Tone,
  type View,
} from './model.js';

/**
 * The AI capex cycle as a view: capex growth against operating-income growth per company and for
 * the hyperscalers together, the gap between them (percentage points) and the burst flag (a
 * warning), with the curated token-demand and market-event rows labelled curated. `tidewatch
 * capex`, `/api/views/capex` and the AI capex panel render this one object.
 */
export interface CapexViewData {
  report: CapexReport;
  tokens: { version: number; updated?: string; growth: TokenGrowth[] };
  events: MarketEvent[];
}

/** Growth of a growth: the gap is a difference of two percentages, shown in percentage points. */
const toPp = (gap: number | null) => (gap === null ? null : gap * 100);

/** The burst flag is the warning the thesis is about: never shown as good news. */
const burstTone = (burst: boolean): Tone => (burst ? 'warn' : 'neutral');

/** Token spans shorter than this are left out of the table (month-to-month steps are noise). */
const TOKEN_MIN_MONTHS = 11;

const FIGURE_COLUMNS: Column[] = columns({
  capex: 'usd',
  basis: col('capex basis', 'text'),
  operatingIncome: col('op. income', 'usd'),
  capexGrowth: col('capex growth', 'fraction-change'),
  opIncomeGrowth: col('op. income growth', 'fraction-change'),
  gap: 'pp',
  capexToOcf: col('capex/OCF', 'multiple', 2),
  debtShare: col('debt-funded', 'fraction'),
  flag: 'text',
});

function quarterRow(ticker: string, q: CompanyQuarter): Row {
  return {
    company: ticker,
    period: `FY${q.fiscalYear} Q${q.fiscalQuarter}`,
    measure: 'TTM YoY',
    start: q.start,
    end: q.end,
    capex: q.values.capex,
    basis: q.basis.capex ?? '',
    operatingIncome: q.values.operatingIncome,
    ...growthCells(q.ttmYoy, q.ttmGap, q),
    knownFrom: q.knownFrom,
    ...(q.burst ? { _tone: 'warn' as const } : {}),
  };
}

function yearRow(ticker: string, y: CompanyYear): Row {
  return {
    company: ticker,
    period: `FY${y.fiscalYear}`,
    measure: 'fiscal year YoY',
    start: y.start,
    end: y.end,
    capex: y.values.capex,
    basis: '10-K',
    operatingIncome: y.values.operatingIncome,
    capexGrowth: y.yoy.capex,
    opIncomeGrowth: y.yoy.operatingIncome,
    gap: toPp(y.gap),
    capexToOcf: y.capexToOcf,
    debtShare: y.debtFundedShare,
    flag: '',
    knownFrom: y.knownFrom,
  };
}

function growthCells(
  g: CycleMetrics['ttmYoy'],
  gap: number | null,
  m: Pick<CycleMetrics, 'capexToOcf' | 'debtFundedShare' | 'burst'>,
): Row {
  return {
    capexGrowth: g.capex,
    opIncomeGrowth: g.operatingIncome,
    gap: toPp(gap),
    capexToOcf: m.capexToOcf,
    debtShare: m.debtFundedShare,
    flag: m.burst ? 'BURST' : '',
  };
}

/**
 * A company's latest period, marked stale when it is too old to be current: a quarter by the one
 * cadence rule (indicators/freshness.ts), a fiscal year by the ledger's CAPEX_YEAR_MAX_AGE.
 */
function latestRow(
  ticker: string,
  q: CompanyQuarter | undefined,
  y: CompanyYear | undefined,
  asOf: string,
): Row {
  const row = q ? quarterRow(ticker, q) : yearRow(ticker, y!);
  const end = q?.end ?? y!.end;
  const stale = q ? isStale(end, asOf, 'quarterly') : daysBetween(end, asOf) > CAPEX_YEAR_MAX_AGE.value;
  return stale ? { ...row, stale: 'STALE', _tone: 'warn' } : { ...row, stale: '' };
}

const EVENTS = tableOf('events', 'Market events (curated)', {
  date: 'date',
  ticker: 'text',
  move: col('move', 'percent', 1),
  description: col('what', 'text'),
  source: 'text',
});

function companyTable(id: string, title: string, rows: Row[], note?: string): Table {
  return {
    id,
    title,
    columns: [
      ...columns({
        company: 'text',
        period: 'text',
        measure: col('growth', 'text'),
        end: col('period end', 'date'),
      }),
      ...FIGURE_COLUMNS,
      ...columns({ knownFrom: col('known from', 'date') }),
      ...(id === 'latest' ? columns({ stale: 'text' }) : []),
    ],
    rows,
    ...(note ? { note } : {}),
  };
}

/**
 * The curated files' version. The day they were last edited is today's news, not what was known
 * on an as-of day, so an as-of answer carries only the version number (the view, /api/curated/*).
 */
export async function curatedVersionAsOf(
  db: Store['db'],
  asOf: string | undefined,
): Promise<{ version: number; updated?: string }> {
  const v = await curatedVersion(db);
  return asOf ? { version: v.version } : v;
}

export async function capexView(
  store: Store,
  opts: { asOf: string; ticker?: string; last?: number },
): Promise<View<CapexViewData>> {
  const last = opts.last ?? 8;
  const report = await capexReportFromStore(store, {
    asOf: opts.asOf,
    ...(opts.ticker ? { ticker: opts.ticker } : {}),
  });
  const tokenRows = await loadTokenDataset(store.db, opts.asOf);
  const tokens = { ...(await curatedVersionAsOf(store.db, opts.asOf)), growth: tokenGrowth(tokenRows) };
  const events = (await loadMarketEvents(store.db, opts.asOf)).filter(
    (e) => !opts.ticker || e.ticker === opts.ticker.toUpperCase(),
  );
  const v = emptyView<CapexViewData>('capex', 'AI capex cycle', opts.asOf, { report, tokens, events });

  const withData = report.companies.filter((c) => c.quarters.length || c.years.length);
  if (!withData.length) {
    // Only what was filed by the as-of day decides the state (a later filing must not show
    // through): nothing filed by a past day is "before coverage", nothing at all today is
    // "nothing stored".
    const known = await xbrlFactsKnownBy(store.db, opts.asOf);
    v.empty = !known
      ? opts.asOf >= today()
        ? nothingStored(
            'No XBRL facts stored yet.',
            'tidewatch update --source xbrl (or tidewatch import xbrl FILE)',
          )
        : {
            reason: 'before-coverage',
            message: `No capex figures filed by ${opts.asOf} are stored.`,
            hint: 'tidewatch update --source xbrl (or tidewatch import xbrl FILE)',
          }
      : {
          reason: 'missing-input',
          message: `No capex and operating-income figures filed by ${opts.asOf}${opts.ticker ? ` for ${opts.ticker.toUpperCase()}` : ''}: a filing date is missing or the concepts are not stored.`,
          hint: 'tidewatch import xbrl FILE --filed YYYY-MM-DD',
        };
    return v;
  }

  const agg = [...report.aggregate].reverse().find((a) => a.ttmGap !== null);
  const latestQuarter = withData.map((c) => c.quarters.at(-1)).find((q) => q && q.ttmGap !== null);
  const head = agg ?? latestQuarter;
  if (head) {
    const who = agg
      ? `Hyperscalers (${agg.members.join(', ')}), ${agg.calendarQuarter}`
      : `${latestQuarter!.ticker} FY${latestQuarter!.fiscalYear} Q${latestQuarter!.fiscalQuarter}`;
    v.headline = `${who}, as known on ${opts.asOf}: TTM capex ${formatValue(head.ttmYoy.capex, 'fraction-change')} vs operating income ${formatValue(head.ttmYoy.operatingIncome, 'fraction-change')}, gap ${formatValue(toPp(head.ttmGap), 'pp')}${head.burst ? ' — BURST flag' : ''}`;
    v.kpis.push(
      {
        id: 'capex-growth',
        label: `Capex, TTM YoY (${agg ? agg.calendarQuarter : latestQuarter!.end})`,
        value: head.ttmYoy.capex,
        format: 'fraction-change',
      },
      {
        id: 'op-income-growth',
        label: 'Operating income, TTM YoY',
        value: head.ttmYoy.operatingIncome,
        format: 'fraction-change',
      },
      {
        id: 'gap',
        label: 'Gap: capex − operating-income growth',
        value: toPp(head.ttmGap),
        format: 'pp',
        tone: burstTone(head.burst),
        detail: {
          label: 'burst flag',
          value: head.burst ? 'BURST' : 'not raised',
          format: 'text',
          tone: burstTone(head.burst),
        },
      },
    );
    if (agg)
      v.kpis.push({
        id: 'members',
        label: 'Hyperscalers counted',
        value: agg.members.join(', '),
        format: 'text',
      });
  }

  v.tables.push(
    companyTable(
      'latest',
      'Latest period per company (trailing 12 months for quarters, the fiscal year where only 10-Ks are stored)',
      withData.map((c) => latestRow(c.ticker, c.quarters.at(-1), c.years.at(-1), opts.asOf)),
      'STALE: the period ended longer ago than its cadence allows (a quarter: 190 days; a fiscal year: 440 days) — not the current figure.',
    ),
    companyTable(
      'quarters',
      `Fiscal quarters (last ${last} per company)`,
      withData.flatMap((c) => c.quarters.slice(-last).map((q) => quarterRow(c.ticker, q))),
      'Single quarters of 10-Q cash flows are derived from year-to-date figures (the capex basis says how).',
    ),
    companyTable(
      'years',
      `Fiscal years from 10-K filings (last ${last} per company)`,
      withData.flatMap((c) => c.years.slice(-last).map((y) => yearRow(c.ticker, y))),
    ),
  );
  const aggRows = report.aggregate.filter((a) => a.members.length && a.ttmGap !== null).slice(-last);
  if (aggRows.length)
    v.tables.push({
      id: 'aggregate',
      title: 'Hyperscalers together, by calendar quarter of period end',
      columns: [
        ...columns({
          quarter: 'text',
          members: 'text',
          capex: 'usd',
          operatingIncome: col('op. income', 'usd'),
        }),
        ...FIGURE_COLUMNS.slice(3),
      ],
      rows: aggRows.map((a) => ({
        quarter: a.calendarQuarter,
        members: a.members.join(', '),
        capex: a.values.capex,
        operatingIncome: a.values.operatingIncome,
        ...growthCells(a.ttmYoy, a.ttmGap, a),
        ...(a.burst ? { _tone: 'warn' as const } : {}),
      })),
    });

  const spans = tokens.growth.filter((g) => g.months >= TOKEN_MIN_MONTHS);
  if (spans.length)
    v.tables.push({
      id: 'tokens',
      title: `Token demand (curated dataset v${tokens.version}: one cited source per row, each figure counted from the day it was published)`,
      columns: columns({
        provider: 'text',
        from: 'date',
        to: 'date',
        fromPerMonth: col('tokens/month, from', 'count'),
        toPerMonth: col('tokens/month, to', 'count'),
        multiple: 'multiple',
        annualised: col('a year', 'multiple'),
        basis: 'text',
      }),
      rows: spans.map((g) => ({
        provider: `${g.provider} ${g.product}`,
        from: g.from,
        to: g.to,
        fromPerMonth: g.fromPerMonth,
        toPerMonth: g.toPerMonth,
        multiple: g.multiple,
        annualised: g.annualisedMultiple,
        basis: 'curated',
      })),
    });
  if (events.length)
    v.tables.push(EVENTS.of(events.map((e) => cells(EVENTS.columns, e, { move: e.movePct }))));

  const charted = withData.filter((c) => c.quarters.some((q) => q.ttmGap !== null));
  if (charted.length)
    v.charts.push({
      id: 'capex-gap',
      title: 'Gap: TTM capex growth − TTM operating-income growth, per company',
      format: 'pp',
      digits: 0,
      series: charted.map((c) => ({
        name: c.ticker,
        points: c.quarters
          .filter((q) => q.ttmGap !== null)
          .map((q) => ({ time: q.end, value: toPp(q.ttmGap) })),
      })),
      lines: [{ value: report.burstRule.gapThreshold * 100, label: 'burst threshold' }],
    });

  v.notes.push({ kind: 'caveat', text: report.burstRule.text });
  for (const n of report.notes) v.notes.push({ text: n });
  for (const w of report.warnings) v.notes.push({ kind: 'caveat', text: w });
  if (spans.length || events.length)
    v.notes.push({
      kind: 'curated',
      text: 'Token and market-event rows are curated figures with their citation, not measured from stored data.',
    });
  return v;
}
