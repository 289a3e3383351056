import { NOTIONAL_CAVEAT } from '../analytics/thirteenf/exposure.js';
import { latestDueQuarter } from '../analytics/thirteenf/watchlist.js';
import { TidewatchError } from '../core/errors.js';
import { formatValue } from '../core/format.js';
import { syncRowsByCusip } from '../sources/sec/thirteenf/positions.js';
import {
  filerHistory,
  type HistoryResult,
  type HoldersResult,
  holdersOf,
  type TopPutsResult,
  topPuts,
} from '../sources/sec/thirteenf/queries.js';
import { knownFromSql } from '../sources/sec/thirteenf/repository.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, type Row, type View } from './model.js';
import {
  positionRef,
  positionTrace,
  putBookChart,
  putsHeldRowTone,
  putsHeldTone,
  putTone,
  thirteenFEmpty,
} from './thirteenf-common.js';

/**
 * The cross-quarter 13F queries (sources/sec/thirteenf/queries.ts) as views: every holder of one
 * CUSIP, one filer's history, the largest puts of a quarter — each as filed by the as-of day.
 * The rows behind each (one per position) are an export-only table: `--csv` and JSON carry them,
 * the text and the dashboard show the summary tables.
 */

const positionOf = (putCall: string | null, shareType: string) =>
  putCall ? putCall.toLowerCase() : shareType === 'PRN' ? 'principal' : 'shares';

/** Rows beyond this are in the export table only. */
const LARGEST_ROWS = 20;

export async function holdersView(
  store: Store,
  q: { asOf: string; cusip: string },
): Promise<View<HoldersResult>> {
  const r = await holdersOf(store.db, q.cusip, q.asOf);
  const v = emptyView<HoldersResult>('13f-holders', `13F holders of ${r.cusip}`, q.asOf, r);
  if (!r.holders.length) {
    v.empty = await thirteenFEmpty(store, q.asOf, {
      what: `report holding ${r.cusip}`,
      advice: 'choose a later as-of day, or check the CUSIP',
    });
    return v;
  }
  const periods = new Map<
    string,
    { filers: Set<number>; rows: number; sharesUsd: number; putsUsd: number; callsUsd: number }
  >();
  for (const h of r.holders) {
    const p = periods.get(h.period) ?? { filers: new Set(), rows: 0, sharesUsd: 0, putsUsd: 0, callsUsd: 0 };
    p.filers.add(h.cik);
    p.rows++;
    if (h.putCall === 'Put') p.putsUsd += h.valueUsd;
    else if (h.putCall === 'Call') p.callsUsd += h.valueUsd;
    else p.sharesUsd += h.valueUsd;
    periods.set(h.period, p);
  }
  const last = r.holders.at(-1)!.period;
  const latest = periods.get(last)!;
  v.headline = `${r.cusip} ${r.issuer ?? ''} — holders as filed by ${r.asOf}: ${formatValue(r.holders.length, 'count')} positions over ${periods.size} quarter(s); latest ${last}`;
  v.kpis.push(
    { id: 'positions', label: 'Filer-quarter positions', value: r.holders.length, format: 'count' },
    {
      id: 'latest-filers',
      label: `Filers in ${last}`,
      value: latest.filers.size,
      format: 'count',
      date: last,
    },
    {
      id: 'latest-shares',
      label: `Value held in shares (${last})`,
      value: latest.sharesUsd,
      format: 'usd',
      date: last,
    },
    {
      id: 'latest-puts',
      label: `Put notional (${last})`,
      value: latest.putsUsd,
      format: 'usd',
      date: last,
      ...putsHeldTone(latest.putsUsd),
    },
  );
  v.tables.push(
    {
      id: 'holders',
      exportOnly: true,
      columns: columns({
        period: 'date',
        cik: 'text',
        filer: 'text',
        filed: 'date',
        putCall: col('put/call', 'text'),
        shareType: col('share type', 'text'),
        shares: 'count',
        valueUsd: col('value / notional', 'usd'),
      }),
      rows: r.holders.map((h) => ({ ...h })),
    },
    {
      id: 'by-period',
      title: 'Holders by quarter',
      columns: columns({
        period: 'date',
        filers: 'count',
        positions: 'count',
        sharesUsd: col('value held (shares)', 'usd'),
        putsUsd: col('put notional', 'usd'),
        callsUsd: col('call notional', 'usd'),
      }),
      rows: [...periods].map(([period, p]) => ({
        period,
        filers: p.filers.size,
        positions: p.rows,
        sharesUsd: p.sharesUsd,
        putsUsd: p.putsUsd,
        callsUsd: p.callsUsd,
        ...putsHeldRowTone(p.putsUsd),
      })),
    },
  );
  const largest = r.holders.filter((h) => h.period === last);
  v.tables.push({
    id: 'largest',
    title: `Largest in ${last}`,
    columns: columns({
      filer: 'text',
      cik: 'text',
      filed: 'date',
      position: 'text',
      shares: 'count',
      valueUsd: col('value / notional', 'usd'),
    }),
    rows: largest.slice(0, LARGEST_ROWS).map(
      (h): Row => ({
        filer: h.filer,
        cik: String(h.cik),
        filed: h.filed,
        position: positionOf(h.putCall, h.shareType),
        shares: h.shares,
        valueUsd: h.valueUsd,
        ...(putTone(h.putCall) ? { _tone: putTone(h.putCall) } : {}),
      }),
    ),
    ...(largest.length > LARGEST_ROWS
      ? { note: `${largest.length - LARGEST_ROWS} smaller positions not listed (--csv lists every row)` }
      : {}),
  });
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT });
  return v;
}

