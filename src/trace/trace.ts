import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { holdingsAsOf } from '../analytics/thirteenf/holdings.js';
import { TidewatchError } from '../core/errors.js';
import { LIQUIDITY_COMPONENTS, liquidityOn, type TgaBasis } from '../indicators/liquidity.js';
import { PLUMBING_INPUT_SERIES } from '../indicators/plumbing/index.js';
import { IORB_START, spreadToReservesBp } from '../indicators/plumbing/repo-stress.js';
import { loadLiquidityIndexes } from '../loaders/liquidity.js';
import { mergedCloses, readBars } from '../sources/prices/repository.js';
import type { Db } from '../store/db.js';
import { ingestItemsOf, type ProvenanceBytes } from '../store/provenance.js';
import type { Store } from '../store/store.js';
import { seriesOn } from './observations.js';

/**
 * `tidewatch trace` / `/api/trace`: from a figure to the bytes it was read from. A series value
 * is its observation (every vintage public by the as-of day), the ingest run that wrote the
 * vintage used, and the byte strings that run read for the series (ingest_items) with their
 * archived copy, re-hashed here so the trace says whether the archive still holds those bytes.
 * An indicator lists the inputs it used — computed by the one definition of the indicator, never
 * recomputed here — and each input's trace. Everything is as of `asOf`, down to the provenance:
 * bytes read after that day are not shown (the store did not know them then).
 */

export interface TracedBytes extends ProvenanceBytes {
  runId: number | null;
  source: string;
  /** The archived copy re-hashed now: present (same sha256), changed, missing, or none kept. */
  archive: 'present' | 'changed' | 'missing' | 'not-archived';
}

export interface IngestRunInfo {
  id: number;
  source: string;
  startedAt: string;
  status: string;
}

export interface SeriesTrace {
  kind: 'series';
  series: string;
  title: string | null;
  unit: string | null;
  /** The observation date used: the asked day, or the last observation before it. */
  date: string;
  value: number;
  knownFrom: string;
  vintages: Array<{ value: number; knownFrom: string; runId: number | null }>;
  run: IngestRunInfo | null;
  bytes: TracedBytes[];
  note?: string;
}

export interface PriceTrace {
  kind: 'price';
  symbol: string;
  date: string;
  /** The merged adjusted close (the figure prices are shown as) and the source it came from. */
  adjClose: number;
  source: string;
  factor: number;
  bar: { close: number; adjClose: number; closeBasis: string };
  bytes: TracedBytes[];
}

export interface ThirteenFTrace {
  kind: '13f';
  cik: number;
  filer: string | null;
  period: string;
  cusip: string;
  putCall: 'PUT' | 'CALL' | null;
  issuer: string;
  shares: number;
  valueUsd: number;
  filings: Array<{
    accession: string;
    form: string;
    filed: string | null;
    knownFrom: string;
    action: string;
    rows: Array<{ line: number; valueReported: number; valueUsd: number; shares: number }>;
    bytes: TracedBytes[];
  }>;
}

export interface IndicatorTrace {
  kind: 'indicator';
  indicator: string;
  date: string;
  value: number;
  unit: string;
  formula: string;
  stale: boolean;
  inputs: Array<{ role: string; value: number; unit: string; note?: string; trace: SeriesTrace | null }>;
}

export type Trace = SeriesTrace | PriceTrace | ThirteenFTrace | IndicatorTrace;

export interface TraceResult {
  what: string;
  date: string;
  asOf: string;
  trace: Trace;
}

/** Indicators and prefixes `trace` knows besides a stored series id. */
export const TRACE_FORMS = [
  'net-liquidity[:dts]',
  'reserves',
  'sofr-iorb',
  'effr-iorb',
  'sofr-p99-iorb',
  'price:<SYMBOL>',
  '13f:<cik>:<period>:<cusip>[:put|call]',
  '<series id>',
] as const;

function rehash(path: string | null, sha: string): TracedBytes['archive'] {
  if (!path) return 'not-archived';
  if (!existsSync(path)) return 'missing';
  return createHash('sha256').update(readFileSync(path)).digest('hex') === sha ? 'present' : 'changed';
}

async function bytesOf(
  db: Db,
  kind: string,
  key: string,
  asOf: string,
  runId?: number | null,
): Promise<TracedBytes[]> {
  const items = await ingestItemsOf(db, {
    kind,
    key,
    knownBy: asOf,
    ...(runId !== undefined ? { runId } : {}),
  });
  return items.map((i) => ({
    runId: i.runId,
    source: i.source,
    sha256: i.sha256,
    origin: i.origin,
    originKind: i.originKind,
    archivePath: i.archivePath,
    bytes: i.bytes,
    readAt: i.readAt,
    archive: rehash(i.archivePath, i.sha256),
  }));
}

async function runInfo(db: Db, runId: number | null, asOf: string): Promise<IngestRunInfo | null> {
  if (runId === null) return null;
  const r = await db.all<{ id: number; source: string; started_at: string; status: string }>(
    `SELECT id, source, CAST(started_at AS VARCHAR) AS started_at, status FROM ingest_runs
      WHERE id = $1 AND CAST(started_at AS DATE) <= CAST($2 AS DATE)`,
    [runId, asOf],
  );
  const x = r[0];
  return x ? { id: Number(x.id), source: x.source, startedAt: x.started_at, status: x.status } : null;
}

