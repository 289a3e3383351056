import { TidewatchError } from '../../core/errors.js';
import type { Db } from '../../store/db.js';

/**
 * The curated datasets in the store: one writer (the curated import's) and one read, both by
 * dataset. A dataset's rows are what its file held at the last import; a store where that import
 * never ran has no curated data and says so (`missing input: curated`) instead of reading files.
 */

export const CURATED_DATASETS = ['tokens', 'market-events', 'liquidations-daily', 'short-episodes'] as const;
export type CuratedDataset = (typeof CURATED_DATASETS)[number];

/** One row of a curated dataset as stored. */
export interface CuratedRow {
  /** Identifies the row within its dataset (a token figure: period|provider|product|metric). */
  key: string;
  line: number;
  /** The row's own date. */
  date: string;
  /** First day the row was public: the published day where the file has one, else the row date. */
  knownFrom: string;
  /** The parsed record, read back as is. */
  record: unknown;
}

export interface CuratedWrite {
  dataset: CuratedDataset;
  file: string;
  sha256: string;
  version: { version: number; updated: string } | null;
  rows: readonly CuratedRow[];
}

const ROW_COLUMNS = [
  'dataset',
  'row_key',
  'line',
  'date',
  'known_from',
  'record',
  'file',
  'sha256',
  'run_id',
];

/**
 * Store one dataset as read from its file (inside the caller's transaction): rows that are new or
 * changed are written with this run, unchanged rows keep the run that wrote them, rows no longer
 * in the file are removed. Two rows with one key are refused before anything is written.
 */
export async function writeCuratedRows(
  tx: Db,
  w: CuratedWrite,
  runId: number | null,
): Promise<{ newRows: number; revisedRows: number; unchanged: number; removed: number }> {
  const lineOf = new Map<string, number>();
  for (const r of w.rows) {
    const first = lineOf.get(r.key);
    if (first !== undefined)
      throw new TidewatchError(
        'bad-input',
        `${w.file}: line ${r.line}: repeats the row of line ${first} (${w.dataset} key '${r.key}')`,
      );
    lineOf.set(r.key, r.line);
  }
  const stored = await tx.all<{ row_key: string; known_from: string; record: string }>(
    'SELECT row_key, CAST(known_from AS VARCHAR) AS known_from, record FROM curated_rows WHERE dataset = $1',
    [w.dataset],
  );
  const old = new Map(stored.map((r) => [r.row_key, r]));
  const counts = { newRows: 0, revisedRows: 0, unchanged: 0, removed: 0 };
  const changed: CuratedRow[] = [];
  for (const r of w.rows) {
    const o = old.get(r.key);
    if (!o) counts.newRows++;
    else if (o.record !== JSON.stringify(r.record) || o.known_from !== r.knownFrom) counts.revisedRows++;
    else {
      counts.unchanged++;
      continue;
    }
    changed.push(r);
  }
  const gone = stored.filter((s) => !lineOf.has(s.row_key)).map((s) => s.row_key);
  counts.removed = gone.length;
  for (const key of [...gone, ...changed.map((r) => r.key)])
    await tx.run('DELETE FROM curated_rows WHERE dataset = $1 AND row_key = $2', [w.dataset, key]);
  // Unchanged rows keep their run; their line (order) follows the file as it is now.
  for (const r of w.rows)
    if (old.has(r.key) && !changed.includes(r))
      await tx.run(
        'UPDATE curated_rows SET line = $3, file = $4, sha256 = $5 WHERE dataset = $1 AND row_key = $2',
        [w.dataset, r.key, r.line, w.file, w.sha256],
      );
  await tx.insertMany(
    'curated_rows',
    ROW_COLUMNS,
    changed.map((r) => [
      w.dataset,
      r.key,
      r.line,
      r.date,
      r.knownFrom,
      JSON.stringify(r.record),
      w.file,
      w.sha256,
      runId,
    ]),
  );
  await tx.run('DELETE FROM curated_imports WHERE dataset = $1', [w.dataset]);
  await tx.run(
    `INSERT INTO curated_imports (dataset, file, sha256, rows_stored, version, updated, run_id, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP))`,
    [
      w.dataset,
      w.file,
      w.sha256,
      w.rows.length,
      w.version?.version ?? null,
      w.version?.updated ?? null,
      runId,
      new Date().toISOString().replace('T', ' ').slice(0, 19),
    ],
  );
  return counts;
}

/** What a store without the curated import answers to any curated read. */
export function missingCurated(dataset: CuratedDataset): TidewatchError {
  return new TidewatchError(
    'missing-input',
    `missing input: curated (run update): no ${dataset} rows are stored`,
    {
      hint: 'tidewatch update --source curated (or tidewatch import curated)',
    },
  );
}

async function assertImported(db: Db, dataset: CuratedDataset): Promise<void> {
  const r = await db.all<{ n: number }>('SELECT count(*) AS n FROM curated_imports WHERE dataset = $1', [
    dataset,
  ]);
  if (!Number(r[0]?.n ?? 0)) throw missingCurated(dataset);
}

/**
 * The stored records of a dataset, in file order. `knownBy`: only rows public by that day
 * (known_from ≤ day); `datedBy`: only rows whose own date is ≤ that day. Both cut in SQL.
 */
export async function readCurated<T>(
  db: Db,
  dataset: CuratedDataset,
  cut: { knownBy?: string | undefined; datedBy?: string | undefined } = {},
): Promise<T[]> {
  await assertImported(db, dataset);
  const params: string[] = [dataset];
  let where = 'dataset = $1';
  if (cut.knownBy) {
    params.push(cut.knownBy);
    where += ` AND known_from <= CAST($${params.length} AS DATE)`;
  }
  if (cut.datedBy) {
    params.push(cut.datedBy);
    where += ` AND date <= CAST($${params.length} AS DATE)`;
  }
  const rows = await db.all<{ record: string }>(
    `SELECT record FROM curated_rows WHERE ${where} ORDER BY line`,
    params,
  );
  return rows.map((r) => JSON.parse(r.record) as T);
}

/** The manifest version (and its day) of the last curated import. */
export async function curatedVersion(db: Db): Promise<{ version: number; updated: string }> {
  await assertImported(db, 'tokens');
  const r = await db.all<{ version: number; updated: string }>(
    "SELECT version, updated FROM curated_imports WHERE dataset = 'tokens'",
  );
  return { version: Number(r[0]!.version), updated: r[0]!.updated };
}