export async function historyView(
  store: Store,
  q: { asOf: string; cik: number; positions?: boolean },
): Promise<View<HistoryResult>> {
  const r = await filerHistory(store.db, q.cik, q.asOf, { positions: q.positions ?? false });
  const v = emptyView<HistoryResult>('13f-history', `13F history of CIK ${q.cik}`, q.asOf, r);
  const last = r.quarters.at(-1);
  if (!last) {
    v.empty = await thirteenFEmpty(store, q.asOf, {
      what: `report of CIK ${q.cik}`,
      advice: "choose a later as-of day, or fetch the filer's reports",
      hint: `tidewatch 13f fetch --cik ${q.cik}`,
    });
    return v;
  }
  const name = r.filer ?? `CIK ${r.cik}`;
  const due = latestDueQuarter(q.asOf);
  const stale = last.period < due;
  const peak = r.quarters.reduce((a, b) => (b.putNotionalUsd > a.putNotionalUsd ? b : a));
  v.title = `13F history: ${name}`;
  v.headline = `${name} (CIK ${r.cik}) — 13F history as filed by ${r.asOf}: ${r.quarters.length} quarter(s), ${r.quarters[0]!.period} … ${last.period}${stale ? `  (STALE: the ${due} report was due)` : ''}`;
  v.kpis.push(
    {
      id: 'latest',
      label: 'Latest quarter on file',
      value: last.period,
      format: 'date',
      date: last.filed,
      stale,
      detail: { label: 'latest due', value: due, format: 'date' },
    },
    {
      id: 'latest-total',
      label: `Reported total (${last.period})`,
      value: last.totalUsd,
      format: 'usd',
      date: last.period,
      stale,
    },
    {
      id: 'latest-puts',
      label: `Put notional (${last.period})`,
      value: last.putNotionalUsd,
      format: 'usd',
      date: last.period,
      stale,
      ...putsHeldTone(last.putNotionalUsd),
    },
    {
      id: 'peak-puts',
      label: `Largest put book (${peak.period})`,
      value: peak.putNotionalUsd,
      format: 'usd',
      date: peak.period,
      ...putsHeldTone(peak.putNotionalUsd),
    },
  );
  if (q.positions) {
    v.tables.push({
      id: 'positions',
      exportOnly: true,
      columns: columns({
        period: 'date',
        filed: 'date',
        cusip: 'text',
        issuer: 'text',
        titleOfClass: col('class', 'text'),
        putCall: col('put/call', 'text'),
        shareType: col('share type', 'text'),
        shares: 'count',
        valueUsd: col('value / notional', 'usd'),
      }),
      rows: r.positions.map((p) => ({ ...p })),
    });
  }
  v.tables.push({
    id: 'quarters',
    title: 'Quarters on file',
    columns: columns({
      period: 'date',
      filed: 'date',
      filings: 'count',
      positions: 'count',
      totalUsd: col('total', 'usd'),
      putNotionalUsd: col('put notional', 'usd'),
      callNotionalUsd: col('call notional', 'usd'),
      putShare: col('puts share', 'fraction'),
    }),
    rows: r.quarters.map((x) => ({
      period: x.period,
      filed: x.filed,
      filings: x.accessions.length,
      positions: x.positions,
      totalUsd: x.totalUsd,
      putNotionalUsd: x.putNotionalUsd,
      callNotionalUsd: x.callNotionalUsd,
      putShare: x.totalUsd > 0 ? x.putNotionalUsd / x.totalUsd : null,
      ...putsHeldRowTone(x.putNotionalUsd),
    })),
  });
  v.charts.push(
    putBookChart(
      'history-puts',
      'Put notional by quarter (reported, not money at risk)',
      'put notional',
      r.quarters,
    ),
  );
  if (stale)
    v.notes.push({
      kind: 'stale',
      text: `the latest quarter on file is ${last.period}; the ${due} report was due by ${r.asOf} and is not in the store`,
    });
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT });
  return v;
}