/** A stored series' value on `date` (or the last observation before it) as known on `asOf`. */
export async function traceSeries(
  store: Store,
  id: string,
  date: string,
  asOf: string,
): Promise<SeriesTrace> {
  const info = await store.getSeries(id);
  const rows = await store.db.all<{ date: string; value: number; known_from: string; run_id: number | null }>(
    `SELECT CAST(date AS VARCHAR) AS date, value, CAST(known_from AS VARCHAR) AS known_from, run_id FROM observations
      WHERE series_id = $1 AND known_from <= CAST($3 AS DATE)
        AND date = (SELECT max(date) FROM observations WHERE series_id = $1 AND date <= CAST($2 AS DATE) AND known_from <= CAST($3 AS DATE))
      ORDER BY known_from`,
    [id, date, asOf],
  );
  const used = rows.at(-1);
  if (!used) {
    throw new TidewatchError(
      'not-found',
      info
        ? `${id}: no observation on or before ${date} known by ${asOf}`
        : `'${id}' is neither a stored series nor a traceable figure (${TRACE_FORMS.join(', ')})`,
    );
  }
  const runId = used.run_id === null ? null : Number(used.run_id);
  const bytes = await bytesOf(store.db, 'observations', id, asOf, runId);
  return {
    kind: 'series',
    series: id,
    title: info?.title ?? null,
    unit: info?.unit ?? null,
    date: used.date,
    value: used.value,
    knownFrom: used.known_from,
    vintages: rows.map((r) => ({
      value: r.value,
      knownFrom: r.known_from,
      runId: r.run_id === null ? null : Number(r.run_id),
    })),
    run: await runInfo(store.db, runId, asOf),
    bytes,
    ...(bytes.length
      ? {}
      : {
          note: `no bytes recorded for this vintage by ${asOf} (written before provenance was kept, or read later)`,
        }),
  };
}

/**
 * Net liquidity as known on `date` (a day it was read, not an H.4.1 Wednesday), with values as
 * revised by `asOf`: the level `tidewatch liquidity --as-of date` shows when date = asOf.
 */
async function traceNetLiquidity(
  store: Store,
  date: string,
  asOf: string,
  tga: TgaBasis,
): Promise<IndicatorTrace> {
  const level = liquidityOn(await loadLiquidityIndexes(store, { asOf }), date, { valuesAsOf: asOf, tga });
  if (!level)
    throw new TidewatchError(
      'not-found',
      `net liquidity: not computable on ${date} from what was known by ${asOf} (run \`tidewatch update\`)`,
    );
  const roles = ['Fed total assets', 'Treasury General Account', 'overnight reverse repo'];
  const inputs = await Promise.all(
    level.components.map(async (c, i) => ({
      role: roles[i]!,
      value: c.valueUsd,
      unit: 'usd',
      ...(c.note ? { note: c.note } : {}),
      // An idle ON RRP counted as 0 has no observation of that value to trace.
      trace:
        c.id === LIQUIDITY_COMPONENTS.rrp && c.valueUsd === 0
          ? null
          : await traceSeries(store, c.id, c.date, asOf),
    })),
  );
  return {
    kind: 'indicator',
    indicator: tga === 'dts' ? 'net-liquidity:dts' : 'net-liquidity',
    date,
    value: level.netLiquidityUsd,
    unit: 'usd',
    formula: `${level.components[0].id} − ${level.components[1].id} − ${level.components[2].id}`,
    stale: level.stale,
    inputs,
  };
}

/** The repo spreads plumbing shows: a market rate − the rate on reserves, in bp. */
const SPREADS: Record<string, { rate: keyof typeof PLUMBING_INPUT_SERIES; role: string }> = {
  'sofr-iorb': { rate: 'sofr', role: 'SOFR' },
  'effr-iorb': { rate: 'effr', role: 'effective fed funds rate' },
  'sofr-p99-iorb': { rate: 'sofrP99', role: 'SOFR 99th percentile' },
};

/**
 * A spread to the rate on reserves on `date` (the rate's last print on or before it), as the
 * plumbing indicators compute it (`spreadToReservesBp` over `rateOnReserves`: IOER before
 * 2021-07-29, IORB from then on, carried over days without a print).
 */
