import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { TidewatchError } from '../core/errors.js';
import { AsyncLock, type Db, type Row, type SqlValue } from './db.js';

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

/** DuckDB implementation of the Db boundary; one connection, serialised by a lock. */
export class DuckDb implements Db {
  readonly dialect = 'duckdb' as const;
  private readonly lock = new AsyncLock();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly file: string,
  ) {}

  /**
   * Open (or create) a database file. `:memory:` is allowed for tests. Instances are taken from
   * DuckDB's cache so two opens of one file in a process share it instead of conflicting.
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

  all<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.lock.run(() => this.rawAll<T>(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<void> {
    return this.lock.run(() => this.rawRun(sql, params));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn(this.txView());
        await this.conn.run('COMMIT');
        return out;
      } catch (e) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    return this.lock.run(() => this.rawInsertMany(table, columns, rows));
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      this.conn.closeSync();
      release(this.file, this.instance);
    });
  }

  /** A Db that runs directly on the connection: used inside a transaction (the lock is held). */
  private txView(): Db {
    const self = this;
    const view: Db = {
      dialect: 'duckdb',
      all: (sql, params = []) => self.rawAll(sql, params),
      run: (sql, params = []) => self.rawRun(sql, params),
      transaction: (fn) => fn(view),
      insertMany: (table, columns, rows) => self.rawInsertMany(table, columns, rows),
      close: async () => undefined,
    };
    return view;
  }

  private async rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]> {
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

  private async rawRun(sql: string, params: SqlValue[]): Promise<void> {
    await this.conn.run(sql, params.length ? (params as never) : undefined);
  }

  /**
   * Bulk insert through multi-row VALUES with parameters, in chunks. Portable SQL and still fast
   * (tens of thousands of rows per second); the appender would bypass type casts on dates.
   */
  private async rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    if (!rows.length) return;
    const width = columns.length;
    const chunk = Math.max(1, Math.floor(2000 / width));
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: SqlValue[] = [];
      const tuples = part.map((r) => {
        const ph = r.map((v) => {
          params.push(v);
          return `$${params.length}`;
        });
        return `(${ph.join(',')})`;
      });
      await this.conn.run(
        `INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`,
        params as never,
      );
    }
  }
}
