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
  /**
   * True for the view `transaction` hands its body, false for a store's own handle. What keeps
   * a cache keyed by `dataVersion()` asks this: inside a transaction the version does not move
   * with the transaction's own uncommitted writes, so nothing read there may be kept.
   */
  readonly inTransaction: boolean;
  /**
   * True once the store_version table exists (set by Store.migrate): from then on every
   * committed write also bumps it, in the same transaction as the data. A transaction's view
   * reads and sets its connection's flag.
   */
  versionTable: boolean;
  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /**
   * The result as one array per column (values converted as `all` does), for results of many
   * rows: no JS object per row (DuckDB reads its column chunks straight into the arrays). A
   * result without rows may have no columns at all.
   */
  columns(sql: string, params?: SqlValue[]): Promise<Record<string, unknown[]>>;
  run(sql: string, params?: SqlValue[]): Promise<void>;
  /** Run `fn` in one transaction: everything or nothing. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Bulk append rows (fast path); column order as given. Runs inside the caller's transaction if any. */
  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void>;
  /**
   * A query whose every column is numeric, read as one Float64Array per column (NULL → NaN): bulk
   * series reads (every adjusted close of the duration ranking) without an object per row.
   */
  numericColumns(sql: string, params?: SqlValue[]): Promise<Float64Array[]>;
  /**
   * The store's data version: a number that changes after every committed write, so readers can
   * key caches by it (see `store_version`). Reading it never waits for a running transaction on
   * DuckDB; on PostgreSQL it reads the table, so writes by other processes count too.
   */
  dataVersion(): Promise<number>;
  /**
   * Bulk load CSV bytes (no header; '' unquoted = NULL) into `table` with PostgreSQL's
   * `COPY … FROM STDIN`; returns the rows copied. Joins the caller's transaction. PostgreSQL
   * only: DuckDB loads files with read_csv instead, and throws here.
   */
  copyFrom(table: string, columns: string[], csv: Readable): Promise<number>;
  close(): Promise<void>;
}

/**
 * What a reader keeps per store handle for one data version (Db.dataVersion): the kept value
 * while no write has committed since, a fresh one from `make` after. Inside a transaction it is
 * null, nothing kept: the version does not move with the transaction's uncommitted writes.
 */
export class KeptPerVersion<T> {
  private readonly kept = new WeakMap<Db, { version: number; value: T }>();
  constructor(private readonly make: () => T) {}

  async of(db: Db): Promise<T | null> {
    if (db.inTransaction) return null;
    const version = await db.dataVersion();
    let k = this.kept.get(db);
    if (!k || k.version !== version) {
      k = { version, value: this.make() };
      this.kept.set(db, k);
    }
    return k.value;
  }
}

/**
 * Statements that change stored data. A top-level one runs in a transaction with the version
 * bump; SELECTs, SET, SHOW, PRAGMA and the like do not change the version.
 */
const WRITE_STATEMENT = /^\s*(INSERT|UPDATE|DELETE|MERGE|UPSERT|COPY|CREATE|DROP|ALTER|TRUNCATE|REPLACE)\b/i;

/**
 * Statements on the connection's temporary tables (CREATE TEMP …, or a target written
 * temp.<table> in DuckDB, pg_temp.<table> in PostgreSQL): scratch space, not stored data. They
 * need no transaction of their own and do not change the store's version, so an import refused
 * after its scratch work leaves the store exactly as it was.
 */
const SCRATCH_STATEMENT =
  /^\s*(CREATE\s+(OR\s+REPLACE\s+)?TEMP(ORARY)?\s|(DROP\s+TABLE\s+(IF\s+EXISTS\s+)?|DELETE\s+FROM\s+|INSERT\s+INTO\s+|UPDATE\s+)(pg_)?temp\.)/i;

/** A table of the connection's scratch space (temp.x / pg_temp.x): see SCRATCH_STATEMENT. */
const isScratchTable = (table: string) => /^(pg_)?temp\./i.test(table);

export function isWriteStatement(sql: string): boolean {
  return WRITE_STATEMENT.test(sql) && !SCRATCH_STATEMENT.test(sql);
}

