import { parseCsvTable } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertCompleteLastRow, endsWithLineBreak } from '../../core/wholeness.js';

/**
 * Curated datasets that no API provides (thesis 4 of PRODUCT.md): AI token consumption
 * disclosed by providers and dated market events. They live as versioned CSV files in
 * src/sources/curated/data (manifest.json holds the version); every row names its source.
 * These parsers are pure; the curated import (src/update/import/curated.ts) reads the files and
 * stores the rows, and load.ts reads them back from the store as of a day.
 */
export interface TokenObservation {
  /** The period the figure describes. */
  date: string;
  datePrecision: 'day' | 'month';
  /**
   * First day the figure was public, per its source (a figure for May 2024 may be disclosed a
   * year later). When the source names only a month, the last day of that month. As-of reads
   * use this date: a row counts on day D only when published ≤ D (and so date ≤ D).
   */
  published: string;
  provider: string;
  product: string;
  metric: 'tokens_per_month' | 'tokens_per_day';
  value: number;
  source: string;
  sourceUrl: string | null;
  note: string | null;
}

export interface MarketEvent {
  date: string;
  ticker: string;
  kind: string;
  movePct: number | null;
  priceBefore: number | null;
  priceAfter: number | null;
  description: string;
  source: string;
  sourceUrl: string | null;
}

interface CitedRow {
  line: number;
  /** The trimmed cell of a column ('' when the row is short). */
  get: (column: string) => string;
  /** The row's date, checked to be YYYY-MM-DD. */
  date: string;
  /** The row's citation, checked to be present. */
  source: string;
}

/**
 * The rows of a curated CSV after the checks every curated file shares: the needed columns
 * exist, each row has an ISO date, and each row names its source (no uncited figure gets in).
 */
function citedRows(text: string, source: string, needed: string[], numeric: string[] = []): CitedRow[] {
  const { header, rows } = parseCsvTable(text, source);
  const idx = new Map(header.map((h, i) => [h, i]));
  const missing = needed.filter((n) => !idx.has(n));
  if (missing.length)
    throw new TidewatchError('bad-input', `${source}: line 1: missing column(s) ${missing.join(', ')}`);
  // Whole-file checks: every row has every column; a last row without a line end must not
  // look cut short (its numbers compared with the same columns above it).
  for (const { line, cells } of rows) {
    if (cells.length !== header.length)
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: has ${cells.length} of ${header.length} columns`,
      );
  }
  const last = rows.at(-1);
  if (last && !endsWithLineBreak(text)) {
    const previous = rows.slice(-11, -1).reverse();
    assertCompleteLastRow(source, last.line, {
      columns: last.cells.length,
      expectedColumns: header.length,
      cells: numeric.map((c) => ({
        field: c,
        raw: last.cells[idx.get(c)!] ?? '',
        previous: previous.map((r) => r.cells[idx.get(c)!] ?? ''),
      })),
    });
  }
  return rows.map(({ line, cells }) => {
    const get = (c: string) => (cells[idx.get(c)!] ?? '').trim();
    const date = get('date');
    if (!isIsoDate(date))
      throw new TidewatchError('bad-input', `${source}: line ${line}: date '${date}' is not YYYY-MM-DD`);
    const src = get('source');
    if (!src)
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: source is empty (every row needs a citation)`,
      );
    return { line, get, date, source: src };
  });
}

function num(v: string, source: string, line: number, col: string, optional = false): number | null {
  if (v.trim() === '' && optional) return null;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new TidewatchError('bad-input', `${source}: line ${line}: ${col} '${v}' is not a number`);
  return n;
}

export function parseTokensCsv(text: string, source: string): TokenObservation[] {
  const cols = [
    'date',
    'date_precision',
    'published',
    'provider',
    'product',
    'metric',
    'value',
    'unit',
    'source',
    'source_url',
    'note',
  ];
  return citedRows(text, source, cols, ['value']).map(({ line, get, date, source: src }) => {
    const metric = get('metric');
    if (metric !== 'tokens_per_month' && metric !== 'tokens_per_day') {
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: metric '${metric}' must be tokens_per_month or tokens_per_day`,
      );
    }
    const precision = get('date_precision');
    if (precision !== 'day' && precision !== 'month') {
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: date_precision '${precision}' must be day or month`,
      );
    }
    const published = get('published');
    if (!isIsoDate(published))
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: published '${published}' is not YYYY-MM-DD`,
      );
    if (published < date)
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: published ${published} is before the period it describes (${date})`,
      );
    const value = num(get('value'), source, line, 'value')!;
    if (value <= 0)
      throw new TidewatchError(
        'bad-input',
        `${source}: line ${line}: value '${get('value')}' must be positive`,
      );
    return {
      date,
      datePrecision: precision,
      published,
      provider: get('provider'),
      product: get('product'),
      metric,
      value,
      source: src,
      sourceUrl: get('source_url') || null,
      note: get('note') || null,
    };
  });
}

