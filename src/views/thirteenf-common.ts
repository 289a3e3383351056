import type { FilingRole, SourcedPosition } from '../analytics/thirteenf/holdings.js';
import { positionLabel } from '../analytics/thirteenf/positions.js';
import { PREMIUM_METHOD, type PremiumEstimate } from '../analytics/thirteenf/premium.js';
import type { OptionRow } from '../analytics/thirteenf/service.js';
import { knownFromSql } from '../sources/sec/thirteenf/repository.js';
import type { Store } from '../store/store.js';
import { cells, col, columns } from './columns.js';
import type { Chart, Column, Empty, Note, Row, Table, Tone, TraceRef } from './model.js';

/**
 * What every 13F view shares: the option table (reported notional next to the one premium
 * estimate), the positions table, the tone of a put, and the empty state that says whether the
 * store holds no 13F filed by the as-of day at all or only none of the filer asked for.
 */

/** Any put notional held is the warning the 13F views are about: a KPI's tone. */
export const putsHeldTone = (usd: number) => (usd > 0 ? { tone: 'warn' as const } : {});

/** The same warning on a table row. */
export const putsHeldRowTone = (usd: number) => (usd > 0 ? { _tone: 'warn' as const } : {});

/** A filer's put notional per quarter as bars, against the total reported as markers. */
export function putBookChart(
  id: string,
  title: string,
  putsName: string,
  quarters: ReadonlyArray<{ period: string; putNotionalUsd: number; totalUsd: number }>,
): Chart {
  return {
    id,
    title,
    format: 'usd',
    series: [
      {
        name: putsName,
        kind: 'histogram',
        tone: 'warn',
        points: quarters.map((x) => ({ time: x.period, value: x.putNotionalUsd })),
      },
      {
        name: 'total reported',
        kind: 'markers',
        tone: 'neutral',
        points: quarters.map((x) => ({ time: x.period, value: x.totalUsd })),
      },
    ],
  };
}

/** A put is a bet on a fall: shown as a warning, never in the colour of good news. */
export function putTone(putCall: string | null | undefined): Tone | undefined {
  return putCall === 'Put' ? 'warn' : undefined;
}

const horizons = PREMIUM_METHOD.horizonsMonths;

function optionColumns(opts: { filer?: boolean } = {}): Column[] {
  return [
    ...(opts.filer ? columns({ filer: 'text' }) : []),
    ...columns({
      period: 'date',
      option: 'text',
      shares: 'count',
      spot: col('spot (value ÷ shares)', 'price'),
      notionalUsd: col('notional (reported)', 'usd'),
      vol: col('realised vol', 'fraction'),
      rate: col('rate', 'fraction', 2),
    }),
    ...premiumColumns(),
    ...columns({ note: 'text' }),
  ];
}

/** The premium per horizon (PREMIUM_METHOD.horizonsMonths) and its range as a share of notional. */
export function premiumColumns(): Column[] {
  return [
    ...horizons.map((m) => ({
      key: `premium${m}m`,
      label: `premium ${m}m (ATM est.)`,
      format: 'usd' as const,
    })),
    ...columns({
      ofNotionalLow: col('premium ÷ notional, low', 'fraction'),
      ofNotionalHigh: col('high', 'fraction'),
    }),
  ];
}

/** The premium per horizon, keyed as optionColumns names it. */
export function premiumCells(p: PremiumEstimate | null): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of horizons) out[`premium${m}m`] = p?.points.find((x) => x.months === m)?.premiumUsd ?? null;
  const of = p?.points.map((x) => x.ofNotional) ?? [];
  out.ofNotionalLow = of.length ? Math.min(...of) : null;
  out.ofNotionalHigh = of.length ? Math.max(...of) : null;
  return out;
}

export function optionLabel(o: Pick<OptionRow, 'putCall' | 'ticker' | 'issuer'>): string {
  return `${o.ticker ?? o.issuer} ${o.putCall.toLowerCase()}`;
}

function optionTableRows(options: OptionRow[], period: string, filer?: string): Row[] {
  return options.map((o) => ({
    ...(filer !== undefined ? { filer } : {}),
    period,
    option: optionLabel(o),
    shares: o.shares,
    spot: o.impliedSpot,
    notionalUsd: o.notionalUsd,
    vol: o.premium?.vol.value ?? null,
    rate: o.premium?.rate.value ?? null,
    ...premiumCells(o.premium),
    note: o.premium ? '' : (o.premiumNote ?? 'premium not estimated'),
    ...(putTone(o.putCall) ? { _tone: putTone(o.putCall) } : {}),
  }));
}

/** Each estimate's assumptions, said next to it (the method is the same everywhere: PREMIUM_METHOD). */
export function premiumNotes(options: OptionRow[], period: string): Note[] {
  return options
    .filter((o) => o.premium)
    .map((o) => ({
      kind: 'caveat' as const,
      text: `premium of the ${optionLabel(o)} (${period}): ${o.premium!.assumptions.join('; ')}`,
    }));
}

/**
 * A 13F position's trace reference: `13f:CIK:PERIOD:CUSIP[:put|call]`, dated by its quarter (the
 * trace reads the filings public by the page's as-of day).
 */
