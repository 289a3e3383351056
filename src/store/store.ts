import { hostname } from 'node:os';
import path from 'node:path';
import { TidewatchError } from '../core/errors.js';
import type { Db, SqlValue } from './db.js';
import { DuckDb } from './duckdb.js';
import { STORE_VERSION_MIGRATION } from './migrations/core.js';
import { allMigrations, type Migration } from './migrations/index.js';
import {
  type ObservationInput,
  type WriteOptions,
  type WriteResult,
  writeObservationRows,
} from './observations-writer.js';

export type { ObservationInput, WriteResult };

export interface SeriesMeta {
  id: string;
  source: string;
  title: string;
  /** Canonical unit of stored values. */
  unit: string;
  /** Unit the provider published in. */
  sourceUnit: string;
  frequency: string;
  release?: string | null;
}

export interface SeriesInfo extends SeriesMeta {
  observations: number;
  firstDate: string | null;
  lastDate: string | null;
  lastKnownFrom: string | null;
  updatedAt: string | null;
}

/** A value for a date, and the first day it was public. */
export interface VintageObservation {
  date: string;
  value: number;
  knownFrom: string;
}

export interface ObservationQuery {
  from?: string;
  to?: string;
  /** Only values public on or before this day; the latest such vintage per date. */
  asOf?: string;
}

export interface ArchiveEntry {
  sha256: string;
  url: string;
  source: string;
  fetchedAt: string;
  status: number;
  contentType: string | null;
  bytes: number;
  storedPath: string | null;
  fromReplay: boolean;
}

/** Is process `pid` (on this machine) still there? EPERM means it exists but is not ours. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const DEFAULT_DB_PATH = path.join('data', 'tidewatch.duckdb');

export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.TIDEWATCH_DB ?? DEFAULT_DB_PATH;
}

/**
 * The store: SQL and nothing about providers. Core series/observations methods live here;
 * domain records (13F, XBRL facts, price bars, …) use `store.db` through their own repositories.
 */
export class Store {
  constructor(readonly db: Db) {}

  /**
   * Apply the migrations not applied yet. The check runs first without a transaction (opening a
   * migrated store takes no write lock); applying re-checks inside one locked transaction, so
   * two processes opening a fresh PostgreSQL database at once do not both create the tables.
   */
  async migrate(migrations: Migration[] = allMigrations): Promise<number[]> {
    const applied = async (db: Db) =>
      new Set(
        (await db.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version),
      );
    const done = await applied(this.db).catch(() => new Set<number>());
    const out = migrations.every((m) => done.has(m.version))
      ? []
      : await this.db.transaction(async (tx) => {
          await tx.run(
            'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
          );
          const now = await applied(tx);
          const versions: number[] = [];
          for (const m of migrations) {
            if (now.has(m.version)) continue;
            if (!m.only || m.only === tx.dialect) for (const stmt of m.sql) await tx.run(stmt);
            await tx.run('INSERT INTO schema_version VALUES ($1, $2, CURRENT_TIMESTAMP)', [
              m.version,
              m.name,
            ]);
            versions.push(m.version);
          }
          return versions;
        });
    // From here on every committed write also bumps store_version in its own transaction.
    if (done.has(STORE_VERSION_MIGRATION) || out.includes(STORE_VERSION_MIGRATION))
      this.db.versionTable = true;
    return out;
  }

  /** Changes after every committed write (ingest, import, run record): the key for response caches. */
  dataVersion(): Promise<number> {
    return this.db.dataVersion();
  }

  async schemaVersion(): Promise<number> {
    const r = await this.db.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    return r[0]?.v ?? 0;
  }

  async upsertSeries(meta: SeriesMeta, tx?: Db): Promise<void> {
    // Delete + insert must not interleave with another writer's: always inside a transaction.
    const work = async (db: Db) => {
      await db.run('DELETE FROM series WHERE id = $1', [meta.id]);
      await db.run(
        'INSERT INTO series (id, source, title, unit, source_unit, frequency, release, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,CURRENT_TIMESTAMP)',
        [meta.id, meta.source, meta.title, meta.unit, meta.sourceUnit, meta.frequency, meta.release ?? null],
      );
    };
    await (tx ? work(tx) : this.db.transaction(work));
  }

  async getSeries(id: string, asOf?: string): Promise<SeriesInfo | undefined> {
    return (await this.listSeries({ id, asOf }))[0];
  }

