import pg from 'pg';
import { TidewatchError } from '../core/errors.js';
import { AsyncLock, type Db, type Row, type SqlValue } from './db.js';

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

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private readonly lock = new AsyncLock();

  private constructor(private readonly client: pg.Client) {}

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

  all<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.lock.run(() => this.rawAll<T>(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<void> {
    return this.lock.run(async () => {
      await this.rawAll(sql, params);
    });
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.client.query('BEGIN');
      try {
        const out = await fn(this.txView());
        await this.client.query('COMMIT');
        return out;
      } catch (e) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  insertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
    return this.lock.run(() => this.rawInsertMany(table, columns, rows));
  }

  async close(): Promise<void> {
    await this.lock.run(() => this.client.end());
  }

  private txView(): Db {
    const view: Db = {
      dialect: 'postgres',
      all: (sql, params = []) => this.rawAll(sql, params),
      run: async (sql, params = []) => {
        await this.rawAll(sql, params);
      },
      transaction: (fn) => fn(view),
      insertMany: (table, columns, rows) => this.rawInsertMany(table, columns, rows),
      close: async () => undefined,
    };
    return view;
  }

  private async rawAll<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    const res = await this.client.query(sql, params.map((p) => (typeof p === 'bigint' ? p.toString() : p)));
    return res.rows as T[];
  }

  private async rawInsertMany(table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
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
      await this.rawAll(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
    }
  }
}