export function positionRef(
  cik: number,
  period: string,
  p: { cusip: string; putCall: string | null },
): TraceRef {
  return {
    what: `13f:${cik}:${period}:${p.cusip}${p.putCall ? `:${p.putCall.toLowerCase()}` : ''}`,
    date: period,
  };
}

/** The position's reference on each of `cells` (its shares and value cells share it). */
export function positionTrace(
  cik: number,
  period: string,
  p: { cusip: string; putCall: string | null },
  cells: readonly string[],
): Record<string, TraceRef> {
  const ref = positionRef(cik, period, p);
  return Object.fromEntries(cells.map((c) => [c, ref]));
}

/** The cells of a position row and of an option row that carry the position's trace. */
const POSITION_TRACED = ['shares', 'valueUsd'];
const OPTION_TRACED = ['shares', 'notionalUsd'];

/** The traces of positionRows' or optionTableRows' rows (same order): `cells` share each row's reference. */
function positionTraces(
  rows: ReadonlyArray<{ cusip: string; putCall: string | null }>,
  period: string,
  cik: number,
  cells: readonly string[],
): Array<Record<string, TraceRef>> {
  return rows.map((p) => positionTrace(cik, period, p, cells));
}

const POSITION_COLUMNS: Column[] = columns({
  position: 'text',
  cusip: 'text',
  titleOfClass: col('class', 'text'),
  shares: 'count',
  valueUsd: col('value / notional', 'usd'),
  weight: 'fraction',
});

function positionRows(positions: SourcedPosition[], totalUsd: number): Row[] {
  return positions.map((p) =>
    cells(POSITION_COLUMNS, p, {
      position: positionLabel(p),
      weight: totalUsd > 0 ? p.valueUsd / totalUsd : null,
      ...(putTone(p.putCall) ? { _tone: putTone(p.putCall) } : {}),
    }),
  );
}

/** One filer's positions of a quarter as a table: weights of the reported total, puts in amber, each traced. */
export function positionsTable(
  id: string,
  title: string,
  book: { positions: SourcedPosition[]; totalUsd: number; period: string; cik: number },
): Table {
  return {
    id,
    title,
    columns: POSITION_COLUMNS,
    rows: positionRows(book.positions, book.totalUsd),
    traces: positionTraces(book.positions, book.period, book.cik, POSITION_TRACED),
  };
}

/**
 * The columns, rows and traces of an options table over one or more filers' books (a quarter's
 * puts and calls each); `filer` names the filer in a first column when several are shown.
 */
export function optionTableParts(
  books: ReadonlyArray<{ options: OptionRow[]; period: string; cik: number; filer?: string }>,
  withFiler = false,
): Pick<Table, 'columns' | 'rows' | 'traces'> {
  return {
    columns: optionColumns({ filer: withFiler }),
    rows: books.flatMap((b) => optionTableRows(b.options, b.period, b.filer)),
    traces: books.flatMap((b) => positionTraces(b.options, b.period, b.cik, OPTION_TRACED)),
  };
}

/** The filings that make up a quarter as known on the as-of day, and what each did to it. */
export function filingRolesTable(id: string, title: string, filings: FilingRole[]): Table {
  return {
    id,
    title,
    columns: columns({
      accession: 'text',
      form: 'text',
      filed: 'date',
      role: col('role in the quarter', 'text'),
      unit: col('values in', 'text'),
      unitRule: col('unit decided by', 'text'),
    }),
    rows: filings.map((f) => ({
      accession: f.accession,
      form: f.form,
      filed: f.filed ?? `— (counted from ${f.knownFrom})`,
      role: `${f.action}: ${f.reason}`,
      unit: unitText(f.unit),
      unitRule: f.unitRule,
    })),
  };
}

export const unitText = (unit: string) => (unit === 'usd_thousands' ? 'US$ thousands' : 'US$');

/** Is any 13F filing (of any filer) public by `asOf` in the store? Decides which empty state applies. */
export async function anyFilingKnownBy(store: Store, asOf: string): Promise<boolean> {
  const r = await store.db.all(
    `SELECT 1 AS x FROM sec_13f_filings WHERE ${knownFromSql()} <= CAST($1 AS DATE) LIMIT 1`,
    [asOf],
  );
  return r.length > 0;
}

export const SEC_UPDATE_HINT = 'tidewatch update --source sec';

/**
 * Why a 13F view is empty on `asOf`: no 13F filed by then is stored at all (fill the store), or
 * filings are stored but none of `what` (`advice` says what to change; `hint` is a command that
 * may fetch it). Only what was public by `asOf` decides, so the answer at D is the same as on a
 * store cut to what was known by D.
 */
export async function thirteenFEmpty(
  store: Store,
  asOf: string,
  what: { what: string; advice?: string; hint?: string },
): Promise<Empty> {
  if (!(await anyFilingKnownBy(store, asOf))) {
    return {
      reason: 'nothing-stored',
      message: `No 13F filings filed by ${asOf} are stored (saved filings import with tidewatch import 13f FILE).`,
      hint: SEC_UPDATE_HINT,
    };
  }
  return {
    reason: 'before-coverage',
    message: `No 13F ${what.what} was filed by ${asOf}${what.advice ? `: ${what.advice}` : ''}.`,
    ...(what.hint ? { hint: what.hint } : {}),
  };
}
