import { NOTIONAL_CAVEAT } from '../analytics/thirteenf/exposure.js';
import {
  type Thesis5Premium,
  type WatchlistEntry,
  type WatchlistReport,
  watchlistReport,
} from '../analytics/thirteenf/service.js';
import { type Format, formatValue } from '../core/format.js';
import { storeResolver } from '../sources/sec/thirteenf/cusip-store.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, type Kpi, type Note, type Row, type Table, type View } from './model.js';
import {
  filingRolesTable,
  optionTableParts,
  positionsTable,
  premiumNotes,
  putBookChart,
  putsHeldRowTone,
  putsHeldTone,
  thirteenFEmpty,
} from './thirteenf-common.js';

/**
 * The 13F watchlist as a view ("famous shorts"): for each watched filer the coverage (which
 * quarters are due and missing), the latest book with its puts and calls — reported notional next
 * to the one premium estimate and its assumptions —, the largest put book on file, the put book by
 * quarter, and thesis 5's curated PLTR figures next to the estimate for them. `tidewatch 13f
 * watchlist`, `/api/views/watchlist` and the dashboard's 13F panel render this one object.
 */

/** The latest report is older than the latest quarter whose 45-day deadline has passed. */
const isStale = (e: WatchlistEntry) =>
  e.coverage.latestOnFile !== null && e.coverage.latestOnFile < e.coverage.latestDue;

function kpisOf(e: WatchlistEntry, prefix: string): Kpi[] {
  const l = e.latest!;
  const x = l.exposure;
  const stale = isStale(e);
  const filed =
    l.filings
      .map((f) => f.filed ?? f.knownFrom)
      .sort()
      .at(-1) ?? null;
  // The latest quarter's figures: each dated by its period and stale with it.
  const quarterKpi = (
    id: string,
    label: string,
    value: number | null,
    format: Format,
    more?: Partial<Kpi>,
  ): Kpi => ({
    id: `${e.cik}-${id}`,
    label: `${prefix}${label}`,
    value,
    format,
    date: l.period,
    stale,
    ...more,
  });
  return [
    {
      id: `${e.cik}-latest`,
      label: `${prefix}Latest 13F on file`,
      value: l.period,
      format: 'date',
      date: filed,
      stale,
      detail: {
        label: 'latest due',
        value: e.coverage.latestDue,
        format: 'date',
        ...(stale ? { tone: 'warn' as const } : {}),
      },
    },
    quarterKpi('total', `Reported total (${l.period})`, x.totalUsd, 'usd'),
    quarterKpi('puts', `Put notional (${l.period})`, x.putNotionalUsd, 'usd', {
      ...putsHeldTone(x.putNotionalUsd),
      detail: {
        label: 'of the total',
        value: x.putShare,
        format: 'fraction',
        ...putsHeldTone(x.putNotionalUsd),
      },
    }),
    quarterKpi('calls', `Call notional (${l.period})`, x.callNotionalUsd, 'usd'),
    quarterKpi('top', `Top ${l.concentration.n} share`, l.concentration.share, 'fraction'),
  ];
}

function thesis5Table(t5: Thesis5Premium): Table {
  const basis = t5.provenance.reportedNotionalUsd?.kind ?? 'curated';
  const rows: Row[] = [
    {
      figure: 'PLTR puts: reported notional',
      value: t5.notionalUsd,
      ofNotional: null,
      basis,
      source: t5.provenance.reportedNotionalUsd?.source ?? t5.source,
    },
    {
      figure: 'PLTR puts: premium paid (quoted)',
      value: t5.quotedPremiumUsd,
      ofNotional: t5.quotedPremiumUsd / t5.quotedNotionalUsd,
      basis: 'curated',
      source: t5.source,
    },
    ...(t5.premium?.points ?? []).map((p) => ({
      figure: `at the money, ${p.months} months (estimate)`,
      value: p.premiumUsd,
      ofNotional: p.ofNotional,
      basis: 'estimate',
      source: 'the one premium estimate (assumptions below)',
    })),
  ];
  return {
    id: 'thesis5',
    title: `Thesis 5: Scion's PLTR puts (period ${t5.periodEnd}, public ${t5.knownFrom}): quoted figures next to the premium estimate`,
    columns: columns({
      figure: 'text',
      value: col('US$', 'usd'),
      ofNotional: col('÷ notional', 'fraction'),
      basis: 'text',
      source: 'text',
    }),
    rows,
    ...(t5.premium ? {} : { note: t5.premiumNote ?? 'premium not estimated' }),
  };
}

function thesis5Notes(t5: Thesis5Premium): Note[] {
  return [
    {
      kind: 'curated',
      text: `the PLTR notional ${formatValue(t5.quotedNotionalUsd, 'usd')} and premium ${formatValue(t5.quotedPremiumUsd, 'usd')} are quoted, not parsed from a filing — ${t5.source}`,
    },
    ...(t5.premium
      ? [
          {
            kind: 'caveat' as const,
            text: `premium of the PLTR puts (${t5.periodEnd}): ${t5.premium.assumptions.join('; ')}`,
          },
        ]
      : []),
  ];
}

