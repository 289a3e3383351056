import { type Cadence, freshness, type SeriesFreshness } from '../indicators/freshness.js';
import { seriesFreshness } from '../loaders/freshness.js';
import { CRYPTO_MARKETS } from '../sources/crypto/source.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, type Kpi, nothingStored, type Tone, type View } from './model.js';
import { type LastRun, lastRunPerSource, newestRecords } from './source-dates.js';

/**
 * How current each source is on a day, one entry per source FAMILY (FRED, Treasury, NY Fed, SEC,
 * prices, crypto): its newest observation known by then, whether that is too old for its cadence
 * (the one rule of indicators/freshness.ts), and the newest run of each of its jobs — an update
 * and a file import of the same source are one family, so a failed update and an ok import show
 * as one chip with both in its reason. The dashboard header draws these as chips.
 */
export interface SourcePart {
  what: string;
  newest: string | null;
  /** null: records that come when they come (auctions, operations, liquidations): never stale. */
  cadence: Cadence | null;
  stale: boolean;
}

export interface SourceRun {
  /** The ingest_runs source ('treasury', 'treasury-file', …). */
  source: string;
  kind: 'update' | 'file import';
  status: string;
  startedAt: string;
  /** Failed or skipped items and why (null when every item went through). */
  reason: string | null;
}

export interface SourceState {
  id: string;
  label: string;
  /** Newest observation of any of its parts known by asOf. */
  newest: string | null;
  /** Nothing of it is current: every part with data is too old for its cadence. */
  stale: boolean;
  /** Series of the family that are too old for their cadence (the rest may be current). */
  staleSeries: string[];
  parts: SourcePart[];
  /** The newest run of each of its jobs started by asOf, newest first. */
  runs: SourceRun[];
  /** The worst status among those runs (null: no run by asOf). */
  status: string | null;
  tone: Tone;
  /** The chip's tooltip: what is stale and what the last runs said. */
  why: string;
}

export interface FreshnessViewData {
  asOf: string;
  sources: SourceState[];
}

const FAMILIES: Array<[string, string]> = [
  ['fred', 'FRED'],
  ['treasury', 'Treasury'],
  ['nyfed', 'NY Fed'],
  ['sec', 'SEC'],
  ['prices', 'prices'],
  ['crypto', 'crypto'],
];

/** Run sources whose job name is not their own: 13F filing imports and XBRL are SEC. */
const RUN_FAMILY: Record<string, string> = { 'sec-13f': 'sec', '13f-data-set': 'sec', xbrl: 'sec' };

export function runFamily(source: string): string {
  const job = source.replace(/-file$/, '');
  return RUN_FAMILY[source] ?? RUN_FAMILY[job] ?? job;
}

export function seriesFamily(s: Pick<SeriesFreshness, 'id' | 'source'>): string {
  if (/^(DTS|FISCAL):/i.test(s.id)) return 'treasury';
  if (/^NYFED:/i.test(s.id)) return 'nyfed';
  if (/^CRYPTO:/i.test(s.id)) return 'crypto';
  return s.source === 'fred' ? 'fred' : 'other';
}

const STATUS_RANK: Record<string, number> = { failed: 3, partial: 2, running: 1, ok: 0 };