/**
 * A quarter ending after the as-of day has no report known by then: the question is refused (the
 * message does not repeat the later date, so nothing dated after the as-of day is answered).
 */
export const PERIOD_AFTER_AS_OF =
  'period must be a quarter end on or before the as-of day: no 13F for a later quarter can be known by then';

/**
 * top-puts' default period: the latest quarter for which a stored 13F filed by `asOf` reports a
 * put (the latest quarter on file may hold none: a filer without options).
 */
export async function latestPutPeriodKnownBy(store: Store, asOf: string): Promise<string | null> {
  await syncRowsByCusip(store.db);
  const r = await store.db.all<{ p: string | null }>(
    `SELECT CAST(max(r.period) AS VARCHAR) AS p FROM sec_13f_rows_by_cusip r
     JOIN sec_13f_filings f ON f.accession = r.accession
     WHERE r.put_call = 'Put' AND ${knownFromSql('f.')} <= CAST($1 AS DATE)`,
    [asOf],
  );
  return r[0]?.p ?? null;
}

export async function topPutsView(
  store: Store,
  q: { asOf: string; period?: string; top?: number },
): Promise<View<TopPutsResult>> {
  if (q.period && q.period > q.asOf) throw new TidewatchError('bad-input', PERIOD_AFTER_AS_OF);
  const period = q.period ?? (await latestPutPeriodKnownBy(store, q.asOf));
  const r: TopPutsResult = period
    ? await topPuts(store.db, period, q.asOf, q.top ?? 20)
    : { period: '', asOf: q.asOf, puts: [] };
  const v = emptyView<TopPutsResult>(
    '13f-top-puts',
    `Largest 13F puts${period ? ` of ${period}` : ''}`,
    q.asOf,
    r,
  );
  if (!r.puts.length) {
    v.empty = await thirteenFEmpty(store, q.asOf, {
      what: `report with a put for ${period ?? 'any quarter'}`,
      advice: 'choose another period or a later as-of day',
    });
    return v;
  }
  const total = r.puts.reduce((s, p) => s + p.notionalUsd, 0);
  const top = r.puts[0]!;
  v.headline = `Largest put notionals for ${r.period} as filed by ${r.asOf}: ${top.filer ?? `CIK ${top.cik}`} on ${top.issuer} ${formatValue(top.notionalUsd, 'usd')}`;
  v.kpis.push(
    { id: 'puts', label: 'Puts listed', value: r.puts.length, format: 'count', date: r.period },
    { id: 'total', label: 'Their notional', value: total, format: 'usd', date: r.period, tone: 'warn' },
    {
      id: 'largest',
      label: 'Largest',
      value: top.notionalUsd,
      format: 'usd',
      date: r.period,
      tone: 'warn',
      trace: positionRef(top.cik, r.period, { cusip: top.cusip, putCall: 'put' }),
    },
  );
  v.tables.push({
    id: 'puts',
    columns: columns({
      cik: 'text',
      filer: 'text',
      filed: 'date',
      cusip: 'text',
      issuer: col('underlying', 'text'),
      shares: 'count',
      notionalUsd: col('notional', 'usd'),
    }),
    rows: r.puts.map((p) => ({ ...p, _tone: 'warn' as const })),
    traces: r.puts.map((p) =>
      positionTrace(p.cik, r.period, { cusip: p.cusip, putCall: 'put' }, ['shares', 'notionalUsd']),
    ),
    ...(q.period
      ? {}
      : {
          note: `period: the latest quarter with a put on file by ${r.asOf} (choose one with --period / period=)`,
        }),
  });
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT });
  return v;
}
