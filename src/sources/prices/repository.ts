import { fromEpochDay } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertPlausible, type Plausible, positiveLevel } from '../../core/plausibility.js';
import { upperBound } from '../../core/sorted.js';
import { median } from '../../core/stats.js';
import { type Db, KeptPerVersion, type SqlValue } from '../../store/db.js';
import { symbolRangeWhere } from '../../store/where.js';
import { deriveDividends } from './actions.js';
import {
  type DatedValue,
  type MergedPoint,
  type MergeLink,
  mergeSourced,
  type SourcedSeries,
} from './rebase.js';
import type { CloseBasis, CorporateAction, ParsedPrices, PriceBar } from './types.js';

export interface WriteCounts {
  newRows: number;
  revisedRows: number;
  unchanged: number;
}

const BAR_COLUMNS = [
  'symbol',
  'date',
  'source',
  'open',
  'high',
  'low',
  'close',
  'adj_close',
  'volume',
  'close_basis',
];

/**
 * Store one parsed source of one symbol: its bars replace that (symbol, source) pair wholesale,
 * inside one transaction, so a re-import is idempotent and a failure leaves nothing half-written.
 * Dividends implied by Close vs Adj Close are stored as corporate actions next to any splits.
 */
export async function writePrices(db: Db, p: ParsedPrices): Promise<WriteCounts> {
  assertPlausibleBars(p);
  return db.transaction(async (tx) => {
    const before = await tx.all<{ date: string; adj_close: number }>(
      'SELECT CAST(date AS VARCHAR) AS date, adj_close FROM price_bars WHERE symbol = $1 AND source = $2',
      [p.symbol, p.source],
    );
    const old = new Map(before.map((r) => [r.date, r.adj_close]));
    assertPlausibleRepricing(p, old);
    const counts: WriteCounts = { newRows: 0, revisedRows: 0, unchanged: 0 };
    for (const b of p.bars) {
      const o = old.get(b.date);
      if (o === undefined) counts.newRows++;
      else if (Math.abs(o - b.adjClose) > 1e-9 * Math.max(1, Math.abs(o))) counts.revisedRows++;
      else counts.unchanged++;
    }
    await tx.run('DELETE FROM price_bars WHERE symbol = $1 AND source = $2', [p.symbol, p.source]);
    await tx.insertMany(
      'price_bars',
      BAR_COLUMNS,
      p.bars.map((b) => [
        p.symbol,
        b.date,
        p.source,
        b.open,
        b.high,
        b.low,
        b.close,
        b.adjClose,
        b.volume,
        p.closeBasis,
      ]),
    );
    const actions: CorporateAction[] = [...p.actions];
    // Files carry no dividend events: infer them. A connector that sends events (Yahoo chart) is believed.
    if (p.closeBasis === 'split' && p.format !== 'yahoo-chart')
      for (const a of deriveDividends(p.bars, p.symbol, p.source)) actions.push(a);
    await tx.run(
      'DELETE FROM corporate_actions WHERE symbol = $1 AND (source = $2 OR source = $3 OR source = $4)',
      [p.symbol, p.source, `derived:${p.source}`, `detected:${p.source}`],
    );
    await tx.insertMany(
      'corporate_actions',
      ['symbol', 'date', 'kind', 'value', 'source'],
      actions.map((a) => [a.symbol, a.date, a.kind, a.value, a.source]),
    );
    await tx.run('DELETE FROM price_sources WHERE symbol = $1 AND source = $2', [p.symbol, p.source]);
    const notes = [...p.notes, ...p.dropped.map((d) => `dropped ${d.date}: ${d.reason}`)].join('\n');
    await tx.run(
      `INSERT INTO price_sources (symbol, source, format, close_basis, first_date, last_date, bars, notes, imported_at)
       VALUES ($1, $2, $3, $4, CAST($5 AS DATE), CAST($6 AS DATE), $7, $8, CURRENT_TIMESTAMP)`,
      [
        p.symbol,
        p.source,
        p.format,
        p.closeBasis,
        p.bars[0]?.date ?? null,
        p.bars.at(-1)?.date ?? null,
        p.bars.length,
        notes || null,
      ],
    );
    return counts;
  });
}

/** Prices are positive, volumes not negative, both finite; dates from 1800 to a week ahead. */
const PRICE: Plausible = positiveLevel('1800-01-01');
const VOLUME: Plausible = { sign: 'non-negative', since: '1800-01-01' };

