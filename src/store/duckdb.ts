import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';
import { TidewatchError } from '../core/errors.js';
import { AsyncLock, SerialDb, type SqlValue } from './db.js';

const NUMERIC_AS_STRING = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

/** Types whose DuckDB value already is the plain JS value (doubles need a finiteness check). */
const PLAIN = new Set<DuckDBTypeId>([
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
]);

/**
 * Per column, how a DuckDB value becomes the row value: plain types as they are, doubles as
 * numbers (non-finite ones as text, as DuckDB's JSON conversion does), BIGINT/DECIMAL as
 * numbers, everything else (DATE, TIMESTAMP, LIST, …) through DuckDB's JSON converter. Chosen
 * once per column instead of per value: converting every value through the generic converter
 * was most of the time of reading a large result (price bars for the risk level).
 */
function columnConverter(type: DuckDBType): ((v: unknown) => unknown) | undefined {
  const id = type.typeId;
  if (PLAIN.has(id)) return undefined;
  if (id === DuckDBTypeId.DOUBLE || id === DuckDBTypeId.FLOAT)
    return (v) => (Number.isFinite(v) ? v : String(v));
  const json = (v: unknown) => JsonDuckDBValueConverter(v as never, type, JsonDuckDBValueConverter);
  if (NUMERIC_AS_STRING.has(id)) return (v) => Number(json(v));
  return json;
}

/**
 * One DuckDB instance per file per process (two instances attaching the same file conflict),
 * reference-counted so the file lock is released when the last user closes it.
 */
const INSTANCES = new Map<
  string,
  { instance: Promise<DuckDBInstance>; users: number; committed: { count: number }; writes: AsyncLock }
>();

/**
 * The instance for a file, and the count of writes committed to it by this process. A DuckDB
 * file is written by one process at a time, so that count is the file's data version for every
 * connection here, read without waiting for the connection's lock.
 */