export function parseMarketEventsCsv(text: string, source: string): MarketEvent[] {
  const cols = [
    'date',
    'ticker',
    'kind',
    'move_pct',
    'price_before',
    'price_after',
    'description',
    'source',
    'source_url',
  ];
  return citedRows(text, source, cols, ['price_before', 'price_after']).map(
    ({ line, get, date, source: src }) => {
      return {
        date,
        ticker: get('ticker').toUpperCase(),
        kind: get('kind'),
        movePct: num(get('move_pct'), source, line, 'move_pct', true),
        priceBefore: num(get('price_before'), source, line, 'price_before', true),
        priceAfter: num(get('price_after'), source, line, 'price_after', true),
        description: get('description'),
        source: src,
        sourceUrl: get('source_url') || null,
      };
    },
  );
}

/**
 * Market-wide liquidated notional per day (all venues together), as published by aggregators.
 * No API in the project gives it; rows are added by hand with their citation.
 */
export interface LiquidationTotal {
  date: string;
  totalUsd: number;
  source: string;
  sourceUrl: string | null;
  note: string | null;
}

export function parseLiquidationTotalsCsv(text: string, source: string): LiquidationTotal[] {
  return citedRows(text, source, ['date', 'total_usd', 'source', 'source_url', 'note']).map(
    ({ line, get, date, source: src }) => {
      const total = num(get('total_usd'), source, line, 'total_usd')!;
      if (total < 0)
        throw new TidewatchError(
          'bad-input',
          `${source}: line ${line}: total_usd '${get('total_usd')}' is negative`,
        );
      return {
        date,
        totalUsd: total,
        source: src,
        sourceUrl: get('source_url') || null,
        note: get('note') || null,
      };
    },
  );
}

/** Days per month used to put daily and monthly token figures on one scale (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

export interface TokenGrowth {
  provider: string;
  product: string;
  from: string;
  to: string;
  fromValue: number;
  toValue: number;
  metric: TokenObservation['metric'];
  /** to / from */
  multiple: number;
  months: number;
  /** multiple compounded to 12 months: multiple^(12 / months) */
  annualisedMultiple: number;
  /** both endpoints as tokens per month (daily × 30.4375) */
  fromPerMonth: number;
  toPerMonth: number;
}

function monthsBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000 / DAYS_PER_MONTH;
}

/**
 * Growth between disclosures of each provider/product.
 * The annualised multiple is what the thesis' "> 100× a year" claim is checked against.
 */
export function tokenGrowth(rows: readonly TokenObservation[]): TokenGrowth[] {
  const groups = new Map<string, TokenObservation[]>();
  for (const r of rows) {
    const k = `${r.provider}|${r.product}|${r.metric}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: TokenGrowth[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.date.localeCompare(b.date));
    // Every pair of disclosures (a handful per provider): consecutive steps, year-over-year
    // spans and first → last all come out, each with its own annualised rate.
    const pairs: [TokenObservation, TokenObservation][] = [];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) pairs.push([list[i]!, list[j]!]);
    for (const [a, b] of pairs) {
      const months = monthsBetween(a.date, b.date);
      if (months <= 0) continue;
      const multiple = b.value / a.value;
      const perMonth = (r: TokenObservation) =>
        r.metric === 'tokens_per_day' ? r.value * DAYS_PER_MONTH : r.value;
      out.push({
        provider: a.provider,
        product: a.product,
        metric: a.metric,
        from: a.date,
        to: b.date,
        fromValue: a.value,
        toValue: b.value,
        multiple,
        months,
        annualisedMultiple: multiple ** (12 / months),
        fromPerMonth: perMonth(a),
        toPerMonth: perMonth(b),
      });
    }
  }
  return out;
}
