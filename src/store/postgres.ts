import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { TidewatchError } from '../core/errors.js';
import { SerialDb, type SqlValue } from './db.js';

const READ_VERSION = 'SELECT version FROM store_version WHERE id = 1';

/**
 * PostgreSQL implementation of the Db boundary (the team/server option). Same SQL as DuckDB:
 * positional `$n` parameters, portable DDL. pg returns int8/numeric as strings and DATE as a JS
 * Date; both are converted here so callers see the same row shapes as from DuckDB.
 */
const types = {
  getTypeParser(oid: number, format?: string) {
    switch (oid) {
      case 20: // int8
      case 1700: // numeric
        return (v: string) => Number(v);
      case 1082: // date
      case 1114: // timestamp
      case 1184: // timestamptz
        return (v: string) => v;
      default:
        return pg.types.getTypeParser(oid, format as never);
    }
  },
};

export class PostgresDb extends SerialDb {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly client: pg.Client) {
    super();
  }

  static async open(url: string): Promise<PostgresDb> {
    const client = new pg.Client({ connectionString: url, types });
    try {
      await client.connect();
    } catch (e) {
      const safe = url.replace(/\/\/([^:@/]+):[^@]+@/, '//$1:***@');
      throw new TidewatchError('config', `cannot connect to PostgreSQL at ${safe}: ${(e as Error).message}`, {
        cause: e,
        hint: 'check DATABASE_URL / --db and that the server is running',
      });
    }
    return new PostgresDb(client);
  }

  /** Version reads in flight: the current one, and one queued behind it for later callers. */
  private reading: Promise<number> | undefined;
  private queued: Promise<number> | undefined;

  /**
   * The shared store_version row, so writes by other processes count. Concurrent callers share
   * one read, but a caller never joins a read that started before it asked (it could miss a
   * commit made in between): it waits for the next one.
   */
  override dataVersion(): Promise<number> {
    if (!this.versionTable) return super.dataVersion();
    if (!this.reading) return this.startRead();
    this.queued ??= this.reading.then(
      () => this.startRead(),
      () => this.startRead(),
    );
    return this.queued;
  }

  private startRead(): Promise<number> {
    this.queued = undefined;
    const p = this.all<{ version: number }>(READ_VERSION).then((r) => Number(r[0]?.version ?? 0));
    this.reading = p;
    const clear = () => {
      if (this.reading === p) this.reading = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  protected override async dataVersionInTransaction(): Promise<number> {
    if (!this.versionTable) return super.dataVersion();
    const r = await this.rawAll<{ version: number }>(READ_VERSION, []);
    return Number(r[0]?.version ?? 0);
  }

  /**
   * Every write transaction takes one advisory lock per schema, held until COMMIT/ROLLBACK: two
   * processes importing into one database (two `import all` at once) then write one series or
   * file after the other and each sees what the other committed, instead of both inserting the
   * same keys (duplicate-key errors) or both deleting and re-inserting a row (lost updates).
   * Reads outside transactions never wait. DuckDB needs nothing: one process holds its file.
   */
  protected override async afterBegin(): Promise<void> {
    await this.rawRun("SELECT pg_advisory_xact_lock(hashtext('tidewatch-write:' || current_schema()))", []);
  }

  protected async rawClose(): Promise<void> {
    await this.client.end();
  }

  protected async rawRun(sql: string, params: SqlValue[]): Promise<void> {
    await this.rawAll(sql, params);
  }

  protected async rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    const res = await this.client.query(
      sql,
      params.map((p) => (typeof p === 'bigint' ? p.toString() : p)),
    );
    return res.rows as T[];
  }

  /**
   * The bulk path (13F data sets: millions of rows): one `COPY … FROM STDIN (FORMAT csv)` fed
   * from a stream, so neither the rows nor their SQL text are ever held in memory. Runs on the
   * one client, so inside `transaction()` it is part of the transaction.
   */
  protected async rawCopyFrom(table: string, columns: string[], csv: Readable): Promise<number> {
    const sink = this.client.query(
      copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
    );
    await pipeline(csv, sink);
    return sink.rowCount ?? 0;
  }

  protected async rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    const chunk = Math.max(1, Math.floor(30000 / Math.max(1, columns.length)));
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: SqlValue[] = [];
      const tuples = part.map((r) => {
        const placeholders = r.map((v) => {
          params.push(v);
          return `$${params.length}`;
        });
        return `(${placeholders.join(',')})`;
      });
      try {
        await this.rawAll(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
      } catch (e) {
        throw new TidewatchError(
          'store',
          `insert of ${rows.length} row(s) into ${table} failed: ${(e as Error).message}`,
          { cause: e },
        );
      }
    }
  }
}
