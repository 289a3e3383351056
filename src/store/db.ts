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
