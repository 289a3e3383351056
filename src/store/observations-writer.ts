import { fromEpochDay } from '../core/dates.js';
import { TidewatchError } from '../core/errors.js';
import { assertPlausible, assertPlausibleRevision, type Plausible } from '../core/plausibility.js';
import type { Db, SqlValue } from './db.js';

/** A row to write; `where` (or `line`) says where it came from inside its origin, for messages. */
export interface ObservationInput {
  date: string;
  value: number;
  knownFrom: string;
  where?: string;
  line?: number;
}

export interface WriteResult {
  newRows: number;
  revisedRows: number;
  unchanged: number;
}

export interface WriteOptions {
  sourceUnit: string;
  /** Vintage of a value that changed in a plain re-download: the fetch day. */
  revisionKnownFrom: string;
  runId?: number | null;
  /** What the series' values can be; every row and every revision is checked against it. */
  rule: Plausible;
  /** File or URL of the rows, for messages. */
  origin: string;
}

/** Relative difference above which a re-fetched value counts as a revision. */
const REVISION_TOLERANCE = 1e-9;
/** Rows handed to the database per bulk insert: bounds the extra memory of a large write. */
const CHUNK = 50_000;

/** Order of two rows by (date, known_from). */
const compareKeys = (a: ObservationInput, b: ObservationInput) =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.knownFrom < b.knownFrom
        ? -1
        : a.knownFrom > b.knownFrom
          ? 1
          : 0;

const whereOf = (r: ObservationInput) => r.where ?? (r.line !== undefined ? `line ${r.line}` : undefined);
const described = (r: ObservationInput) => (whereOf(r) ? ` (${whereOf(r)})` : '');

/**
 * Write one series' rows (see Store.writeObservations for the rules), inside the caller's
 * transaction. One pass over the rows: only the stored vintages of the dates the rows span are
 * loaded, and inserts go to the database in chunks, so the work is linear and no second full
 * copy of a large input is built. (Doing the comparison in SQL over a staged copy was measured
 * and made DuckDB hold several times more memory for the same import.)
 */
