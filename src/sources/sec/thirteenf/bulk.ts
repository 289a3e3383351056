import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TidewatchError } from '../../../core/errors.js';
import type { Db } from '../../../store/db.js';
import { DuckDb } from '../../../store/duckdb.js';
import { Store } from '../../../store/store.js';
import {
  type BulkTable,
  buildPriceTable,
  DATA_SET_TABLES,
  evidenceSql,
  FILING_COLUMNS,
  filingsSelectSql,
  parseBulkMetadata,
  q,
  ROW_COLUMNS,
  readCsvSql,
  rowsSelectSql,
  unitTableSql,
} from './bulk-sql.js';
import { badNumberError, repeatedKeyError } from './data-set-lines.js';
import { DATA_SET_LIMITS, extractEntries, type ZipLimits } from './data-set-zip.js';
import { writeRowsByCusip } from './positions.js';

export { type BulkTable, parseBulkMetadata, readCsvSql } from './bulk-sql.js';

/**
 * SEC "Form 13F data sets": a quarterly zip of TSVs + FORM13F_metadata.json (a CSVW schema).
 *
 * The zip is streamed (data-set-zip.ts: only SUBMISSION, COVERPAGE, SUMMARYPAGE and INFOTABLE
 * are inflated, each under a size and ratio cap) into a temporary folder, and the TSVs go
 * straight into DuckDB with read_csv, typed from the metadata: no row passes through
 * JavaScript, so memory does not grow with the quarter.
 *
 * INFOTABLE is read twice: pass 1 reads the five columns the unit rule needs (projection
 * pushdown) and yields one row per accession with the unit evidence and a count of unstorable
 * numbers; pass 2 streams the file into sec_13f_rows joined to the small unit table. Checks come
 * before a byte is written (inf/NaN/empty VALUE or SSHPRNAMT) or inside the one transaction
 * before it commits (a repeated INFOTABLE_SK, counted with a bitmap over the stored keys): a
 * refused data set leaves the store as it was.
 *
 * PostgreSQL: the same DuckDB import runs into a scratch DuckDB file (prices and known
 * accessions copied in from PostgreSQL first), and its new rows are then loaded with COPY FROM
 * STDIN in one PostgreSQL transaction — one SQL for the checks and the unit rule on both stores.
 */
export interface BulkImportResult {
  filings: number;
  rows: number;
  skippedExisting: number;
  /** INFOTABLE rows whose accession is not in SUBMISSION (not imported). */
  orphanRows: number;
  /** Zip entries that were not read (names as stored in the zip). */
  ignoredEntries: string[];
}

export interface DataSetOptions {
  /** FORM13F_metadata.json to use instead of the one inside the zip. */
  metadataFile?: string;
  limits?: ZipLimits;
  now?: Date;
  /** Told how long each phase took (for benchmarks and progress): extract, check, write, copy. */
  onPhase?: (phase: Phase, ms: number) => void;
}

/**
 * extract: the zip's four TSVs to disk; write: INFOTABLE into sec_13f_rows; check: the small
 * tables, the unit evidence, repeated keys and unit corrections; positions: the copy by CUSIP;
 * copy: COPY FROM STDIN into PostgreSQL.
 */
export type Phase = 'extract' | 'check' | 'write' | 'positions' | 'copy';

async function timed<T>(
  o: { onPhase?: DataSetOptions['onPhase'] | undefined },
  phase: Phase,
  fn: () => Promise<T>,
) {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    o.onPhase?.(phase, performance.now() - t0);
  }
}

const META = 'FORM13F_metadata.json';
const MAX_META_BYTES = 1024 ** 2;

