import type { Db } from './db.js';

/**
 * Whether a table exists in the store's current schema, asked of the catalog (both engines
 * answer information_schema). A failing query is an error, never "no table".
 */
export async function tableExists(db: Db, table: string): Promise<boolean> {
  const r = await db.all<{ n: number }>(
    'SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1 AND table_schema = current_schema()',
    [table],
  );
  return Number(r[0]?.n ?? 0) > 0;
}
