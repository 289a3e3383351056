import path from 'node:path';
import { TidewatchError } from '../core/errors.js';
import type { Db, SqlValue } from './db.js';
import { DuckDb } from './duckdb.js';
import { allMigrations, type Migration } from './migrations/index.js';

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

export interface WriteResult {
  newRows: number;
  revisedRows: number;
  unchanged: number;
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

/** Relative difference above which a re-fetched value counts as a revision. */
const REVISION_TOLERANCE = 1e-9;

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

  async migrate(migrations: Migration[] = allMigrations): Promise<number[]> {
    await this.db.run(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
    );
    const done = new Set(
      (await this.db.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await this.db.transaction(async (tx) => {
        for (const stmt of m.sql) await tx.run(stmt);
        await tx.run('INSERT INTO schema_version VALUES ($1, $2, CURRENT_TIMESTAMP)', [m.version, m.name]);
      });
      applied.push(m.version);
    }
    return applied;
  }

  async schemaVersion(): Promise<number> {
    const r = await this.db.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    return r[0]?.v ?? 0;
  }

  async upsertSeries(meta: SeriesMeta, tx: Db = this.db): Promise<void> {
    await tx.run('DELETE FROM series WHERE id = $1', [meta.id]);
    await tx.run(
      'INSERT INTO series (id, source, title, unit, source_unit, frequency, release, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,CURRENT_TIMESTAMP)',
      [meta.id, meta.source, meta.title, meta.unit, meta.sourceUnit, meta.frequency, meta.release ?? null],
    );
  }

  async getSeries(id: string): Promise<SeriesInfo | undefined> {
    return (await this.listSeries(id))[0];
  }

  async listSeries(onlyId?: string): Promise<SeriesInfo[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT s.id, s.source, s.title, s.unit, s.source_unit, s.frequency, s.release,
              CAST(s.updated_at AS VARCHAR) AS updated_at,
              count(o.date) AS n, CAST(min(o.date) AS VARCHAR) AS first_date, CAST(max(o.date) AS VARCHAR) AS last_date,
              CAST(max(o.known_from) AS VARCHAR) AS last_known
         FROM series s LEFT JOIN observations o ON o.series_id = s.id
        ${onlyId ? 'WHERE s.id = $1' : ''}
        GROUP BY s.id, s.source, s.title, s.unit, s.source_unit, s.frequency, s.release, s.updated_at
        ORDER BY s.id`,
      onlyId ? [onlyId] : [],
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
      updatedAt: (r.updated_at as string | null) ?? null,
    }));
  }

  /**
   * Write observations for one series inside the caller's transaction (or a new one).
   * A date not stored yet is new (kept with its own knownFrom). A stored date whose latest value
   * differs is a revision: a new vintage row known from `revisionKnownFrom` (the fetch day).
   * Identical values are skipped, so re-running an update is idempotent.
   */
  async writeObservations(
    seriesId: string,
    rows: VintageObservation[],
    opts: { sourceUnit: string; revisionKnownFrom: string; runId?: number | null },
    tx?: Db,
  ): Promise<WriteResult> {
    const work = async (db: Db): Promise<WriteResult> => {
      const latest = new Map<string, { value: number; knownFrom: string }>();
      for (const r of await this.latestVintages(seriesId, db)) latest.set(r.date, r);
      const inserts: SqlValue[][] = [];
      const result: WriteResult = { newRows: 0, revisedRows: 0, unchanged: 0 };
      const seen = new Set<string>();
      for (const r of rows) {
        const key = `${r.date}|${r.knownFrom}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const prev = latest.get(r.date);
        if (!prev) {
          result.newRows++;
          inserts.push([seriesId, r.date, r.value, r.knownFrom, opts.sourceUnit, opts.runId ?? null]);
          continue;
        }
        const scale = Math.max(Math.abs(prev.value), Math.abs(r.value), 1e-12);
        if (Math.abs(prev.value - r.value) / scale <= REVISION_TOLERANCE) {
          result.unchanged++;
          continue;
        }
        // A vintage supplied by the provider (ALFRED) keeps its own date; a plain re-download
        // only tells us the value changed by the day we fetched it.
        const knownFrom = r.knownFrom > prev.knownFrom ? r.knownFrom : opts.revisionKnownFrom;
        if (knownFrom <= prev.knownFrom) {
          // Same vintage re-stated (e.g. re-imported on the day of the first import): replace it.
          await db.run('DELETE FROM observations WHERE series_id = $1 AND date = $2 AND known_from = $3', [
            seriesId,
            r.date,
            prev.knownFrom,
          ]);
          inserts.push([seriesId, r.date, r.value, prev.knownFrom, opts.sourceUnit, opts.runId ?? null]);
        } else {
          inserts.push([seriesId, r.date, r.value, knownFrom, opts.sourceUnit, opts.runId ?? null]);
        }
        result.revisedRows++;
      }
      await db.insertMany(
        'observations',
        ['series_id', 'date', 'value', 'known_from', 'source_unit', 'run_id'],
        inserts,
      );
      return result;
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  /** Latest stored vintage for every date of a series. */
  async latestVintages(seriesId: string, db: Db = this.db): Promise<VintageObservation[]> {
    return this.getObservations(seriesId, {}, db);
  }

  /** Observations of a series; with `asOf`, exactly what was public on that day. */
  async getObservations(seriesId: string, q: ObservationQuery = {}, db: Db = this.db): Promise<VintageObservation[]> {
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
  async getAllVintages(seriesId: string, q: { knownBy?: string; from?: string } = {}): Promise<VintageObservation[]> {
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
    await this.db.run('DELETE FROM raw_archive WHERE sha256 = $1 AND url = $2', [e.sha256, e.url]);
    await this.db.run(
      `INSERT INTO raw_archive (sha256, url, source, fetched_at, status, content_type, bytes, stored_path, from_replay)
       VALUES ($1,$2,$3,CAST($4 AS TIMESTAMP),$5,$6,$7,$8,$9)`,
      [e.sha256, e.url, e.source, e.fetchedAt.replace('T', ' ').replace('Z', ''), e.status, e.contentType, e.bytes, e.storedPath, e.fromReplay],
    );
  }

  async startRun(source: string): Promise<number> {
    const r = await this.db.all<{ id: number | null }>('SELECT max(id) AS id FROM ingest_runs');
    const id = (r[0]?.id ?? 0) + 1;
    await this.db.run(
      "INSERT INTO ingest_runs (id, source, started_at, status) VALUES ($1, $2, CURRENT_TIMESTAMP, 'running')",
      [id, source],
    );
    return id;
  }

  async finishRun(id: number, status: 'ok' | 'partial' | 'failed', summary: unknown): Promise<void> {
    await this.db.run('UPDATE ingest_runs SET finished_at = CURRENT_TIMESTAMP, status = $2, summary = $3 WHERE id = $1', [
      id,
      status,
      JSON.stringify(summary),
    ]);
  }

  async lastRuns(limit = 20): Promise<Array<{ id: number; source: string; startedAt: string; finishedAt: string | null; status: string; summary: unknown }>> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT id, source, CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, status, summary
         FROM ingest_runs ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
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
