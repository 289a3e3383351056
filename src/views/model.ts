import type { Format, Value } from '../core/format.js';

/**
 * A report as a typed view model: built once per domain (src/views/<domain>.ts) from the domain's
 * one computation, then rendered by the CLI as text (text.ts), served by the API as JSON and drawn
 * by the dashboard and the report. Titles, column labels, formats and the meaning of colours live
 * here, not in the renderers.
 */

/**
 * Colour by meaning, never by sign: a renderer maps tones to its palette. `severe` is the far end
 * of a graded scale (risk level 3, systemic) where `bad` is already taken by the step before it.
 */
export type Tone = 'good' | 'warn' | 'bad' | 'severe' | 'neutral';

/**
 * Where a figure comes from: the arguments of `tidewatch trace WHAT --date DATE` and of
 * `/api/trace?what=&date=`, asked as of the view's own as-of day. `what` is a form `trace`
 * answers (a stored series id, `net-liquidity[:dts]`, `sofr-iorb`, `reserves`, `price:SYMBOL`,
 * `13f:CIK:PERIOD:CUSIP[:put|call]`); only figures that trace reproduces carry one.
 */
export interface TraceRef {
  what: string;
  date: string;
}

/** Whether a value is measured from stored data or taken from a curated file. */
export type Basis = 'measured' | 'curated';

export interface Kpi {
  id: string;
  label: string;
  value: Value;
  format: Format;
  digits?: number;
  /** The date of the observation behind the value. */
  date?: string | null;
  tone?: Tone;
  /** The value is older than its cadence allows: shown, but labelled stale. */
  stale?: boolean;
  /** A smaller figure under the value (a change, a comparison). */
  detail?: { label: string; value: Value; format: Format; digits?: number; tone?: Tone };
  /** Where the figure comes from (see TraceRef). */
  trace?: TraceRef;
}

export interface Column {
  key: string;
  label: string;
  format: Format;
  digits?: number;
  /**
   * A table whose rows are different quantities (an indicator list: dollars, bp, percent): the
   * key of a row field holding this cell's format, used instead of `format` where the row has one.
   */
  formatKey?: string;
  /** Likewise for decimals: the key of a row field holding this cell's digits. */
  digitsKey?: string;
}

export type Row = Record<string, Value> & { _tone?: Tone };

export interface Table {
  id: string;
  title?: string;
  columns: Column[];
  rows: Row[];
  /** Said under the table (what is left out, what a column means). */
  note?: string;
  /**
   * Long tables (a price history): the text rendering prints only the last this many rows and
   * says so; CSV, JSON and the data behind the view carry every row.
   */
  textLast?: number;
  /**
   * Rows for export only (`--csv`, JSON): every position of every quarter can be ~150k rows, so
   * the text and the dashboard leave the table out and show the view's summary tables instead.
   */
  exportOnly?: boolean;
  /**
   * Per row (same index as `rows`), the trace of the cells that have one, keyed by column key.
   * Kept beside the rows, not in them: a row holds only values the text and CSV print.
   */
  traces?: Array<Record<string, TraceRef> | null>;
}

/** A table's `traces` from its rows: `of` names the traced cells of a row (null: none). */
export function rowTraces<R>(
  rows: readonly R[],
  of: (row: R) => Record<string, TraceRef> | null,
): Array<Record<string, TraceRef> | null> | undefined {
  const out = rows.map(of);
  return out.some((x) => x !== null) ? out : undefined;
}

export interface ChartSeries {
  name: string;
  points: Array<{ time: string; value: number | null }>;
  kind?: 'line' | 'area' | 'histogram' | 'markers';
  /** A second axis for a differently scaled series. */
  axis?: 'left' | 'right';
  tone?: Tone;
  /** The series' own format where it differs from the chart's (a second axis in another unit). */
  format?: Format;
  /** With format: decimals; 0 = whole steps only (the axis ticks at integers: risk levels). */
  digits?: number;
  /** Histogram bars start here instead of 0 (a level scale from 0 starts bars below it, so level 0 shows). */
  base?: number;
  /** The axis shows exactly this range (a bounded scale: risk levels), not one fitted to the data. */
  range?: { min: number; max: number };
}

export interface Chart {
  id: string;
  title: string;
  /** How the y values are formatted (axis labels, tooltips). */
  format: Format;
  digits?: number;
  series: ChartSeries[];
  /** Horizontal reference lines (a threshold, zero). */
  lines?: Array<{ value: number; label: string }>;
  /**
   * The series are layers of one total, listed top to bottom: each point is the layer's OWN value;
   * a renderer draws the running sums but labels every layer with its own value.
   */
  stacked?: boolean;
  /** Said under the chart (what a gap means, what a colour means beyond the legend). */
  note?: string;
}

/**
 * One point per item (an asset) on two measured axes, e.g. liquidity beta against the fall in
 * squeeze windows. Both axes carry their label and format here; the dashboard draws axes, ticks
 * and a legend from them. The CLI prints the same figures in the view's table instead.
 */
export interface ScatterChart {
  id: string;
  title: string;
  x: { label: string; format: Format; digits?: number };
  y: { label: string; format: Format; digits?: number };
  /** The categories points belong to, in legend order. */
  groups: Array<{ id: string; label: string }>;
  points: Array<{ label: string; x: number; y: number; group: string }>;
}

export interface Note {
  text: string;
  kind?: 'info' | 'stale' | 'caveat' | 'curated';
}

/**
 * Why a view has nothing to show: nothing of the domain is stored at all, or the store holds the
 * domain but nothing before the as-of day (coverage starts later), or an input is missing.
 */
export interface Empty {
  reason: 'nothing-stored' | 'before-coverage' | 'missing-input';
  message: string;
  /** What to run to fill it. */
  hint?: string;
}

/** Nothing of the domain is stored at all: the Empty that says so, with what to run to fill it. */
export function nothingStored(message: string, hint: string): Empty {
  return { reason: 'nothing-stored', message, hint };
}

/** What fills the FRED series net liquidity is built from (WALCL first). */
export const FRED_HINT = 'tidewatch update --source fred (or tidewatch import fred FILE)';

export interface View<D = unknown> {
  /** Stable id ('liquidity', 'plumbing', 'watchlist', …), also the API path segment. */
  id: string;
  title: string;
  asOf: string;
  /** One sentence a person reads first. */
  headline?: string;
  kpis: Kpi[];
  charts: Chart[];
  /** Scatter plots (drawn by the dashboard only). */
  scatters?: ScatterChart[];
  tables: Table[];
  notes: Note[];
  empty?: Empty;
  /** The domain result the view was built from (raw numbers for JSON consumers). */
  data: D;
}

/** A view with nothing in it yet (builders start here). */
export function emptyView<D>(id: string, title: string, asOf: string, data: D): View<D> {
  return { id, title, asOf, kpis: [], charts: [], tables: [], notes: [], data };
}

/** Every trace reference of a view, by KPI id and by table id (the CLI's `--json` carries these). */
export interface ViewTraces {
  kpis: Record<string, TraceRef>;
  tables: Record<string, Array<Record<string, TraceRef> | null>>;
}

/** The view's trace references, or null when no figure in it has one. */
export function viewTraces(v: View): ViewTraces | null {
  const kpis = Object.fromEntries(v.kpis.filter((k) => k.trace).map((k) => [k.id, k.trace!]));
  const tables = Object.fromEntries(v.tables.filter((t) => t.traces).map((t) => [t.id, t.traces!]));
  return Object.keys(kpis).length || Object.keys(tables).length ? { kpis, tables } : null;
}
