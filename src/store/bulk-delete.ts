import { compareByKey, type KeyedCounts } from './compare.js';
import type { Db, SqlValue } from './db.js';

let counter = 0;

/**
 * Delete the rows of `table` whose key columns equal one of `keys`, in one statement: the keys
 * are bulk-inserted into a temporary table (typed as `types`, e.g. ['VARCHAR', 'DATE']) and
 * joined. One DELETE per key made a 40,000-auction import take a minute; this is linear.
 * Runs inside the caller's transaction.
 */
export async function deleteByKeys(
  db: Db,
  table: string,
  columns: string[],
  types: string[],
  keys: SqlValue[][],
): Promise<void> {
  if (!keys.length) return;
  const tmp = `_keys_${++counter}_${process.pid}`;
  try {
    await db.run(`CREATE TEMP TABLE ${tmp} (${columns.map((c, i) => `${c} ${types[i]}`).join(', ')})`);
    await db.insertMany(tmp, columns, keys);
    await db.run(
      `DELETE FROM ${table} t USING ${tmp} k WHERE ${columns.map((c) => `t.${c} = k.${c}`).join(' AND ')}`,
    );
  } catch (e) {
    // After a failure inside a transaction the table goes with the ROLLBACK: the DROP is only tried.
    await db.run(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
    throw e;
  }
  await db.run(`DROP TABLE IF EXISTS ${tmp}`);
}

/**
 * Replace rows of `table` keyed by a text id and a date (the first two of `columns`), counted
 * against what was stored: a row's figures are its columns between the key and the last one
 * (where it came from), compared as JSON with stored dates read back as text.
 */
export async function replaceKeyedRows(
  db: Db,
  table: string,
  columns: string[],
  rows: SqlValue[][],
): Promise<KeyedCounts> {
  const figures = (r: readonly unknown[]) => JSON.stringify(r.slice(2, -1));
  const stored = await db.all<Record<string, unknown>>(
    `SELECT ${columns.map((c) => (/_date$/.test(c) ? `CAST(${c} AS VARCHAR) AS ${c}` : c)).join(', ')} FROM ${table}`,
  );
  const key = columns.slice(0, 2);
  const counts = compareByKey(
    new Map(stored.map((r) => [`${r[key[0]!]}|${r[key[1]!]}`, figures(columns.map((c) => r[c] ?? null))])),
    rows.map((r) => [`${r[0]}|${r[1]}`, figures(r)] as [string, string]),
    (a, b) => a === b,
  );
  await deleteByKeys(
    db,
    table,
    key,
    ['VARCHAR', 'DATE'],
    rows.map((r) => [r[0]!, r[1]!]),
  );
  await db.insertMany(table, columns, rows);
  return counts;
}
