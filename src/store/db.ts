import type { Readable } from 'node:stream';

/**
 * The thin SQL boundary every store implementation provides. Parameters are positional
 * `$1, $2, …` (valid in DuckDB and PostgreSQL). Rows come back as plain objects with numbers
 * as `number` (BIGINT/DECIMAL converted at this boundary, never left as strings), dates as
 * 'YYYY-MM-DD' strings and timestamps as ISO-like strings.
 */
export type SqlValue = string | number | boolean | null | bigint;
export type Row = Record<string, unknown>;

export interface Db {
  readonly dialect: 'duckdb' | 'postgres';
  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  run(sql: string, params?: SqlValue[]): Promise<void>;
  /** Run `fn` in one transaction: everything or nothing. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Bulk append rows (fast path); column order as given. Runs inside the caller's transaction if any. */
  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void>;
  /**
   * Bulk load CSV bytes (no header; '' unquoted = NULL) into `table` with PostgreSQL's
   * `COPY … FROM STDIN`; returns the rows copied. Joins the caller's transaction. PostgreSQL
   * only: DuckDB loads files with read_csv instead, and throws here.
   */
  copyFrom(table: string, columns: string[], csv: Readable): Promise<number>;
  close(): Promise<void>;
}

/** Serialises async work: a transaction holds the lock for its whole body. */
export class AsyncLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * The part every engine shares: one connection, calls serialised by a lock, a transaction that
 * holds the lock for its whole body and hands `fn` a view running straight on the connection
 * (nested transactions join the outer one). Engines supply the raw operations.
 */
export abstract class SerialDb implements Db {
  abstract readonly dialect: 'duckdb' | 'postgres';
  private readonly lock = new AsyncLock();

  protected abstract rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]>;
  protected abstract rawRun(sql: string, params: SqlValue[]): Promise<void>;
  protected abstract rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void>;
  protected abstract rawClose(): Promise<void>;
  protected abstract rawCopyFrom(table: string, columns: string[], csv: Readable): Promise<number>;

  all<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.lock.run(() => this.rawAll<T>(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<void> {
    return this.lock.run(() => this.rawRun(sql, params));
  }

  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    return this.lock.run(() => this.rawInsertMany(table, columns, rows));
  }

  copyFrom(table: string, columns: string[], csv: Readable): Promise<number> {
    return this.lock.run(() => this.rawCopyFrom(table, columns, csv));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.rawRun('BEGIN TRANSACTION', []);
      try {
        const out = await fn(this.txView());
        await this.rawRun('COMMIT', []);
        return out;
      } catch (e) {
        await this.rawRun('ROLLBACK', []).catch(() => undefined);
        throw e;
      }
    });
  }

  close(): Promise<void> {
    return this.lock.run(() => this.rawClose());
  }

  private txView(): Db {
    const view: Db = {
      dialect: this.dialect,
      all: (sql, params = []) => this.rawAll(sql, params),
      run: (sql, params = []) => this.rawRun(sql, params),
      transaction: (fn) => fn(view),
      insertMany: (table, columns, rows) => this.rawInsertMany(table, columns, rows),
      copyFrom: (table, columns, csv) => this.rawCopyFrom(table, columns, csv),
      close: async () => undefined,
    };
    return view;
  }
}