/** The one-row table every committed write bumps (created by the core migration `store version`). */
export const BUMP_STORE_VERSION = 'UPDATE store_version SET version = version + 1 WHERE id = 1';

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
  readonly inTransaction = false;
  private readonly lock = new AsyncLock();
  versionTable = false;
  /** Writes committed through this process (engines may share it between connections to one file). */
  protected readonly committed: { count: number } = { count: 0 };
  /**
   * Write transactions of every connection to one database in this process, one at a time
   * (DuckDB: its observations table has no key index, so two connections' writers must not
   * interleave; see migration 12). Absent: this connection's own lock is enough.
   */
  protected readonly writes: AsyncLock | undefined = undefined;

  protected abstract rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]>;
  /** By default the rows of rawAll, turned into columns; DuckDB reads its column chunks. */
  protected async rawColumns(sql: string, params: SqlValue[]): Promise<Record<string, unknown[]>> {
    const rows = await this.rawAll<Row>(sql, params);
    const out: Record<string, unknown[]> = {};
    for (const name of Object.keys(rows[0] ?? {})) out[name] = rows.map((r) => r[name]);
    return out;
  }
  protected abstract rawRun(sql: string, params: SqlValue[]): Promise<void>;
  protected abstract rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void>;
  protected abstract rawClose(): Promise<void>;
  /** Runs right after BEGIN (PostgreSQL takes its write lock here); nothing by default. */
  protected async afterBegin(): Promise<void> {}
  protected abstract rawCopyFrom(table: string, columns: string[], csv: Readable): Promise<number>;

  all<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.lock.run(() => this.rawAll<T>(sql, params));
  }

  numericColumns(sql: string, params: SqlValue[] = []): Promise<Float64Array[]> {
    return this.lock.run(() => this.rawNumericColumns(sql, params));
  }

  /** Through the row reader; DuckDB overrides it to copy its column vectors directly. */
  protected async rawNumericColumns(sql: string, params: SqlValue[]): Promise<Float64Array[]> {
    const rows = await this.rawAll<Row>(sql, params);
    const names = rows[0] ? Object.keys(rows[0]) : [];
    return names.map((n) => Float64Array.from(rows, (r) => (r[n] === null ? Number.NaN : Number(r[n]))));
  }

  columns(sql: string, params: SqlValue[] = []): Promise<Record<string, unknown[]>> {
    return this.lock.run(() => this.rawColumns(sql, params));
  }

  /** A write outside a transaction runs in one, so its version bump commits with it. */
  run(sql: string, params: SqlValue[] = []): Promise<void> {
    if (!isWriteStatement(sql)) return this.lock.run(() => this.rawRun(sql, params));
    // Bump first: the statement may be the one that drops the table (a test schema's clean-up).
    return this.writeInTransaction((view) => view.run(sql, params), true);
  }

  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    if (isScratchTable(table)) return this.lock.run(() => this.rawInsertMany(table, columns, rows));
    return this.transaction((tx) => tx.insertMany(table, columns, rows));
  }

  /** Like insertMany: outside a transaction it runs in one, so the version bump commits with it. */
  copyFrom(table: string, columns: string[], csv: Readable): Promise<number> {
    return this.transaction((tx) => tx.copyFrom(table, columns, csv));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.writeInTransaction(fn, false);
  }

  /**
   * The bump runs last in a transaction (on PostgreSQL its row lock is then held only for the
   * commit, not for the whole ingest), or first for a single statement.
   */
  private writeInTransaction<T>(fn: (tx: Db) => Promise<T>, bumpFirst: boolean): Promise<T> {
    if (this.writes) return this.writes.run(() => this.writeOnConnection(fn, bumpFirst));
    return this.writeOnConnection(fn, bumpFirst);
  }

  private writeOnConnection<T>(fn: (tx: Db) => Promise<T>, bumpFirst: boolean): Promise<T> {
    return this.lock.run(async () => {
      await this.rawRun('BEGIN TRANSACTION', []);
      const state = { wrote: bumpFirst };
      try {
        await this.afterBegin();
        if (bumpFirst && this.versionTable) await this.rawRun(BUMP_STORE_VERSION, []);
        const out = await fn(this.txView(state));
        if (state.wrote && !bumpFirst && this.versionTable) await this.rawRun(BUMP_STORE_VERSION, []);
        await this.rawRun('COMMIT', []);
        // Counted after COMMIT: a reader that sees the new number also sees the new data.
        if (state.wrote) this.committed.count++;
        return out;
      } catch (e) {
        await this.rawRun('ROLLBACK', []).catch(() => undefined);
        throw e;
      }
    });
  }

  /** Local count of committed writes; PostgreSQL overrides it to read the shared table. */
  async dataVersion(): Promise<number> {
    return this.committed.count;
  }

  /** The same, asked from inside a transaction (which holds the lock: no locked reads here). */
  protected async dataVersionInTransaction(): Promise<number> {
    return this.committed.count;
  }

  close(): Promise<void> {
    return this.lock.run(() => this.rawClose());
  }

  private txView(state: { wrote: boolean }): Db {
    const owner = this;
    const view: Db = {
      dialect: this.dialect,
      inTransaction: true,
      get versionTable() {
        return owner.versionTable;
      },
      set versionTable(on: boolean) {
        owner.versionTable = on;
      },
      all: (sql, params = []) => {
        if (isWriteStatement(sql)) state.wrote = true;
        return this.rawAll(sql, params);
      },
      columns: (sql, params = []) => {
        if (isWriteStatement(sql)) state.wrote = true;
        return this.rawColumns(sql, params);
      },
      run: (sql, params = []) => {
        if (isWriteStatement(sql)) state.wrote = true;
        return this.rawRun(sql, params);
      },
      transaction: (fn) => fn(view),
      numericColumns: (sql, params = []) => this.rawNumericColumns(sql, params),
      insertMany: (table, columns, rows) => {
        if (rows.length && !isScratchTable(table)) state.wrote = true;
        return this.rawInsertMany(table, columns, rows);
      },
      dataVersion: () => this.dataVersionInTransaction(),
      copyFrom: (table, columns, csv) => {
        state.wrote = true;
        return this.rawCopyFrom(table, columns, csv);
      },
      close: async () => undefined,
    };
    return view;
  }
}
