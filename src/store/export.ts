import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertIsoDate } from '../core/dates.js';
import { TidewatchError } from '../core/errors.js';
import type { Db, SqlValue } from './db.js';
import { DuckDb } from './duckdb.js';
import { KNOWN_BY, storeTables } from './known-by.js';

/**
 * Export a stored table or one series to CSV or Parquet, optionally as the store stood on a day
 * (the known-by rule of src/store/known-by.ts). DuckDB writes the file itself (COPY); rows from
 * PostgreSQL pass through an in-memory DuckDB so both stores export the same way.
 */
export type ExportFormat = 'csv' | 'parquet';

export interface ExportRequest {
  /** A table name (`observations`, `sec_13f_rows`, …) or a series id (`WALCL`, `DTS:TGA_CLOSE`). */
  what: string;
  format: ExportFormat;
  out: string;
  asOf?: string;
  /** Series only: every vintage instead of the latest per date. */
  vintages?: boolean;
}

export interface ExportResult {
  what: string;
  kind: 'table' | 'series';
  rows: number;
  out: string;
  bytes: number;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The SELECT for a request, with every literal checked (table names come from the catalog). */
async function selectFor(db: Db, r: ExportRequest): Promise<{ sql: string; kind: 'table' | 'series' }> {
  const asOf = r.asOf ? assertIsoDate(r.asOf, '--as-of') : undefined;
  const tables = await storeTables(db);
  if (tables.includes(r.what)) {
    const rule = KNOWN_BY[r.what];
    const where =
      asOf && rule?.kind === 'dated'
        ? `WHERE ${rule.predicate.replaceAll('$1', `CAST(${quote(asOf)} AS DATE)`)}`
        : '';
    return { sql: `SELECT * FROM ${r.what} ${where}`, kind: 'table' };
  }
  const id = r.what.toUpperCase();
  if (!/^[A-Z0-9_:.^=-]+$/.test(id))
    throw new TidewatchError('bad-input', `'${r.what}' is neither a table nor a series id`);
  const exists = await db.all('SELECT 1 AS x FROM series WHERE id = $1', [id]);
  if (!exists.length) {
    throw new TidewatchError('not-found', `'${r.what}' is neither a stored table nor a stored series`, {
      hint: `tables: ${tables.join(', ')}; series: \`tidewatch series list\``,
    });
  }
  const known = asOf ? `AND known_from <= CAST(${quote(asOf)} AS DATE)` : '';
  const cols = 'CAST(date AS VARCHAR) AS date, value, CAST(known_from AS VARCHAR) AS known_from, source_unit';
  const sql = r.vintages
    ? `SELECT ${cols} FROM observations WHERE series_id = ${quote(id)} ${known} ORDER BY date, known_from`
    : `SELECT DISTINCT ON (date) ${cols} FROM observations WHERE series_id = ${quote(id)} ${known} ORDER BY date, known_from DESC`;
  return { sql, kind: 'series' };
}

function copyOptions(format: ExportFormat): string {
  return format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
}

export async function exportData(db: Db, r: ExportRequest): Promise<ExportResult> {
  const { sql, kind } = await selectFor(db, r);
  const out = path.resolve(r.out);
  writeFileSync(out, ''); // fail early (and clearly) when the folder is missing or not writable
  try {
    const rows = await copyTo(db, sql, out, r.format);
    return { what: r.what, kind, rows, out, bytes: statSync(out).size };
  } catch (e) {
    rmSync(out, { force: true });
    throw e;
  }
}

async function copyTo(db: Db, sql: string, out: string, format: ExportFormat): Promise<number> {
  let rows: number;
  if (db.dialect === 'duckdb') {
    rows = Number((await db.all<{ n: number }>(`SELECT count(*) AS n FROM (${sql}) t`))[0]?.n ?? 0);
    await db.run(`COPY (${sql}) TO ${quote(out)} ${copyOptions(format)}`);
  } else {
    const data = await db.all<Record<string, SqlValue>>(sql);
    rows = data.length;
    const mem = await DuckDb.open(':memory:');
    try {
      const columns = data.length ? Object.keys(data[0]!) : ['empty'];
      // Column types from the values (numbers stay numbers), so both stores write the same file.
      const type = (c: string) => {
        const v = data.find((d) => d[c] !== null && d[c] !== undefined)?.[c];
        return typeof v === 'number'
          ? 'DOUBLE'
          : typeof v === 'bigint'
            ? 'BIGINT'
            : typeof v === 'boolean'
              ? 'BOOLEAN'
              : 'VARCHAR';
      };
      await mem.run(`CREATE TABLE x (${columns.map((c) => `"${c}" ${type(c)}`).join(', ')})`);
      await mem.insertMany(
        'x',
        columns.map((c) => `"${c}"`),
        data.map((d) => columns.map((c) => d[c] ?? null)),
      );
      await mem.run(`COPY x TO ${quote(out)} ${copyOptions(format)}`);
    } finally {
      await mem.close();
    }
  }
  return rows;
}