  /**
   * Stored series with their range. With `asOf`, as the store stood that day: only observations
   * public by then count, series with none are left out, and `updatedAt` (when this machine last
   * wrote the series) is not reported.
   */
  async listSeries(q: { id?: string; asOf?: string } = {}): Promise<SeriesInfo[]> {
    const params: SqlValue[] = [];
    const join = ['o.series_id = s.id'];
    const where: string[] = [];
    if (q.asOf) {
      params.push(q.asOf);
      join.push(`o.known_from <= CAST($${params.length} AS DATE)`);
    }
    if (q.id) {
      params.push(q.id);
      where.push(`s.id = $${params.length}`);
    }
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT s.id, s.source, s.title, s.unit, s.source_unit, s.frequency, s.release,
              CAST(s.updated_at AS VARCHAR) AS updated_at,
              count(DISTINCT o.date) AS n, CAST(min(o.date) AS VARCHAR) AS first_date, CAST(max(o.date) AS VARCHAR) AS last_date,
              CAST(max(o.known_from) AS VARCHAR) AS last_known
         FROM series s LEFT JOIN observations o ON ${join.join(' AND ')}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY s.id, s.source, s.title, s.unit, s.source_unit, s.frequency, s.release, s.updated_at
        ${q.asOf ? 'HAVING count(o.date) > 0' : ''}
        ORDER BY s.id`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      source: String(r.source),
      title: String(r.title),
      unit: String(r.unit),
      sourceUnit: String(r.source_unit),
      frequency: String(r.frequency),
      release: (r.release as string | null) ?? null,
      observations: Number(r.n),
      firstDate: (r.first_date as string | null) ?? null,
      lastDate: (r.last_date as string | null) ?? null,
      lastKnownFrom: (r.last_known as string | null) ?? null,
      updatedAt: q.asOf ? null : ((r.updated_at as string | null) ?? null),
    }));
  }

  /**
   * Write observations for one series inside the caller's transaction (or a new one).
   * A date not stored yet is new (kept with its own knownFrom). A stored date whose latest value
   * differs is a revision: a new vintage row known from `revisionKnownFrom` (the fetch day).
   * Identical values are skipped, so re-running an update is idempotent.
   *
   * Every row is checked against `rule` first (finite, sign, range, date span) and every
   * revision against the stored value (no ×10 jumps in a level), so no import or update path
   * can write an implausible value; two rows for one date and vintage with different values
   * are an error naming both. On any refusal nothing is written.
   */
  async writeObservations(
    seriesId: string,
    rows: readonly ObservationInput[],
    opts: WriteOptions,
    tx?: Db,
  ): Promise<WriteResult> {
    return tx
      ? writeObservationRows(tx, seriesId, rows, opts)
      : this.db.transaction((db) => writeObservationRows(db, seriesId, rows, opts));
  }

  /** Latest stored vintage for every date of a series. */
  async latestVintages(seriesId: string, db: Db = this.db): Promise<VintageObservation[]> {
    return this.getObservations(seriesId, {}, db);
  }

  /** Observations of a series; with `asOf`, exactly what was public on that day. */
  async getObservations(
    seriesId: string,
    q: ObservationQuery = {},
    db: Db = this.db,
  ): Promise<VintageObservation[]> {
    const where = ['series_id = $1'];
    const params: SqlValue[] = [seriesId];
    if (q.from) {
      params.push(q.from);
      where.push(`date >= CAST($${params.length} AS DATE)`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`date <= CAST($${params.length} AS DATE)`);
    }
    if (q.asOf) {
      params.push(q.asOf);
      where.push(`known_from <= CAST($${params.length} AS DATE)`);
    }
    return db.all<VintageObservation>(
      `SELECT DISTINCT ON (date) CAST(date AS VARCHAR) AS date, value, CAST(known_from AS VARCHAR) AS "knownFrom"
         FROM observations WHERE ${where.join(' AND ')}
        ORDER BY date, known_from DESC`,
      params,
    );
  }

  /**
   * Every vintage row of a series (for point-in-time indicators computed in memory); with
   * `knownBy`, only the rows public by that day; with `from`, only dates from that day.
   */
  async getAllVintages(
    seriesId: string,
    q: { knownBy?: string; from?: string } = {},
  ): Promise<VintageObservation[]> {
    const where = ['series_id = $1'];
    const params: SqlValue[] = [seriesId];
    if (q.knownBy) {
      params.push(q.knownBy);
      where.push(`known_from <= CAST($${params.length} AS DATE)`);
    }
    if (q.from) {
      params.push(q.from);
      where.push(`date >= CAST($${params.length} AS DATE)`);
    }
    return this.db.all<VintageObservation>(
      `SELECT CAST(date AS VARCHAR) AS date, value, CAST(known_from AS VARCHAR) AS "knownFrom"
         FROM observations WHERE ${where.join(' AND ')} ORDER BY date, known_from`,
      params,
    );
  }

  async recordArchive(e: ArchiveEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM raw_archive WHERE sha256 = $1 AND url = $2', [e.sha256, e.url]);
      await tx.run(
        `INSERT INTO raw_archive (sha256, url, source, fetched_at, status, content_type, bytes, stored_path, from_replay)
         VALUES ($1,$2,$3,CAST($4 AS TIMESTAMP),$5,$6,$7,$8,$9)`,
        [
          e.sha256,
          e.url,
          e.source,
          e.fetchedAt.replace('T', ' ').replace('Z', ''),
          e.status,
          e.contentType,
          e.bytes,
          e.storedPath,
          e.fromReplay,
        ],
      );
    });
  }

  /**
   * Record the start of an ingest run. The id and the row are taken inside one (on PostgreSQL
   * locked) transaction, so two runs starting at once get different ids. A running row carries
   * the pid and host of its process; runs left 'running' by a process that no longer exists
   * (killed, crashed, power cut) are marked failed here, at the next start.
   */
  async startRun(source: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await this.failAbandonedRuns(tx);
      const r = await tx.all<{ id: number | null }>('SELECT max(id) AS id FROM ingest_runs');
      const id = (r[0]?.id ?? 0) + 1;
      await tx.run(
        "INSERT INTO ingest_runs (id, source, started_at, status, summary) VALUES ($1, $2, CURRENT_TIMESTAMP, 'running', $3)",
        [id, source, JSON.stringify({ pid: process.pid, host: hostname() })],
      );
      return id;
    });
  }

  /** Mark 'running' runs whose process is gone as failed; returns their ids. */
  async failAbandonedRuns(tx: Db = this.db): Promise<number[]> {
    const running = await tx.all<{ id: number; summary: string | null }>(
      "SELECT id, summary FROM ingest_runs WHERE status = 'running'",
    );
    const gone: Array<{ id: number; why: string }> = [];
    for (const r of running) {
      let owner: { pid?: unknown; host?: unknown } = {};
      try {
        owner = r.summary ? (JSON.parse(r.summary) as typeof owner) : {};
      } catch {
        /* an unreadable marker is treated like a missing one */
      }
      if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
        // Another machine's process cannot be checked from here: leave its run alone.
        if (owner.host !== hostname() || processAlive(owner.pid)) continue;
        gone.push({
          id: Number(r.id),
          why: `process ${owner.pid} on ${owner.host} ended without finishing this run (killed or crashed)`,
        });
      } else if (this.db.dialect === 'duckdb') {
        // A DuckDB file is open in one process at a time: a run without an owner is not ours.
        gone.push({ id: Number(r.id), why: 'the process that started this run ended without finishing it' });
      }
    }
    for (const g of gone) {
      await tx.run(
        "UPDATE ingest_runs SET finished_at = CURRENT_TIMESTAMP, status = 'failed', summary = $2 WHERE id = $1",
        [
          g.id,
          JSON.stringify([
            { source: '*', series: '*', status: 'failed', newRows: 0, revisedRows: 0, reason: g.why },
          ]),
        ],
      );
    }
    return gone.map((g) => g.id);
  }

  async finishRun(id: number, status: 'ok' | 'partial' | 'failed', summary: unknown): Promise<void> {
    await this.db.run(
      'UPDATE ingest_runs SET finished_at = CURRENT_TIMESTAMP, status = $2, summary = $3 WHERE id = $1',
      [id, status, JSON.stringify(summary)],
    );
  }

  /** The newest ingest runs; with `asOf`, only runs started by the end of that day. */
  async lastRuns(
    limit = 20,
    asOf?: string,
  ): Promise<
    Array<{
      id: number;
      source: string;
      startedAt: string;
      finishedAt: string | null;
      status: string;
      summary: unknown;
    }>
  > {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT id, source, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, status, summary
         FROM ingest_runs ${asOf ? 'WHERE CAST(started_at AS DATE) <= CAST($1 AS DATE)' : ''}
        ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
      asOf ? [asOf] : [],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      source: String(r.source),
      startedAt: String(r.started_at),
      finishedAt: (r.finished_at as string | null) ?? null,
      status: String(r.status),
      summary: r.summary ? JSON.parse(String(r.summary)) : null,
    }));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Open the store at `file` (default ./data/tidewatch.duckdb or TIDEWATCH_DB) and migrate it. */
export async function openStore(file?: string): Promise<Store> {
  const target = resolveDbPath(file);
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { PostgresDb } = await import('./postgres.js');
    const store = new Store(await PostgresDb.open(target));
    await store.migrate();
    return store;
  }
  if (!target) throw new TidewatchError('config', 'no database path given');
  const store = new Store(await DuckDb.open(target));
  await store.migrate();
  return store;
}
