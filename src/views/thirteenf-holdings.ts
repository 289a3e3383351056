import { NOTIONAL_CAVEAT } from '../analytics/thirteenf/exposure.js';
import {
  type DiffReport,
  diffReport,
  type HoldingsReport,
  holdingsReport,
} from '../analytics/thirteenf/service.js';
import { latestDueQuarter } from '../analytics/thirteenf/watchlist.js';
import { isTidewatchError } from '../core/errors.js';
import { formatValue } from '../core/format.js';
import { storeResolver } from '../sources/sec/thirteenf/cusip-store.js';
import { listFilings, type StoredFiling } from '../sources/sec/thirteenf/repository.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { type Column, emptyView, type Kpi, type View } from './model.js';
import {
  filingRolesTable,
  optionTableParts,
  positionsTable,
  premiumNotes,
  putsHeldTone,
  putTone,
  thirteenFEmpty,
  unitText,
} from './thirteenf-common.js';

/**
 * One filer's 13F as views: its holdings for a quarter (positions, exposure, concentration, the
 * options with their premium), the quarter-over-quarter diff, and the stored filings. Each is as
 * filed by the as-of day (holdings.ts: the one holdings read); `tidewatch 13f holdings|diff|filings`,
 * `/api/views/13f-holdings|13f-diff|13f-filings` render these objects.
 */

export const SCION_CIK = 1649339;

const filerName = (filer: string | null, cik: number) => filer ?? `CIK ${cik}`;

/** A "nothing public by then" error of the service becomes the view's empty state. */
async function orEmpty<T>(build: () => Promise<T>): Promise<{ value: T } | { error: string; hint?: string }> {
  try {
    return { value: await build() };
  } catch (e) {
    if (isTidewatchError(e) && e.kind === 'not-found')
      return { error: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    throw e;
  }
}

export interface HoldingsViewQuery {
  asOf: string;
  cik?: number;
  period?: string;
  top?: number;
  /** CUSIP → ticker file (CLI --map). */
  mapFile?: string;
}

function holdingsKpis(r: HoldingsReport, stale: boolean): Kpi[] {
  const x = r.exposure;
  const puts = putsHeldTone(x.putNotionalUsd);
  const at = { date: r.period, stale };
  return [
    { id: 'total', label: 'Reported total', value: x.totalUsd, format: 'usd', ...at },
    {
      id: 'puts',
      label: 'Put notional',
      value: x.putNotionalUsd,
      format: 'usd',
      ...at,
      ...puts,
      detail: { label: 'of the total', value: x.putShare, format: 'fraction', ...puts },
    },
    {
      id: 'calls',
      label: 'Call notional',
      value: x.callNotionalUsd,
      format: 'usd',
      ...at,
      detail: { label: 'of the total', value: x.callShare, format: 'fraction' },
    },
    {
      id: 'top',
      label: `Top ${r.concentration.n} share`,
      value: r.concentration.share,
      format: 'fraction',
      ...at,
    },
    { id: 'positions', label: 'Positions', value: x.positions, format: 'count', ...at },
  ];
}

export async function holdingsView(store: Store, q: HoldingsViewQuery): Promise<View<HoldingsReport | null>> {
  const cik = q.cik ?? SCION_CIK;
  const got = await orEmpty(async () =>
    holdingsReport(store, {
      cik,
      ...(q.period ? { period: q.period } : {}),
      asOf: q.asOf,
      topN: q.top ?? 5,
      resolver: await storeResolver(store.db, q.mapFile, { builtIn: true }),
    }),
  );
  const v = emptyView<HoldingsReport | null>('13f-holdings', '13F holdings', q.asOf, null);
  if ('error' in got) {
    const e = await thirteenFEmpty(store, q.asOf, { what: '', hint: `tidewatch 13f fetch --cik ${cik}` });
    // The service's message names the quarters public by then.
    v.empty =
      e.reason === 'nothing-stored'
        ? e
        : { ...e, message: `${got.error}: choose a later as-of day or another period.` };
    return v;
  }
  const r = got.value;
  v.data = r;
  // The latest quarter on file is not current once a later report is due (the 45-day deadline).
  const due = latestDueQuarter(q.asOf);
  const stale = !q.period && r.period < due;
  const name = filerName(r.filer, r.cik);
  v.title = `13F holdings: ${name}`;
  v.headline = `${name} — 13F for ${r.period} as filed by ${r.asOf}: ${formatValue(r.exposure.totalUsd, 'usd')} reported; puts ${formatValue(r.exposure.putNotionalUsd, 'usd')} notional (${formatValue(r.exposure.putShare, 'fraction')})${stale ? `  (STALE: the ${due} report was due)` : ''}`;
  v.kpis.push(...holdingsKpis(r, stale));
  v.tables.push(
    positionsTable(
      'positions',
      `Positions ${r.period} (a put, a call and the shares of one CUSIP are three positions)`,
      { positions: r.positions, totalUsd: r.exposure.totalUsd, period: r.period, cik: r.cik },
    ),
  );
  if (r.options.length) {
    v.tables.push({
      id: 'options',
      title: 'Puts and calls: reported notional vs estimated premium',
      ...optionTableParts([{ options: r.options, period: r.period, cik: r.cik }]),
      note: NOTIONAL_CAVEAT,
    });
  }
  v.tables.push(
    filingRolesTable('filings', `Filings behind the ${r.period} report (public by ${r.asOf})`, r.filings),
  );
  if (stale)
    v.notes.push({
      kind: 'stale',
      text: `${r.period} is the latest report filed by ${r.asOf}; the ${due} report was due and is not in the store.`,
    });
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT }, ...premiumNotes(r.options, r.period));
  return v;
}

