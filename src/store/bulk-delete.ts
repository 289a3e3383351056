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