/** Import one data-set zip, streamed from disk. */
export async function importDataSetZip(
  db: Db,
  zipFile: string,
  opts: DataSetOptions = {},
): Promise<BulkImportResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidewatch-13f-'));
  try {
    const wanted: string[] = DATA_SET_TABLES.map((t) => `${t}.tsv`);
    if (!opts.metadataFile) wanted.push(META);
    const { files, ignored } = await timed(opts, 'extract', () =>
      extractEntries(zipFile, wanted, dir, opts.limits ?? DATA_SET_LIMITS),
    );
    const metaFile = opts.metadataFile ?? files.get(META);
    if (!metaFile)
      throw new TidewatchError('bad-input', `${zipFile}: no FORM13F_metadata.json inside`, {
        hint: 'pass --metadata FILE (e.g. ../shared/data/sec/bulk13f/FORM13F_metadata.json)',
      });
    if (statSync(metaFile).size > MAX_META_BYTES)
      throw new TidewatchError(
        'bad-input',
        `${metaFile}: over ${MAX_META_BYTES} bytes; not a data-set metadata file`,
      );
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(metaFile, 'utf8'));
    } catch (e) {
      throw new TidewatchError(
        'bad-input',
        `${opts.metadataFile ?? `${zipFile}: FORM13F_metadata.json`}: ${(e as Error).message}`,
      );
    }
    const meta = parseBulkMetadata(json, opts.metadataFile ?? zipFile);
    const paths = {} as Record<(typeof DATA_SET_TABLES)[number], string>;
    for (const t of DATA_SET_TABLES) {
      const f = files.get(`${t}.tsv`);
      if (!f) throw new TidewatchError('bad-input', `${zipFile}: zip has no ${meta.get(t)!.file}`);
      paths[t] = f;
    }
    const r = await importDataSetFiles(db, paths, meta, {
      where: zipFile,
      now: opts.now,
      scratchDir: dir,
      onPhase: opts.onPhase,
    });
    return { ...r, ignoredEntries: ignored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Import an extracted data-set folder (TSVs named as in the metadata). */
export async function importBulkFolder(
  db: Db,
  dir: string,
  meta: Map<string, BulkTable>,
  now = new Date(),
): Promise<BulkImportResult> {
  const paths = Object.fromEntries(
    DATA_SET_TABLES.map((t) => [t, path.join(dir, meta.get(t)!.file)]),
  ) as Record<(typeof DATA_SET_TABLES)[number], string>;
  return importDataSetFiles(db, paths, meta, { where: dir, now, scratchDir: dir });
}

type Paths = Record<(typeof DATA_SET_TABLES)[number], string>;
interface RunOptions {
  where: string;
  now?: Date | undefined;
  /** Where a PostgreSQL import keeps its scratch DuckDB file and CSVs. */
  scratchDir: string;
  onPhase?: DataSetOptions['onPhase'] | undefined;
}

async function importDataSetFiles(db: Db, paths: Paths, meta: Map<string, BulkTable>, o: RunOptions) {
  const r =
    db.dialect === 'duckdb'
      ? await importIntoDuckDb(db, paths, meta, o)
      : await importIntoPostgres(db, paths, meta, o);
  return { ...r, ignoredEntries: [] as string[] };
}

/**
 * DuckDB's buffer pool may grow to 80 % of RAM by default; a quarter imports in ~0.7 GiB of
 * resident memory with the pool capped here (measured: 3M rows, bench/thirteenf-scale.bench.ts),
 * spilling to its temporary directory beyond. The store's own limit is restored afterwards.
 */
const IMPORT_MEMORY_LIMIT = '512MB';

const TEMP_TABLES = ['b13_sub', 'b13_cover', 'b13_summary', 'b13_skip', 'b13_pass1', 'b13_unit', 'b13_px'];

/**
 * read_csv errors (a value that does not convert, a short line) name the line, its text and the
 * column already; the rest of DuckDB's message (sniffer settings, the temporary path) is cut.
 */
async function reading<T>(where: string, file: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TidewatchError) throw e;
    const lines = (e as Error).message.split('\n');
    const end = lines.findIndex(
      (l, i) => i > 0 && /^(Column \S+ is being converted|This type|\* | {2}file = )/.test(l),
    );
    const msg = lines.slice(0, end > 0 ? end : 3).join('; ');
    throw new TidewatchError('bad-input', `${where}: ${path.basename(file)}: ${msg}`, { cause: e });
  }
}