const DIFF_COLUMNS: Column[] = columns({
  kind: col('change', 'text'),
  position: 'text',
  cusip: 'text',
  sharesBefore: col('shares before', 'count'),
  sharesAfter: col('shares after', 'count'),
  sharesChange: col('Δ shares', 'fraction-change'),
  valueBeforeUsd: col('value before', 'usd'),
  valueAfterUsd: col('value after', 'usd'),
});

export async function diffView(
  store: Store,
  q: { asOf: string; cik?: number; from?: string; to?: string },
): Promise<View<DiffReport | null>> {
  const cik = q.cik ?? SCION_CIK;
  const got = await orEmpty(() =>
    diffReport(store, {
      cik,
      asOf: q.asOf,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    }),
  );
  const v = emptyView<DiffReport | null>('13f-diff', '13F quarter-over-quarter changes', q.asOf, null);
  if ('error' in got) {
    const e = await thirteenFEmpty(store, q.asOf, { what: '', hint: `tidewatch 13f fetch --cik ${cik}` });
    v.empty =
      e.reason === 'nothing-stored' ? e : { ...e, message: `${got.error}: choose a later as-of day.` };
    return v;
  }
  const d = got.value;
  v.data = d;
  const s = d.summary;
  v.headline = `CIK ${d.cik}: ${d.from} → ${d.to} as filed by ${d.asOf}: ${s.new} new, ${s.added} added, ${s.trimmed} trimmed, ${s.exited} exited, ${s.unchanged} unchanged (by shares)`;
  for (const k of ['new', 'added', 'trimmed', 'exited'] as const)
    v.kpis.push({ id: k, label: k, value: s[k] ?? 0, format: 'count', date: d.to });
  v.tables.push({
    id: 'changes',
    title: `Changes ${d.from} → ${d.to}`,
    columns: DIFF_COLUMNS,
    rows: d.changes
      .filter((c) => c.kind !== 'unchanged')
      .map((c) => ({
        kind: c.kind,
        position: c.putCall ? `${c.issuer} ${c.putCall.toLowerCase()}` : c.issuer,
        cusip: c.cusip,
        sharesBefore: c.sharesBefore,
        sharesAfter: c.sharesAfter,
        // sharesChangePct is in percent; the view's fractions are fractions.
        sharesChange: c.sharesChangePct === null ? null : c.sharesChangePct / 100,
        valueBeforeUsd: c.valueBeforeUsd,
        valueAfterUsd: c.valueAfterUsd,
        ...(putTone(c.putCall) && c.kind !== 'exited' ? { _tone: 'warn' as const } : {}),
      })),
    note: `Judged on share counts, not values (a value moves with the price); ${s.unchanged ?? 0} unchanged position(s) not listed; "—" in Δ shares: a new position.`,
  });
  v.notes.push({ kind: 'caveat', text: NOTIONAL_CAVEAT });
  return v;
}

export async function filingsView(
  store: Store,
  q: { asOf: string; cik?: number },
): Promise<View<StoredFiling[]>> {
  const rows = await listFilings(store.db, q.cik, q.asOf);
  const v = emptyView<StoredFiling[]>('13f-filings', '13F filings stored', q.asOf, rows);
  if (!rows.length) {
    v.empty = await thirteenFEmpty(store, q.asOf, {
      what: q.cik ? `filing of CIK ${q.cik}` : 'filing',
      advice: 'choose a later as-of day',
      ...(q.cik ? { hint: `tidewatch 13f fetch --cik ${q.cik}` } : {}),
    });
    return v;
  }
  v.headline = `${formatValue(rows.length, 'count')} 13F filing(s)${q.cik ? ` of CIK ${q.cik}` : ''} filed by ${q.asOf} are stored`;
  v.tables.push({
    id: 'filings',
    columns: columns({
      cik: 'text',
      filer: 'text',
      period: 'date',
      form: 'text',
      accession: 'text',
      filed: 'date',
      knownFrom: col('public from', 'date'),
      rows: 'count',
      unit: col('values in', 'text'),
      unitRule: col('unit decided by', 'text'),
    }),
    rows: rows.map((f) => ({
      cik: String(f.cik),
      filer: f.filer_name,
      period: f.period,
      form: f.form,
      accession: f.accession,
      filed: f.filed,
      knownFrom: f.known_from,
      rows: f.row_count,
      unit: unitText(f.value_unit),
      unitRule: f.unit_rule,
    })),
    note: 'A filing without a filing date in its file counts from its import day ("public from").',
  });
  return v;
}