export async function writeObservationRows(
  db: Db,
  seriesId: string,
  rows: readonly ObservationInput[],
  opts: WriteOptions,
): Promise<WriteResult> {
  let first = '';
  let last = '';
  // Rows in (date, known_from) order, either way, have a repeated key on adjacent rows: then no
  // map of every key is built (most files: ~100 bytes of heap a row saved).
  let up = true;
  let down = true;
  let prevRow: ObservationInput | undefined;
  for (const r of rows) {
    if (first === '' || r.date < first) first = r.date;
    if (r.date > last) last = r.date;
    if (prevRow) {
      const c = compareKeys(prevRow, r);
      if (c > 0) up = false;
      if (c < 0) down = false;
    }
    prevRow = r;
  }
  const ordered = up || down;
  assertPlausible(
    opts.origin,
    seriesId,
    opts.rule,
    (function* () {
      for (const r of rows)
        yield { date: r.date, value: r.value, ...(whereOf(r) ? { where: whereOf(r)! } : {}) };
    })(),
  );
  const result: WriteResult = { newRows: 0, revisedRows: 0, unchanged: 0 };
  if (!rows.length) return result;
  const latest = new Map<string, { value: number; knownFrom: string }>();
  for (const r of await db.all<{ date: string; value: number; knownFrom: string }>(
    `SELECT DISTINCT ON (date) CAST(date AS VARCHAR) AS date, value, CAST(known_from AS VARCHAR) AS "knownFrom"
       FROM observations WHERE series_id = $1 AND date >= CAST($2 AS DATE) AND date <= CAST($3 AS DATE)
      ORDER BY date, known_from DESC`,
    [seriesId, first, last],
  )) {
    latest.set(r.date, r);
  }
  const columns = ['series_id', 'date', 'value', 'known_from', 'source_unit', 'run_id'];
  let inserts: SqlValue[][] = [];
  const flush = async () => {
    await db.insertMany('observations', columns, inserts);
    inserts = [];
  };
  const seen = new Map<string, ObservationInput>();
  // Ordered rows: the first row of the current key.
  let run: ObservationInput | undefined;
  for (const r of rows) {
    let before: ObservationInput | undefined;
    if (ordered) {
      if (run && compareKeys(run, r) === 0) before = run;
      else run = r;
    } else {
      const key = `${r.date}|${r.knownFrom}`;
      before = seen.get(key);
      if (!before) seen.set(key, r);
    }
    if (before) {
      if (before.value === r.value) continue;
      throw new TidewatchError(
        'bad-input',
        `${opts.origin}: ${seriesId} ${r.date} is given twice with different values: ${before.value}${described(before)} and ${r.value}${described(r)}`,
        { hint: 'keep one row per date' },
      );
    }
    const prev = latest.get(r.date);
    if (!prev) {
      result.newRows++;
      inserts.push([seriesId, r.date, r.value, r.knownFrom, opts.sourceUnit, opts.runId ?? null]);
    } else {
      const scale = Math.max(Math.abs(prev.value), Math.abs(r.value), 1e-12);
      if (Math.abs(prev.value - r.value) / scale <= REVISION_TOLERANCE) {
        result.unchanged++;
        continue;
      }
      assertPlausibleRevision(opts.origin, seriesId, opts.rule, prev.value, {
        date: r.date,
        value: r.value,
        ...(whereOf(r) ? { where: whereOf(r)! } : {}),
      });
      // A vintage supplied by the provider (ALFRED) keeps its own date; a plain re-download
      // only tells us the value changed by the day we fetched it.
      const knownFrom = r.knownFrom > prev.knownFrom ? r.knownFrom : opts.revisionKnownFrom;
      if (knownFrom <= prev.knownFrom) {
        // Same vintage re-stated (e.g. re-imported on the day of the first import): replace it.
        await db.run('DELETE FROM observations WHERE series_id = $1 AND date = $2 AND known_from = $3', [
          seriesId,
          r.date,
          prev.knownFrom,
        ]);
        inserts.push([seriesId, r.date, r.value, prev.knownFrom, opts.sourceUnit, opts.runId ?? null]);
      } else {
        inserts.push([seriesId, r.date, r.value, knownFrom, opts.sourceUnit, opts.runId ?? null]);
      }
      result.revisedRows++;
    }
    if (inserts.length >= CHUNK) await flush();
  }
  await flush();
  if (db.dialect === 'duckdb' && result.newRows + result.revisedRows > 0)
    await assertOneRowPerVintage(db, seriesId, first, last);
  return result;
}

/**
 * The key the DuckDB table no longer enforces by an index (migration 12): no (series, date,
 * known_from) twice among the dates just written, checked in the write's transaction before
 * COMMIT, so a broken write is rolled back as a key violation was. PostgreSQL keeps its key.
 * The keys are read sorted, as two columns of day numbers, and a repeat is two equal neighbours:
 * a GROUP BY ... HAVING count(*) > 1 gave the same answer, but its hash table added ~10 MB to
 * the peak memory of a 25 MB DTS import (4 series of 8,530 days).
 */
export async function assertOneRowPerVintage(db: Db, seriesId: string, first: string, last: string) {
  const [dates = new Float64Array(), vintages = new Float64Array()] = await db.numericColumns(
    `SELECT CAST(date - DATE '1970-01-01' AS DOUBLE), CAST(known_from - DATE '1970-01-01' AS DOUBLE)
       FROM observations WHERE series_id = $1 AND date >= CAST($2 AS DATE) AND date <= CAST($3 AS DATE)
      ORDER BY 1, 2`,
    [seriesId, first, last],
  );
  const same = (i: number, j: number) => dates[i] === dates[j] && vintages[i] === vintages[j];
  let at = 1;
  while (at < dates.length && !same(at, at - 1)) at++;
  if (at >= dates.length) return;
  let times = 2;
  while (at + times - 1 < dates.length && same(at + times - 1, at)) times++;
  throw new TidewatchError(
    'store',
    `observations: ${seriesId} ${fromEpochDay(dates[at]!)} known from ${fromEpochDay(vintages[at]!)} is stored ${times} times (one row per series, date and vintage); nothing was written`,
  );
}