async function importIntoDuckDb(
  db: Db,
  paths: Paths,
  meta: Map<string, BulkTable>,
  o: RunOptions & { known?: string },
): Promise<Omit<BulkImportResult, 'ignoredEntries'>> {
  const src = (t: (typeof DATA_SET_TABLES)[number]) => readCsvSql(paths[t], meta.get(t)!);
  const ts = (o.now ?? new Date()).toISOString().replace('T', ' ').slice(0, 19);
  const limit = await db.all<{ v: string }>("SELECT current_setting('memory_limit') AS v");
  await db.run(`SET memory_limit = '${IMPORT_MEMORY_LIMIT}'`);
  try {
    const checked = performance.now();
    for (const [t, name] of [
      ['b13_sub', 'SUBMISSION'],
      ['b13_cover', 'COVERPAGE'],
      ['b13_summary', 'SUMMARYPAGE'],
    ] as const)
      await reading(o.where, paths[name], () =>
        db.run(`CREATE OR REPLACE TEMP TABLE ${t} AS SELECT * FROM ${src(name)}`),
      );
    await db.run(`CREATE OR REPLACE TEMP TABLE b13_skip AS SELECT ACCESSION_NUMBER AS acc FROM b13_sub
      WHERE ACCESSION_NUMBER IN (SELECT accession FROM sec_13f_filings${o.known ? ` UNION ALL SELECT acc FROM ${o.known}` : ''})`);
    await db.run('DELETE FROM temp.b13_sub WHERE ACCESSION_NUMBER IN (SELECT acc FROM b13_skip)');
    const priced = await buildPriceTable(db);
    // Pass 1 (five columns converted): the unit of every filing is decided before a row is
    // stored. Storing first in a guessed unit and correcting with an UPDATE was tried: the
    // UPDATE makes DuckDB log the whole transaction's rows to the WAL (359 MiB for 3M rows).
    await reading(o.where, paths.INFOTABLE, () =>
      db.run(`CREATE OR REPLACE TEMP TABLE b13_pass1 AS ${evidenceSql(src('INFOTABLE'), priced)}`),
    );
    const bad = await db.all<{ n: number }>('SELECT coalesce(SUM(bad), 0) AS n FROM b13_pass1');
    if (bad[0]!.n > 0) throw await badNumberError(paths.INFOTABLE, o.where, bad[0]!.n);
    await db.run(unitTableSql());
    const stats = await db.all<{ skipped: number; orphans: number }>(`SELECT
      (SELECT COUNT(*) FROM b13_skip) AS skipped,
      (SELECT coalesce(SUM(rows_n), 0) FROM b13_pass1 WHERE acc NOT IN (SELECT acc FROM b13_unit)
         AND acc NOT IN (SELECT acc FROM b13_skip)) AS orphans`);
    o.onPhase?.('check', performance.now() - checked);
    return await db.transaction(async (tx) => {
      // The rows this import appends are the ones after the current last rowid: the key check
      // and the copy by CUSIP read them by rowid range (DuckDB prunes it) instead of by accession.
      const last = await tx.all<{ r: number }>('SELECT coalesce(max(rowid), -1) AS r FROM sec_13f_rows');
      const mine = `(SELECT * FROM sec_13f_rows WHERE rowid > ${last[0]!.r})`;
      await timed(o, 'write', async () => {
        await tx.run(`INSERT INTO sec_13f_filings (${FILING_COLUMNS.join(', ')}) ${filingsSelectSql(ts)}`);
        await reading(o.where, paths.INFOTABLE, () =>
          tx.run(`INSERT INTO sec_13f_rows (${ROW_COLUMNS.join(', ')}) ${rowsSelectSql(src('INFOTABLE'))}`),
        );
      });
      const repeated = await timed(o, 'check', () => repeatedLines(tx, mine));
      if (repeated.length) throw await repeatedKeyError(paths.INFOTABLE, o.where, repeated);
      await timed(o, 'positions', () =>
        writeRowsByCusip(
          tx,
          mine,
          '(SELECT acc AS accession, period FROM b13_unit)',
          'SELECT acc FROM b13_unit',
        ),
      );
      const r = await tx.all<{ f: number; n: number }>(
        'SELECT COUNT(*) AS f, coalesce(SUM(rows_n), 0) AS n FROM b13_unit',
      );
      return {
        filings: r[0]?.f ?? 0,
        rows: r[0]?.n ?? 0,
        skippedExisting: stats[0]!.skipped,
        orphanRows: stats[0]!.orphans,
      };
    });
  } finally {
    // temp.<name>: scratch, so neither a refused nor a finished import bumps the store version for it (store/db.ts).
    for (const t of TEMP_TABLES) await db.run(`DROP TABLE IF EXISTS temp.${t}`).catch(() => undefined);
    if (limit[0]?.v) await db.run(`SET memory_limit = ${q(limit[0].v)}`).catch(() => undefined);
  }
}

/**
 * INFOTABLE_SK values stored more than once among `rows` (the `line` column), up to three.
 * Counted first with a bitmap over the keys' span (bitstring_agg: one bit a key, ~0.2 s of CPU
 * for 3M rows where a GROUP BY took ~1 s); the GROUP BY runs only to name the keys when the
 * counts differ, or when the span is too wide for a bitmap.
 */
async function repeatedLines(tx: Db, rows: string): Promise<number[]> {
  const s = await tx.all<{ lo: number | null; hi: number | null; n: number }>(
    `SELECT min(line) AS lo, max(line) AS hi, COUNT(*) AS n FROM ${rows} r`,
  );
  const { lo, hi, n } = s[0]!;
  if (lo === null || hi === null) return [];
  if (hi - lo < 64 * n + 4096) {
    const d = await tx.all<{ d: number }>(
      `SELECT bit_count(bitstring_agg(line, ${lo}, ${hi})) AS d FROM ${rows} r`,
    );
    if (Number(d[0]!.d) === n) return [];
  }
  const keys = await tx.all<{ line: number }>(
    `SELECT line FROM ${rows} r GROUP BY line HAVING COUNT(*) > 1 ORDER BY line LIMIT 3`,
  );
  return keys.map((k) => k.line);
}