async function traceSpread(store: Store, what: string, date: string, asOf: string): Promise<IndicatorTrace> {
  const def = SPREADS[what]!;
  const src = await seriesOn(store.db, PLUMBING_INPUT_SERIES[def.rate], date, asOf);
  if (!src)
    throw new TidewatchError(
      'not-found',
      `${what}: no ${PLUMBING_INPUT_SERIES[def.rate].join(' or ')} on or before ${date} known by ${asOf}`,
    );
  const rate = await traceSeries(store, src.id, src.date, asOf);
  const rorId = rate.date >= IORB_START ? 'IORB' : 'IOER';
  const ror = await traceSeries(store, rorId, rate.date, asOf).catch((e: unknown) => {
    if (e instanceof TidewatchError && e.kind === 'not-found')
      throw new TidewatchError(
        'not-found',
        `${what}: no rate on reserves (${rorId}) on or before ${rate.date} known by ${asOf}`,
      );
    throw e;
  });
  const [spread] = spreadToReservesBp(
    [{ date: rate.date, value: rate.value }],
    [{ date: ror.date, value: ror.value }],
  );
  return {
    kind: 'indicator',
    indicator: what,
    date: rate.date,
    value: spread!.value,
    unit: 'bp',
    formula: `(${rate.series} − ${rorId}) × 100 bp`,
    stale: false,
    inputs: [
      { role: def.role, value: rate.value, unit: 'percent', trace: rate },
      { role: 'rate on reserves', value: ror.value, unit: 'percent', trace: ror },
    ],
  };
}

async function tracePrice(store: Store, symbol: string, date: string, asOf: string): Promise<PriceTrace> {
  const { points } = await mergedCloses(store.db, symbol, { to: date });
  const p = points.at(-1);
  if (!p) throw new TidewatchError('not-found', `price:${symbol}: no stored close on or before ${date}`);
  const bar = (await readBars(store.db, symbol, { from: p.date, to: p.date, source: p.source }))[0];
  return {
    kind: 'price',
    symbol,
    date: p.date,
    adjClose: p.value,
    source: p.source,
    factor: p.factor,
    bar: bar
      ? { close: bar.close, adjClose: bar.adjClose, closeBasis: bar.closeBasis }
      : { close: p.value, adjClose: p.value, closeBasis: 'merged' },
    bytes: await bytesOf(store.db, 'price-bars', `${symbol}|${p.source}`, asOf),
  };
}

const THIRTEENF = /^13f:(\d{1,10}):(\d{4}-\d{2}-\d{2}):([0-9A-Za-z]{9})(?::(put|call))?$/i;

async function traceThirteenF(store: Store, what: string, asOf: string): Promise<ThirteenFTrace> {
  const m = THIRTEENF.exec(what)!;
  const cik = Number(m[1]);
  const period = m[2]!;
  const cusip = m[3]!.toUpperCase();
  const putCall = m[4] ? (m[4].toUpperCase() as 'PUT' | 'CALL') : null;
  const [q] = await holdingsAsOf(store.db, { knownBy: asOf, ciks: [cik], period });
  const pos = q?.positions.find((p) => p.cusip === cusip && (p.putCall?.toUpperCase() ?? null) === putCall);
  if (!q || !pos)
    throw new TidewatchError('not-found', `${what}: no such position in a 13F public by ${asOf}`);
  const filings = await Promise.all(
    q.filings
      .filter((f) => pos.accessions.includes(f.accession))
      .map(async (f) => {
        const rows = await store.db.all<{
          line: number;
          value_reported: number;
          value_usd: number;
          shares: number;
        }>(
          `SELECT line, value_reported, value_usd, shares FROM sec_13f_rows
            WHERE accession = $1 AND cusip = $2 AND upper(put_call) IS NOT DISTINCT FROM $3 ORDER BY line`,
          [f.accession, cusip, putCall],
        );
        return {
          accession: f.accession,
          form: f.form,
          filed: f.filed,
          knownFrom: f.knownFrom,
          action: f.action,
          rows: rows.map((r) => ({
            line: Number(r.line),
            valueReported: r.value_reported,
            valueUsd: r.value_usd,
            shares: r.shares,
          })),
          bytes: await bytesOf(store.db, 'thirteenf-filing', f.accession, asOf),
        };
      }),
  );
  return {
    kind: '13f',
    cik,
    filer: q.filer,
    period,
    cusip,
    putCall,
    issuer: pos.issuer,
    shares: pos.shares,
    valueUsd: pos.valueUsd,
    filings,
  };
}

/** Trace `what` on `date` as known on `asOf` (date ≤ asOf: a figure of a later day was not known). */
export async function trace(store: Store, what: string, date: string, asOf: string): Promise<TraceResult> {
  if (date > asOf)
    throw new TidewatchError('bad-input', `trace: date ${date} is after the as-of day ${asOf}`);
  let t: Trace;
  if (what === 'net-liquidity') t = await traceNetLiquidity(store, date, asOf, 'h41');
  else if (what === 'net-liquidity:dts') t = await traceNetLiquidity(store, date, asOf, 'dts');
  else if (what in SPREADS) t = await traceSpread(store, what, date, asOf);
  else if (what === 'reserves') t = await traceSeries(store, 'WRESBAL', date, asOf);
  else if (/^price:/i.test(what)) t = await tracePrice(store, what.slice(6).toUpperCase(), date, asOf);
  else if (/^13f:/i.test(what)) {
    if (!THIRTEENF.test(what))
      throw new TidewatchError(
        'bad-input',
        `trace: '${what}' is not 13f:<cik>:<period YYYY-MM-DD>:<9-character CUSIP>[:put|call]`,
      );
    t = await traceThirteenF(store, what, asOf);
  } else t = await traceSeries(store, what, date, asOf);
  return { what, date, asOf, trace: t };
}
