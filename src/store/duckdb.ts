import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { TidewatchError } from '../core/errors.js';
import { SerialDb, type SqlValue } from './db.js';

const NUMERIC_AS_STRING = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

/**
 * One DuckDB instance per file per process (two instances attaching the same file conflict),
 * reference-counted so the file lock is released when the last user closes it.
 */
const INSTANCES = new Map<string, { instance: Promise<DuckDBInstance>; users: number }>();

async function acquire(file: string): Promise<DuckDBInstance> {
  if (file === ':memory:') return DuckDBInstance.create(':memory:');
  const key = path.resolve(file);
  let entry = INSTANCES.get(key);
  if (!entry) {
    entry = { instance: DuckDBInstance.create(key), users: 0 };
    INSTANCES.set(key, entry);
    entry.instance.catch(() => INSTANCES.delete(key));
  }
  entry.users++;
  return entry.instance;
}

function release(file: string, instance: DuckDBInstance): void {
  if (file === ':memory:') {
    instance.closeSync();
    return;
  }
  const key = path.resolve(file);
  const entry = INSTANCES.get(key);
  if (!entry) return;
  if (--entry.users <= 0) {
    INSTANCES.delete(key);
    instance.closeSync();
  }
}

let stageCounter = 0;

/** Staging column type from the JS values of one column (strings fall back to VARCHAR). */
function columnKind(rows: SqlValue[][], i: number): 'double' | 'bigint' | 'boolean' | 'varchar' {
  let kind: 'double' | 'bigint' | 'boolean' | 'varchar' | undefined;
  for (const r of rows) {
    const v = r[i];
    if (v === null || v === undefined) continue;
    const k = typeof v === 'number' ? 'double' : typeof v === 'bigint' ? 'bigint' : typeof v === 'boolean' ? 'boolean' : 'varchar';
    if (kind && kind !== k) return 'varchar';
    kind = k;
  }
  return kind ?? 'varchar';
}

/** DuckDB implementation of the Db boundary; one connection, serialised by a lock. */
export class DuckDb extends SerialDb {
  readonly dialect = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly file: string,
  ) {
    super();
  }

  /**
   * Open (or create) a database file. `:memory:` is allowed for tests. Two opens of one file in
   * a process share one instance (see `acquire`) instead of conflicting.
   */
  static async open(file: string): Promise<DuckDb> {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      const instance = await acquire(file);
      const conn = await instance.connect();
      return new DuckDb(instance, conn, file);
    } catch (e) {
      throw new TidewatchError('config', `cannot open DuckDB database ${file}: ${(e as Error).message}`, {
        cause: e,
        hint: 'another process may hold the file open (a running `tidewatch serve`?); use --db to pick another file',
      });
    }
  }

  protected async rawClose(): Promise<void> {
    this.conn.closeSync();
    release(this.file, this.instance);
  }

  protected async rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
    const types = reader.columnTypes();
    const names = reader.columnNames();
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    const numericCols = names.filter((_, i) => {
      const t = types[i];
      return t !== undefined && NUMERIC_AS_STRING.has(t.typeId);
    });
    if (numericCols.length) {
      for (const row of rows) {
        for (const c of numericCols) {
          const v = row[c];
          if (typeof v === 'string') row[c] = Number(v);
        }
      }
    }
    return rows as T[];
  }

  protected async rawCopyFrom(table: string): Promise<number> {
    throw new TidewatchError('config', `COPY into ${table} is a PostgreSQL bulk path; DuckDB reads files with read_csv`);
  }

  protected async rawRun(sql: string, params: SqlValue[]): Promise<void> {
    await this.conn.run(sql, params.length ? (params as never) : undefined);
  }

  /**
   * Bulk insert through DuckDB's appender into a staging table, then one INSERT … SELECT, so
   * the target's column types (DATE from 'YYYY-MM-DD' text, …) are applied by DuckDB's casts.
   * The appender runs on the same connection, so it joins the caller's open transaction.
   */
  protected async rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    if (!rows.length) return;
    const kinds = columns.map((_, i) => columnKind(rows, i));
    const stage = `_stage_${++stageCounter}`;
    const typeName = { double: 'DOUBLE', bigint: 'BIGINT', boolean: 'BOOLEAN', varchar: 'VARCHAR' } as const;
    await this.conn.run(`CREATE TEMP TABLE ${stage} (${columns.map((c, i) => `${c} ${typeName[kinds[i]!]}`).join(', ')})`);
    try {
      const app = await this.conn.createAppender(stage);
      for (const row of rows) {
        for (let i = 0; i < columns.length; i++) {
          const v = row[i];
          if (v === null || v === undefined) app.appendNull();
          else if (kinds[i] === 'double') app.appendDouble(v as number);
          else if (kinds[i] === 'bigint') app.appendBigInt(BigInt(v as bigint));
          else if (kinds[i] === 'boolean') app.appendBoolean(v as boolean);
          else app.appendVarchar(String(v));
        }
        app.endRow();
      }
      app.flushSync();
      app.closeSync();
      await this.conn.run(`INSERT INTO ${table} (${columns.join(',')}) SELECT ${columns.join(',')} FROM ${stage}`);
    } finally {
      await this.conn.run(`DROP TABLE IF EXISTS ${stage}`);
    }
  }
}