const STORE_TABLES: Array<[string, string[]]> = [
  ['sec_13f_filings', FILING_COLUMNS],
  ['sec_13f_rows', ROW_COLUMNS],
  [
    'sec_13f_rows_by_cusip',
    ['cusip', 'period', 'accession', 'put_call', 'share_type', 'shares', 'value_usd'],
  ],
  ['sec_13f_rows_by_cusip_state', ['accession', 'imported_at', 'row_count']],
];

/**
 * PostgreSQL: the DuckDB import into a scratch DuckDB file holding what the checks and the unit
 * rule need from PostgreSQL (the accessions already stored, mapped CUSIPs with their prices near
 * the report dates), then COPY of the scratch's new rows, all in one PostgreSQL transaction.
 */
async function importIntoPostgres(
  pg: Db,
  paths: Paths,
  meta: Map<string, BulkTable>,
  o: RunOptions,
): Promise<Omit<BulkImportResult, 'ignoredEntries'>> {
  const file = path.join(o.scratchDir, `scratch-${process.pid}.duckdb`);
  const scratch = new Store(await DuckDb.open(file));
  try {
    await scratch.migrate();
    const sdb = scratch.db;
    const accs = await reading(o.where, paths.SUBMISSION, () =>
      sdb.all<{ a: string; p: string }>(
        `SELECT ACCESSION_NUMBER AS a, CAST(strptime(PERIODOFREPORT, '%d-%b-%Y') AS DATE)::VARCHAR AS p FROM ${readCsvSql(paths.SUBMISSION, meta.get('SUBMISSION')!)}`,
      ),
    );
    await sdb.run('CREATE TEMP TABLE b13_known (acc VARCHAR)');
    for (let i = 0; i < accs.length; i += 1000) {
      const list = accs.slice(i, i + 1000).map((x) => q(x.a));
      if (!list.length) break;
      const known = await pg.all<{ accession: string }>(
        `SELECT accession FROM sec_13f_filings WHERE accession IN (${list.join(',')})`,
      );
      if (known.length)
        await sdb.insertMany(
          'b13_known',
          ['acc'],
          known.map((k) => [k.accession]),
        );
    }
    await copyPriceInputs(pg, sdb, [...new Set(accs.map((x) => x.p))]);
    const r = await importIntoDuckDb(sdb, paths, meta, { ...o, known: 'b13_known' });
    if (r.filings === 0) return r;
    const csv = (t: string) => path.join(o.scratchDir, `${t}.csv`);
    for (const [t, cols] of STORE_TABLES)
      await sdb.run(`COPY (SELECT ${cols.join(', ')} FROM ${t}) TO ${q(csv(t))} (FORMAT csv, HEADER false)`);
    await timed(o, 'copy', () =>
      pg.transaction(async (tx) => {
        for (const [t, cols] of STORE_TABLES) await tx.copyFrom(t, cols, createReadStream(csv(t)));
      }),
    );
    return r;
  } finally {
    await scratch.close();
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
  }
}

/** The price-check inputs for the report dates at hand, from PostgreSQL into the scratch store. */
async function copyPriceInputs(pg: Db, sdb: Db, periods: string[]): Promise<void> {
  const map = await pg.all<Record<string, string | null>>(
    'SELECT cusip, ticker, name, source, CAST(updated_at AS VARCHAR) AS updated_at FROM sec_cusip_map',
  );
  if (!map.length || !periods.length) return;
  await sdb.insertMany(
    'sec_cusip_map',
    ['cusip', 'ticker', 'name', 'source', 'updated_at'],
    map.map((m) => [m.cusip!, m.ticker!, m.name ?? null, m.source!, m.updated_at!]),
  );
  const dates = periods.map((p) => `(b.date <= DATE ${q(p)} AND b.date >= DATE ${q(p)} - 7)`).join(' OR ');
  const bars = await pg.all<Record<string, string | number | null>>(
    `SELECT b.symbol, CAST(b.date AS VARCHAR) AS date, b.source, b.low, b.high, b.close, b.adj_close, b.close_basis
     FROM price_bars b WHERE b.symbol IN (SELECT ticker FROM sec_cusip_map) AND (${dates})`,
  );
  const cols = ['symbol', 'date', 'source', 'low', 'high', 'close', 'adj_close', 'close_basis'];
  if (bars.length)
    await sdb.insertMany(
      'price_bars',
      cols,
      bars.map((b) => cols.map((c) => b[c] ?? null)),
    );
  const splits = await pg.all<Record<string, string | number | null>>(
    `SELECT symbol, CAST(date AS VARCHAR) AS date, kind, value, source FROM corporate_actions
     WHERE kind = 'split' AND symbol IN (SELECT ticker FROM sec_cusip_map)`,
  );
  const acols = ['symbol', 'date', 'kind', 'value', 'source'];
  if (splits.length)
    await sdb.insertMany(
      'corporate_actions',
      acols,
      splits.map((s) => acols.map((c) => s[c] ?? null)),
    );
}