/** Every bar of a write, from a file or a connector, checked before anything is stored. */
export function assertPlausibleBars(p: ParsedPrices): void {
  for (const b of p.bars) {
    const at = (value: number) => ({
      date: b.date,
      value,
      ...(b.line !== undefined ? { where: `line ${b.line}` } : {}),
    });
    const fields: Array<[string, number | null, Plausible]> = [
      ['close', b.close, PRICE],
      ['adj close', b.adjClose, PRICE],
      ['open', b.open, PRICE],
      ['high', b.high, PRICE],
      ['low', b.low, PRICE],
      ['volume', b.volume, VOLUME],
    ];
    for (const [name, v, rule] of fields)
      if (v !== null) assertPlausible(p.file, `${p.symbol} ${name}`, rule, [at(v)]);
  }
}

/**
 * A new download of the same source replaces the stored bars. After a split every adjusted
 * close moves by the same factor (NVDA 10:1), so each date is compared with the median ratio of
 * all shared dates: one bar off by ×10 or more against that is a broken input, not a restatement.
 */
export function assertPlausibleRepricing(p: ParsedPrices, stored: Map<string, number>): void {
  const shared: Array<[PriceBar, number]> = [];
  for (const b of p.bars) {
    const s = stored.get(b.date);
    if (s !== undefined && s > 0) shared.push([b, s / b.adjClose]);
  }
  if (!shared.length) return;
  const typical = shared.length >= 3 ? median(shared.map(([, r]) => r)) : 1;
  for (const [b, r] of shared) {
    const off = r / typical;
    if (off >= 10 || off <= 0.1) {
      throw new TidewatchError(
        'bad-input',
        `${p.file}: ${b.line !== undefined ? `line ${b.line}: ` : ''}${p.symbol} ${b.date} adj close ${b.adjClose} would replace the stored ${stored.get(b.date)} (×${(1 / off).toPrecision(3)} against the other ${shared.length - 1} shared dates); nothing of this input was written`,
        { hint: 'a ×10 jump on one day is a broken file, not a revision' },
      );
    }
  }
}

export interface StoredBar extends PriceBar {
  source: string;
  closeBasis: CloseBasis;
}

export async function readBars(
  db: Db,
  symbol: string,
  q: { from?: string; to?: string; source?: string } = {},
): Promise<StoredBar[]> {
  const { where, params } = symbolRangeWhere(symbol, q, { source: q.source });
  const rows = await db.all<Record<string, unknown>>(
    `SELECT CAST(date AS VARCHAR) AS date, source, open, high, low, close, adj_close, volume, close_basis
       FROM price_bars WHERE ${where} ORDER BY source, date`,
    params,
  );
  return rows.map((r) => ({
    date: String(r.date),
    source: String(r.source),
    open: (r.open as number | null) ?? null,
    high: (r.high as number | null) ?? null,
    low: (r.low as number | null) ?? null,
    close: Number(r.close),
    adjClose: Number(r.adj_close),
    volume: (r.volume as number | null) ?? null,
    closeBasis: String(r.close_basis) as CloseBasis,
  }));
}

export interface PriceSourceInfo {
  symbol: string;
  source: string;
  format: string;
  closeBasis: string;
  firstDate: string | null;
  lastDate: string | null;
  bars: number;
  notes: string | null;
}

/**
 * Stored sources per symbol. With `asOf`, as they stood that day: range and bar count over the
 * bars dated by then (sources with none are left out).
 */
export async function listPriceSources(db: Db, symbol?: string, asOf?: string): Promise<PriceSourceInfo[]> {
  const params: SqlValue[] = [];
  const bySymbol = symbol ? `WHERE s.symbol = $${params.push(symbol)}` : '';
  // The stored range covers every bar; as of a day it is recomputed over the bars dated by then.
  const range = asOf
    ? `(SELECT symbol, source, min(date) AS first_date, max(date) AS last_date, count(*) AS bars
          FROM price_bars WHERE date <= CAST($${params.push(asOf)} AS DATE) GROUP BY symbol, source)`
    : '(SELECT symbol, source, first_date, last_date, bars FROM price_sources)';
  const rows = await db.all<Record<string, unknown>>(
    `SELECT s.symbol, s.source, s.format, s.close_basis, CAST(b.first_date AS VARCHAR) AS first_date,
            CAST(b.last_date AS VARCHAR) AS last_date, b.bars, s.notes
       FROM price_sources s JOIN ${range} b ON b.symbol = s.symbol AND b.source = s.source
      ${bySymbol} ORDER BY s.symbol, b.last_date DESC, s.source`,
    params,
  );
  return rows.map((r) => ({
    symbol: String(r.symbol),
    source: String(r.source),
    format: String(r.format),
    closeBasis: String(r.close_basis),
    firstDate: (r.first_date as string | null) ?? null,
    lastDate: (r.last_date as string | null) ?? null,
    bars: Number(r.bars),
    notes: (r.notes as string | null) ?? null,
  }));
}