function headlineOf(w: WatchlistReport, booked: WatchlistEntry[]): string {
  if (booked.length !== 1 || w.entries.length !== 1) {
    return `13F watchlist as filed by ${w.asOf}: ${booked.length} of ${w.entries.length} watched filers with a report`;
  }
  const e = booked[0]!;
  const x = e.latest!.exposure;
  const stale = isStale(e) ? ` — STALE: ${e.coverage.missing.length} due quarter(s) not in the store` : '';
  return `${e.name}: latest 13F ${e.latest!.period} as filed by ${w.asOf}: ${formatValue(x.totalUsd, 'usd')} reported, puts ${formatValue(x.putNotionalUsd, 'usd')} notional (${formatValue(x.putShare, 'fraction')})${stale}`;
}

export async function watchlistView(store: Store, opts: { asOf: string }): Promise<View<WatchlistReport>> {
  const w = await watchlistReport(store, {
    asOf: opts.asOf,
    resolver: await storeResolver(store.db, undefined, { builtIn: true }),
  });
  const v = emptyView<WatchlistReport>('watchlist', '13F watchlist (famous shorts)', opts.asOf, w);
  if (!w.entries.length) {
    v.empty = {
      reason: 'missing-input',
      message: 'The 13F watchlist is empty.',
      hint: 'tidewatch 13f watchlist --add CIK --name NAME',
    };
    return v;
  }
  const booked = w.entries.filter((e) => e.latest);
  if (!booked.length) {
    const who = w.entries.map((e) => `${e.name} (CIK ${e.cik})`).join(', ');
    v.empty = await thirteenFEmpty(store, opts.asOf, {
      what: `report of the watched filers (${who})`,
      advice: "choose a later as-of day, or fetch a filer's earlier reports",
      hint: `tidewatch 13f fetch --cik ${w.entries[0]!.cik}`,
    });
    return v;
  }
  const many = w.entries.length > 1;
  const prefix = (e: WatchlistEntry) => (many ? `${e.name}: ` : '');
  v.headline = headlineOf(w, booked);
  for (const e of booked) v.kpis.push(...kpisOf(e, prefix(e)));

  const filer = (e: WatchlistEntry) => (many ? e.name : undefined);
  v.tables.push({
    id: 'options',
    title: 'Puts and calls of the latest report: reported notional vs estimated premium',
    ...optionTableParts(
      booked.map((e) => ({ options: e.options, period: e.latest!.period, cik: e.cik, filer: filer(e) })),
      many,
    ),
    note: NOTIONAL_CAVEAT,
  });
  const peaks = booked.filter((e) => e.peakPutBook?.options.length);
  if (peaks.length) {
    v.tables.push({
      id: 'peak-put-book',
      title: `Largest put book on file: ${peaks.map((e) => `${prefix(e)}${e.peakPutBook!.period} (${formatValue(e.peakPutBook!.putNotionalUsd, 'usd')} notional)`).join('; ')}`,
      ...optionTableParts(
        peaks.map((e) => ({ ...e.peakPutBook!, cik: e.cik, filer: filer(e) })),
        many,
      ),
    });
  }
  v.tables.push({
    id: 'put-history',
    title: 'Put book by quarter (reported notional)',
    columns: [
      ...(many ? columns({ filer: 'text' }) : []),
      ...columns({
        period: 'date',
        putNotionalUsd: col('put notional', 'usd'),
        callNotionalUsd: col('call notional', 'usd'),
        totalUsd: col('total reported', 'usd'),
        putShare: col('puts share', 'fraction'),
      }),
    ],
    rows: booked.flatMap((e) =>
      e.putHistory.map((p) => ({
        ...(many ? { filer: e.name } : {}),
        ...p,
        putShare: p.totalUsd > 0 ? p.putNotionalUsd / p.totalUsd : null,
        ...putsHeldRowTone(p.putNotionalUsd),
      })),
    ),
  });
  for (const e of booked) {
    const l = e.latest!;
    v.tables.push(
      positionsTable(`positions-${e.cik}`, `${prefix(e)}Holdings ${l.period}`, {
        positions: l.positions,
        totalUsd: l.exposure.totalUsd,
        period: l.period,
        cik: e.cik,
      }),
      filingRolesTable(`filings-${e.cik}`, `${prefix(e)}Filings behind the ${l.period} report`, l.filings),
    );
    if (e.putHistory.length)
      v.charts.push(
        putBookChart(
          `put-book-${e.cik}`,
          `${prefix(e)}Put book by quarter: reported notional (not money at risk)`,
          'put notional (reported)',
          e.putHistory,
        ),
      );
  }
  if (w.thesis5) v.tables.push(thesis5Table(w.thesis5));

  for (const e of w.entries) {
    const stale = e.coverage.missing.length > 0;
    v.notes.push({ kind: stale ? 'stale' : 'info', text: `${e.name} (CIK ${e.cik}): ${e.coverage.message}` });
    if (!e.latest) v.notes.push({ text: `${e.name}: no 13F report filed by ${w.asOf} is stored.` });
  }
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT });
  for (const e of booked) {
    v.notes.push(...premiumNotes(e.options, e.latest!.period));
    if (e.peakPutBook) v.notes.push(...premiumNotes(e.peakPutBook.options, e.peakPutBook.period));
  }
  if (w.thesis5) v.notes.push(...thesis5Notes(w.thesis5));
  return v;
}
