import { createHash } from 'node:crypto';
import type { Db, SqlValue } from '../../../store/db.js';
import type { XbrlDocument, XbrlFact } from './types.js';

/**
 * Storage of XBRL facts (tables from src/store/migrations/capex.ts). A fact's key is its
 * identity within one filing (company, concept, unit, period, dimensions, accession); a
 * document without an accession (a saved file imported without --accession) uses a hash of
 * its content instead, so importing the same file twice changes nothing.
 */
export interface SaveResult {
  cik: number;
  inserted: number;
  unchanged: number;
  /** Stored facts that had no filing date and got this import's. */
  filedAdded: number;
}

const COLUMNS = [
  'fact_key',
  'cik',
  'taxonomy',
  'concept',
  'unit',
  'value',
  'period_start',
  'period_end',
  'period_type',
  'dims',
  'form',
  'filed',
  'accession',
  'frame',
  'fy',
  'fp',
  'decimals',
  'source_kind',
  'source',
];

export function documentId(content: string | Uint8Array): string {
  return `doc:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}

export function factKey(f: XbrlFact, docId: string): string {
  return [f.cik, f.taxonomy, f.concept, f.unit, f.start ?? '', f.end, f.dims, f.accession ?? docId].join('|');
}

/** Insert the document's facts not stored yet; all or nothing (one transaction). */
export async function saveXbrlDocument(
  db: Db,
  doc: XbrlDocument,
  docId: string,
  ticker?: string | null,
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const stored = await tx.all<{ k: string; undated: boolean }>(
      'SELECT fact_key AS k, filed IS NULL AS undated FROM xbrl_facts WHERE cik = $1',
      [doc.cik],
    );
    const existing = new Set(stored.map((r) => r.k));
    const undated = new Set(stored.filter((r) => r.undated).map((r) => r.k));
    const rows: SqlValue[][] = [];
    let unchanged = 0;
    const dated = new Map<string, string[]>();
    for (const f of doc.facts) {
      const k = factKey(f, docId);
      if (existing.has(k)) {
        unchanged++;
        if (f.filed !== null && undated.has(k)) {
          const keys = dated.get(f.filed) ?? [];
          keys.push(k);
          dated.set(f.filed, keys);
        }
        continue;
      }
      existing.add(k);
      rows.push([
        k,
        f.cik,
        f.taxonomy,
        f.concept,
        f.unit,
        f.value,
        f.start,
        f.end,
        f.periodType,
        f.dims,
        f.form,
        f.filed,
        f.accession,
        f.frame,
        f.fy,
        f.fp,
        f.decimals,
        doc.kind,
        doc.source,
      ]);
    }
    await tx.insertMany('xbrl_facts', COLUMNS, rows);
    // A fact stored without a filing date (an import before dates were inferred) gets the one
    // this import has: the only column an identical re-import may change.
    for (const [filed, keys] of dated) {
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        await tx.run(
          `UPDATE xbrl_facts SET filed = CAST($1 AS DATE) WHERE filed IS NULL AND fact_key IN (${chunk.map((_, j) => `$${j + 2}`).join(',')})`,
          [filed, ...chunk],
        );
      }
    }
    const prev = await tx.all<{ name: string | null; ticker: string | null }>(
      'SELECT name, ticker FROM xbrl_companies WHERE cik = $1',
      [doc.cik],
    );
    await tx.run('DELETE FROM xbrl_companies WHERE cik = $1', [doc.cik]);
    await tx.run(
      'INSERT INTO xbrl_companies (cik, name, ticker, updated_at) VALUES ($1, $2, $3, CURRENT_TIMESTAMP)',
      [doc.cik, doc.entityName ?? prev[0]?.name ?? null, ticker ?? doc.ticker ?? prev[0]?.ticker ?? null],
    );
    let filedAdded = 0;
    for (const keys of dated.values()) filedAdded += keys.length;
    return { cik: doc.cik, inserted: rows.length, unchanged: unchanged - filedAdded, filedAdded };
  });
}

export interface FactQuery {
  ciks?: number[];
  concepts?: string[];
  /** Only facts public by this day (filed on or before it; an undated fact is never known). */
  knownBy?: string;
}

interface FactRow {
  cik: number;
  taxonomy: string;
  concept: string;
  unit: string;
  value: number;
  period_start: string | null;
  period_end: string;
  period_type: string;
  dims: string;
  form: string | null;
  filed: string | null;
  accession: string | null;
  frame: string | null;
  fy: number | null;
  fp: string | null;
  decimals: number | null;
}

export async function loadXbrlFacts(db: Db, q: FactQuery = {}): Promise<XbrlFact[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.ciks?.length) {
    where.push(`cik IN (${q.ciks.map((c) => `$${params.push(c)}`).join(',')})`);
  }
  if (q.concepts?.length) {
    where.push(`concept IN (${q.concepts.map((c) => `$${params.push(c)}`).join(',')})`);
  }
  if (q.knownBy) where.push(`filed IS NOT NULL AND filed <= CAST($${params.push(q.knownBy)} AS DATE)`);
  const rows = await db.all<FactRow>(
    `SELECT cik, taxonomy, concept, unit, value, CAST(period_start AS VARCHAR) AS period_start,
            CAST(period_end AS VARCHAR) AS period_end, period_type, dims, form, CAST(filed AS VARCHAR) AS filed,
            accession, frame, fy, fp, decimals
       FROM xbrl_facts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows.map((r) => ({
    cik: Number(r.cik),
    taxonomy: r.taxonomy,
    concept: r.concept,
    unit: r.unit,
    value: Number(r.value),
    start: r.period_start,
    end: r.period_end,
    periodType: r.period_type === 'instant' ? 'instant' : 'duration',
    dims: r.dims,
    form: r.form,
    filed: r.filed,
    accession: r.accession,
    frame: r.frame,
    fy: r.fy === null ? null : Number(r.fy),
    fp: r.fp,
    decimals: r.decimals === null ? null : Number(r.decimals),
  }));
}

export interface StoredCompany {
  cik: number;
  name: string | null;
  ticker: string | null;
  facts: number;
}

/** How many stored facts were filed by `asOf` (an undated fact is never known). */
export async function xbrlFactsKnownBy(db: Db, asOf: string): Promise<number> {
  const r = await db.all<{ n: number }>(
    'SELECT count(*) AS n FROM xbrl_facts WHERE filed <= CAST($1 AS DATE)',
    [asOf],
  );
  return Number(r[0]?.n ?? 0);
}

export async function listXbrlCompanies(db: Db): Promise<StoredCompany[]> {
  const rows = await db.all<{ cik: number; name: string | null; ticker: string | null; n: number }>(
    `SELECT c.cik, c.name, c.ticker, count(f.fact_key) AS n
       FROM xbrl_companies c LEFT JOIN xbrl_facts f ON f.cik = c.cik
      GROUP BY c.cik, c.name, c.ticker ORDER BY c.cik`,
  );
  return rows.map((r) => ({ cik: Number(r.cik), name: r.name, ticker: r.ticker, facts: Number(r.n) }));
}