/** Corporate actions of a symbol (with `asOf`, those dated by then). */
export async function readActions(db: Db, symbol: string, asOf?: string): Promise<CorporateAction[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT symbol, CAST(date AS VARCHAR) AS date, kind, value, source FROM corporate_actions
      WHERE symbol = $1 ${asOf ? 'AND date <= CAST($2 AS DATE)' : ''} ORDER BY date, kind, source`,
    asOf ? [symbol, asOf] : [symbol],
  );
  return rows.map((r) => ({
    symbol: String(r.symbol),
    date: String(r.date),
    kind: r.kind as 'split' | 'dividend',
    value: Number(r.value),
    source: String(r.source),
  }));
}

/**
 * The adjusted closes of every stored source of each of `symbols` (dated by `to` when given).
 * Sources are listed by name, as `mergeSourced` expects for its ties. The dashboard asks for the
 * same symbols as of many days (each view, each as-of day of the picker): every stored close of a
 * symbol is read once per data version of the store (see `Db.dataVersion`) and cut at `to` in
 * memory, which keeps exactly the bars `date <= to` would. Inside a transaction nothing is kept.
 */
export async function readAdjustedCloses(
  db: Db,
  symbols: readonly string[],
  q: { to?: string } = {},
): Promise<Map<string, SourcedSeries[]>> {
  const kept = await keptCloses.of(db);
  if (!kept) return readCloses(db, symbols, q);
  const missing = [...new Set(symbols.filter((s) => !kept.has(s)))];
  if (missing.length) {
    const read = await readCloses(db, missing);
    for (const s of missing) kept.set(s, read.get(s) ?? []);
  }
  const out = new Map<string, SourcedSeries[]>();
  for (const s of symbols) {
    const list: SourcedSeries[] = [];
    for (const src of kept.get(s) ?? []) {
      const n = q.to ? upperBound(src.points, q.to, (p) => p.date) : src.points.length;
      if (n)
        list.push(n === src.points.length ? src : { source: src.source, points: src.points.slice(0, n) });
    }
    if (list.length) out.set(s, list);
  }
  return out;
}

/** Per store, the closes of every symbol asked for so far, valid for one data version. */
const keptCloses = new KeptPerVersion(() => new Map<string, SourcedSeries[]>());

/** The closes as stored (the points are shared with later readers: never changed in place). */
async function readCloses(
  db: Db,
  symbols: readonly string[],
  q: { to?: string } = {},
): Promise<Map<string, SourcedSeries[]>> {
  const out = new Map<string, SourcedSeries[]>();
  if (!symbols.length) return out;
  const params: SqlValue[] = [...symbols];
  const inList = symbols.map((_, i) => `$${i + 1}`).join(', ');
  const where = `symbol IN (${inList})${q.to ? ` AND date <= CAST($${params.push(q.to)} AS DATE)` : ''}`;
  // Dates travel as day numbers (casting every date to text cost more than the rest of the
  // query); the text of each distinct day is made once (most symbols share their trading days).
  const dayNumber = "CAST(date - DATE '1970-01-01' AS INTEGER)";
  const groups = await (db.dialect === 'duckdb'
    ? closesAsColumns(db, where, params, dayNumber)
    : closesAsJson(db, where, params, dayNumber));
  const text = new Map<number, string>();
  for (const g of groups) {
    const points = new Array<DatedValue>(g.days.length);
    for (let i = 0; i < points.length; i++) {
      const n = g.days[i]! | 0; // a small integer key (day numbers arrive as doubles)
      let date = text.get(n);
      if (date === undefined) {
        date = fromEpochDay(n);
        text.set(n, date);
      }
      points[i] = { date, value: g.values[i]! };
    }
    const list = out.get(g.symbol) ?? [];
    list.push({ source: g.source, points });
    out.set(g.symbol, list);
  }
  return out;
}

interface CloseGroup {
  symbol: string;
  source: string;
  days: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * DuckDB: the (symbol, source) groups with their bar counts, then every day and close as two
 * typed columns in the same order, cut into the groups by those counts. One transaction holds
 * both reads, so they see the same bars.
 */
async function closesAsColumns(
  db: Db,
  where: string,
  params: SqlValue[],
  dayNumber: string,
): Promise<CloseGroup[]> {
  const { heads, cols } = await db.transaction(async (tx) => ({
    heads: await tx.all<{ symbol: string; source: string; n: number }>(
      `SELECT symbol, source, CAST(count(*) AS INTEGER) AS n FROM price_bars WHERE ${where}
        GROUP BY symbol, source ORDER BY symbol, source`,
      params,
    ),
    cols: await tx.numericColumns(
      `SELECT ${dayNumber} AS d, adj_close AS v FROM price_bars WHERE ${where} ORDER BY symbol, source, date`,
      params,
    ),
  }));
  const [days = new Float64Array(), values = new Float64Array()] = cols;
  const total = heads.reduce((a, h) => a + h.n, 0);
  if (total !== days.length)
    throw new TidewatchError('store', `price read: ${days.length} closes for ${total} counted bars`);
  let at = 0;
  return heads.map((h) => {
    const g = {
      symbol: h.symbol,
      source: h.source,
      days: days.subarray(at, at + h.n),
      values: values.subarray(at, at + h.n),
    };
    at += h.n;
    return g;
  });
}

/** Other engines: per (symbol, source) the days and closes as two JSON arrays aggregated by the database. */
async function closesAsJson(
  db: Db,
  where: string,
  params: SqlValue[],
  dayNumber: string,
): Promise<CloseGroup[]> {
  const agg = (x: string) => `CAST(json_agg(${x} ORDER BY date) AS VARCHAR)`;
  const rows = await db.all<{ symbol: string; source: string; d: string; v: string }>(
    `SELECT symbol, source, ${agg(dayNumber)} AS d, ${agg('adj_close')} AS v
       FROM price_bars WHERE ${where} GROUP BY symbol, source ORDER BY symbol, source`,
    params,
  );
  return rows.map((r) => ({
    symbol: r.symbol,
    source: r.source,
    days: JSON.parse(r.d) as number[],
    values: (JSON.parse(r.v) as unknown[]).map(Number),
  }));
}

/**
 * One adjusted close series for a symbol across every stored source: the freshest source is
 * the base and older downloads are re-based onto it by their detected ratio (see rebase.ts).
 * With `to`, only bars dated by then take part, so the base and the ratios are the ones a reader
 * on that day could have used (the merge never looks past `to`).
 */
export async function mergedCloses(
  db: Db,
  symbol: string,
  q: { from?: string; to?: string } = {},
  /** More sources from outside price_bars (e.g. FRED SP500 for ^GSPC). */
  extra: SourcedSeries[] = [],
): Promise<{ points: MergedPoint[]; links: MergeLink[] }> {
  const stored = (await readAdjustedCloses(db, [symbol], q.to ? { to: q.to } : {})).get(symbol) ?? [];
  return mergeWithin(stored, extra, q);
}

/**
 * The merge of `mergedCloses` on sources already read (`readAdjustedCloses`): `extra` sources cut
 * at `to` like the stored ones, the result cut to [from, to].
 */
export function mergeWithin(
  stored: SourcedSeries[],
  extra: SourcedSeries[],
  q: { from?: string; to?: string } = {},
): { points: MergedPoint[]; links: MergeLink[] } {
  const m = mergeSourced([
    ...stored,
    ...extra.map((e) => ({ ...e, points: q.to ? e.points.filter((p) => p.date <= q.to!) : e.points })),
  ]);
  const first = m.points[0]?.date;
  const last = m.points.at(-1)?.date;
  // Usually nothing to cut (the sources were read up to `to`): the merged points as they are.
  const inside = (!q.from || !first || first >= q.from) && (!q.to || !last || last <= q.to);
  const points = inside
    ? m.points
    : m.points.filter((p) => (!q.from || p.date >= q.from) && (!q.to || p.date <= q.to));
  return { points, links: m.links };
}