const cut = (s: unknown, n = 160) => {
  const t = String(s ?? '');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** Why a run did not take everything: its failed and skipped items, from the run summary. */
export function runReason(summary: unknown): string | null {
  if (!Array.isArray(summary)) return null;
  const items = summary as Array<{ series?: string; status?: string; reason?: string }>;
  const out: string[] = [];
  const failed = items.filter((i) => i.status === 'failed');
  const skipped = items.filter((i) => i.status === 'skipped');
  if (failed.length)
    out.push(
      `${failed.length} of ${items.length} failed: ${failed
        .slice(0, 2)
        .map((i) => `${i.series}: ${cut(i.reason)}`)
        .join('; ')}${failed.length > 2 ? '; …' : ''}`,
    );
  if (skipped.length) out.push(`${skipped.length} of ${items.length} skipped: ${cut(skipped[0]!.reason)}`);
  return out.length ? out.join('; ') : null;
}

function part(what: string, newest: string | null, cadence: Cadence | null, asOf: string): SourcePart {
  return {
    what,
    newest,
    cadence,
    stale: newest !== null && cadence !== null && freshness(newest, asOf, cadence).stale,
  };
}

function seriesPart(series: SeriesFreshness[]): SourcePart | undefined {
  const have = series.filter((s) => s.lastDate);
  if (!have.length) return undefined;
  const newest = have.reduce((a, b) => (b.lastDate! > a.lastDate! ? b : a));
  return {
    what: `${have.length} series (newest: ${newest.id})`,
    newest: newest.lastDate,
    cadence: newest.cadence,
    stale: newest.stale,
  };
}

function toneOf(s: Pick<SourceState, 'newest' | 'stale' | 'staleSeries' | 'parts' | 'status'>): Tone {
  if (s.newest === null || s.stale) return 'bad';
  if (s.status === 'failed' || s.status === 'partial') return 'warn';
  if (s.staleSeries.length || s.parts.some((p) => p.stale)) return 'warn';
  return 'good';
}

function whyOf(s: Omit<SourceState, 'tone' | 'why'>, asOf: string): string {
  const out: string[] = [];
  out.push(
    s.newest
      ? `newest observation known on ${asOf}: ${s.newest}${s.stale ? ' — STALE: nothing of it is current' : ''}`
      : `nothing known on ${asOf}`,
  );
  for (const p of s.parts)
    out.push(`${p.what}: ${p.newest ?? '—'}${p.stale ? ` (stale for its ${p.cadence} cadence)` : ''}`);
  if (s.staleSeries.length)
    out.push(
      `stale series: ${s.staleSeries.slice(0, 8).join(', ')}${s.staleSeries.length > 8 ? `, … (${s.staleSeries.length})` : ''}`,
    );
  for (const r of s.runs)
    out.push(
      `last ${r.kind} (${r.source}) ${r.startedAt.slice(0, 16)}: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`,
    );
  if (!s.runs.length) out.push(`no update or import run by ${asOf}`);
  return out.join('\n');
}

export async function freshnessView(store: Store, opts: { asOf: string }): Promise<View<FreshnessViewData>> {
  const { asOf } = opts;
  const [series, records, runs] = await Promise.all([
    seriesFreshness(store, asOf),
    newestRecords(
      store.db,
      asOf,
      CRYPTO_MARKETS.map((m) => m.coin),
    ),
    lastRunPerSource(store.db, asOf),
  ]);
  const of = (f: string) => series.filter((s) => seriesFamily(s) === f);
  const cadenced = (f: string) =>
    of(f)
      .filter((s) => s.lastDate && s.stale)
      .map((s) => `${s.id} ${s.lastDate}`);
  const parts: Record<string, Array<SourcePart | undefined>> = {
    fred: [seriesPart(of('fred'))],
    treasury: [
      seriesPart(of('treasury')),
      records.auctions ? part('auctions', records.auctions, null, asOf) : undefined,
    ],
    nyfed: [
      seriesPart(of('nyfed')),
      records.operations ? part('operations', records.operations, null, asOf) : undefined,
    ],
    sec: [
      records.thirteenFPeriod
        ? part(
            `13F filings (newest filed ${records.thirteenFFiled}), report period`,
            records.thirteenFPeriod,
            'quarterly',
            asOf,
          )
        : undefined,
      records.xbrlPeriod ? part('XBRL facts, period end', records.xbrlPeriod, 'quarterly', asOf) : undefined,
    ],
    prices: [records.prices ? part('daily prices', records.prices, 'daily', asOf) : undefined],
    crypto: [
      records.cryptoPrices ? part('daily prices', records.cryptoPrices, 'daily', asOf) : undefined,
      records.funding ? part('funding rates', records.funding, 'daily', asOf) : undefined,
      records.openInterest ? part('open interest', records.openInterest, 'daily', asOf) : undefined,
      records.liquidations ? part('liquidations', records.liquidations, null, asOf) : undefined,
      seriesPart(of('crypto')),
    ],
  };
  const sources: SourceState[] = [];
  for (const [id, label] of FAMILIES) {
    const ps = (parts[id] ?? []).filter((p): p is SourcePart => p !== undefined);
    const familyRuns: SourceRun[] = runs
      .filter((r: LastRun) => runFamily(r.source) === id)
      .map((r) => ({
        source: r.source,
        kind:
          r.source.endsWith('-file') || r.source === 'sec-13f'
            ? ('file import' as const)
            : ('update' as const),
        status: r.status,
        startedAt: r.startedAt,
        reason: runReason(r.summary),
      }));
    if (!ps.length && !familyRuns.length) continue;
    const dated = ps.filter((p) => p.newest);
    const newest =
      dated
        .map((p) => p.newest!)
        .sort()
        .at(-1) ?? null;
    const withCadence = dated.filter((p) => p.cadence);
    const status =
      familyRuns.map((r) => r.status).sort((a, b) => (STATUS_RANK[b] ?? 0) - (STATUS_RANK[a] ?? 0))[0] ??
      null;
    const base = {
      id,
      label,
      newest,
      stale: withCadence.length > 0 && withCadence.every((p) => p.stale),
      staleSeries:
        id === 'fred' || id === 'treasury' || id === 'nyfed' || id === 'crypto' ? cadenced(id) : [],
      parts: ps,
      runs: familyRuns,
      status,
    };
    sources.push({ ...base, tone: toneOf(base), why: whyOf(base, asOf) });
  }

  const v = emptyView<FreshnessViewData>('freshness', 'Sources', asOf, { asOf, sources });
  if (!sources.length) {
    v.empty = nothingStored(
      `Nothing stored or run by ${asOf}.`,
      'tidewatch update (or tidewatch import all ../shared/data)',
    );
    return v;
  }
  v.headline = `Sources as of ${asOf}: ${sources.map((s) => `${s.label} ${s.newest ?? '—'}${s.stale ? ' (stale)' : ''}`).join(', ')}`;
  v.kpis = sources.map(
    (s): Kpi => ({
      id: s.id,
      label: s.label,
      value: s.newest,
      // The value is the newest observation's date: no separate `date`, it would print twice.
      format: 'date',
      stale: s.stale,
      tone: s.tone,
      ...(s.status
        ? {
            detail: {
              label: 'last run',
              value: s.status,
              format: 'text' as const,
              tone: s.status === 'ok' ? ('good' as const) : ('warn' as const),
            },
          }
        : {}),
    }),
  );
  v.tables.push({
    id: 'sources',
    columns: columns({
      label: col('source', 'text'),
      newest: 'date',
      stale: 'text',
      staleSeries: col('stale series', 'count'),
      status: col('last run', 'text'),
    }),
    rows: sources.map((s) => ({
      label: s.label,
      newest: s.newest,
      stale: s.stale ? 'STALE' : 'no',
      staleSeries: s.staleSeries.length,
      status: s.status ?? '—',
      _tone: s.tone,
    })),
  });
  return v;
}