async function acquire(
  file: string,
): Promise<{ instance: DuckDBInstance; committed: { count: number }; writes: AsyncLock }> {
  if (file === ':memory:')
    return {
      instance: await DuckDBInstance.create(':memory:'),
      committed: { count: 0 },
      writes: new AsyncLock(),
    };
  const key = path.resolve(file);
  let entry = INSTANCES.get(key);
  if (!entry) {
    entry = {
      instance: DuckDBInstance.create(key),
      users: 0,
      committed: { count: 0 },
      writes: new AsyncLock(),
    };
    INSTANCES.set(key, entry);
    entry.instance.catch(() => INSTANCES.delete(key));
  }
  entry.users++;
  return { instance: await entry.instance, committed: entry.committed, writes: entry.writes };
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
    const k =
      typeof v === 'number'
        ? 'double'
        : typeof v === 'bigint'
          ? 'bigint'
          : typeof v === 'boolean'
            ? 'boolean'
            : 'varchar';
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
    protected override readonly committed: { count: number },
    protected override readonly writes: AsyncLock,
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
      const { instance, committed, writes } = await acquire(file);
      const conn = await instance.connect();
      return new DuckDb(instance, conn, file, committed, writes);
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

  /**
   * Each chunk's column vectors copied straight into typed arrays: reading ~200k closes this way
   * costs a third of the row reader (no row objects, no JSON text to make and parse).
   */
  protected override async rawNumericColumns(sql: string, params: SqlValue[]): Promise<Float64Array[]> {
    const res = await this.conn.run(sql, params.length ? (params as never) : undefined);
    const parts: Float64Array[][] = Array.from({ length: res.columnCount }, () => []);
    let rows = 0;
    for (;;) {
      const chunk = await res.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      for (let c = 0; c < parts.length; c++) {
        const vec = chunk.getColumnVector(c);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const v = vec.getItem(i);
          out[i] = v === null ? Number.NaN : Number(v);
        }
        parts[c]!.push(out);
      }
      rows += n;
    }
    return parts.map((chunks) => {
      const out = new Float64Array(rows);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    });
  }

  protected async rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
    const names = reader.deduplicatedColumnNames();
    const convert = reader.columnTypes().map(columnConverter);
    const out: Record<string, unknown>[] = [];
    for (const values of reader.getRows()) {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const v = values[i];
        const c = convert[i];
        row[names[i]!] = v === null || v === undefined ? null : c ? c(v) : v;
      }
      out.push(row);
    }
    return out as T[];
  }

  protected override async rawColumns(sql: string, params: SqlValue[]): Promise<Record<string, unknown[]>> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
    const names = reader.deduplicatedColumnNames();
    const convert = reader.columnTypes().map(columnConverter);
    const columns = reader.getColumns();
    const out: Record<string, unknown[]> = {};
    for (let i = 0; i < names.length; i++) {
      const c = convert[i];
      const values = (columns[i] ?? []) as unknown[]; // no chunks when there are no rows
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        values[k] = v === null || v === undefined ? null : c ? c(v) : v;
      }
      out[names[i]!] = values;
    }
    return out;
  }

  protected async rawCopyFrom(table: string): Promise<number> {
    throw new TidewatchError(
      'config',
      `COPY into ${table} is a PostgreSQL bulk path; DuckDB reads files with read_csv`,
    );
  }

  protected async rawRun(sql: string, params: SqlValue[]): Promise<void> {
    await this.conn.run(sql, params.length ? (params as never) : undefined);
  }

  /**
   * Bulk insert through DuckDB's appender. When the columns are the table's own, in its order,
   * the appender writes into the table itself (it casts 'YYYY-MM-DD' text to DATE and so on as
   * an INSERT would). Otherwise it fills a staging table, then one INSERT … SELECT applies the
   * target's column types. Inside a large import's transaction the direct path matters: a temp
   * table created and dropped in an open transaction keeps its rows until COMMIT, so staging
   * every chunk held a second copy of all inserted rows (measured: half of DuckDB's memory at
   * the NY Fed import's commit). The appender runs on the same connection, so it joins the
   * caller's open transaction.
   */
  protected async rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    if (!rows.length) return;
    const kinds = columns.map((_, i) => columnKind(rows, i));
    const own = (await this.conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`)).columnNames();
    const direct = own.length === columns.length && own.every((c, i) => c === columns[i]);
    const stage = direct ? table : `_stage_${++stageCounter}`;
    const typeName = { double: 'DOUBLE', bigint: 'BIGINT', boolean: 'BOOLEAN', varchar: 'VARCHAR' } as const;
    if (!direct)
      await this.conn.run(
        `CREATE TEMP TABLE ${stage} (${columns.map((c, i) => `${c} ${typeName[kinds[i]!]}`).join(', ')})`,
      );
    try {
      // `temp.x` names the temp catalog (its schema is main); `s.x` a schema of the store.
      const [first, name] = stage.includes('.') ? stage.split('.', 2) : [null, stage];
      const app =
        first === 'temp'
          ? await this.conn.createAppender(name!, 'main', 'temp')
          : await this.conn.createAppender(name!, first);
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
      if (!direct)
        await this.conn.run(
          `INSERT INTO ${table} (${columns.join(',')}) SELECT ${columns.join(',')} FROM ${stage}`,
        );
    } catch (e) {
      // Inside a transaction the failed INSERT aborts it: the DROP then fails with "Current
      // transaction is aborted" and used to hide the real error. The temp table goes with the
      // ROLLBACK, so here the DROP is only attempted and the database's own error is reported.
      if (!direct) await this.conn.run(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
      throw new TidewatchError(
        'store',
        `insert of ${rows.length} row(s) into ${table} failed: ${(e as Error).message}`,
        { cause: e },
      );
    }
    if (!direct) await this.conn.run(`DROP TABLE IF EXISTS ${stage}`);
  }
}
