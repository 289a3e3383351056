import { createHash } from 'node:crypto';
import type { Db, SqlValue } from '../../../store/db.js';
import { applyAmendments, type EffectiveHoldings, type QuarterFiling } from './amendments.js';
import { ROW_COLUMNS } from './bulk-sql.js';
import type { Holding, ThirteenFFiling } from './normalise.js';
import type { AmendmentType, PutCall, ShareType } from './types.js';

/** Store access for 13F filings (tables from store/migrations/sec.ts). */
export interface StoredFiling {
  accession: string;
  cik: number;
  filer_name: string | null;
  form: string;
  report_type: string | null;
  period: string;
  filed: string | null;
  /** The day it became public (filing date; import day when the file carried none). */
  known_from: string;
  is_amendment: boolean;
  amendment_no: number | null;
  amendment_type: AmendmentType | null;
  table_value_total: number | null;
  row_count: number;
  value_unit: string;
  unit_rule: string;
  unit_detail: string;
  warnings: string | null;
  source: string;
  sha256: string | null;
}

export type SaveStatus = 'new' | 'unchanged' | 'replaced';

/**
 * A filing without an accession number (a bare information table or a lone primary_doc) gets a
 * stable local key from its filer, period and content, so importing it twice changes nothing.
 */
export function filingKey(f: ThirteenFFiling, sha256: string): string {
  return f.accession ?? `local-${f.cik}-${f.period}-${sha256.slice(0, 12)}`;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Insert or replace one filing and its rows in one transaction: all or nothing. */
export async function saveFiling(
  db: Db,
  f: ThirteenFFiling,
  sha256: string,
  now = new Date(),
): Promise<SaveStatus> {
  const accession = filingKey(f, sha256);
  return db.transaction(async (tx) => {
    const prev = await tx.all<{ sha256: string | null; row_count: number }>(
      'SELECT sha256, row_count FROM sec_13f_filings WHERE accession = $1',
      [accession],
    );
    if (prev[0] && prev[0].sha256 === sha256 && prev[0].row_count === f.holdings.length) return 'unchanged';
    if (prev[0]) {
      await tx.run('DELETE FROM sec_13f_rows WHERE accession = $1', [accession]);
      await tx.run('DELETE FROM sec_13f_filings WHERE accession = $1', [accession]);
    }
    const c = f.cover;
    await tx.run(
      `INSERT INTO sec_13f_filings (accession, cik, filer_name, form, report_type, period, filed, is_amendment,
        amendment_no, amendment_type, table_entry_total, table_value_total, row_count, value_unit, unit_rule,
        unit_detail, other_managers, warnings, source, sha256, imported_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
      [
        accession,
        f.cik,
        f.filerName,
        f.form,
        c?.reportType ?? null,
        f.period,
        f.filed ?? c?.signatureDate ?? null,
        c?.isAmendment ?? /\/A$/.test(f.form),
        c?.amendmentNo ?? null,
        c?.amendmentType ?? null,
        c?.tableEntryTotal ?? null,
        c?.tableValueTotal ?? null,
        f.holdings.length,
        f.unit.unit,
        f.unit.rule,
        f.unit.detail,
        c ? JSON.stringify(c.otherManagers) : null,
        f.warnings.length ? f.warnings.join('\n') : null,
        f.source,
        sha256,
        now.toISOString().replace('T', ' ').slice(0, 19),
      ],
    );
    const rows: SqlValue[][] = f.holdings.map((h) => [
      accession,
      h.line,
      h.cusip,
      h.figi,
      h.issuer,
      h.titleOfClass,
      h.value,
      h.valueUsd,
      h.shares,
      h.shareType,
      h.putCall,
      h.discretion,
      h.otherManagers.join(','),
      h.votingSole,
      h.votingShared,
      h.votingNone,
    ]);
    if (rows.length) await tx.insertMany('sec_13f_rows', ROW_COLUMNS, rows);
    return prev[0] ? 'replaced' : 'new';
  });
}

/**
 * The day a stored filing became public: its EDGAR filing date. A file that carried no filing date
 * (a bare information table or a cover page without the SGML header, imported without --filed)
 * counts from the day it was imported — the first day this store can vouch for it — so it can
 * never appear in a view of an earlier day.
 */
export const knownFromSql = (alias = ''): string =>
  `coalesce(${alias}filed, CAST(${alias}imported_at AS DATE))`;
export const KNOWN_FROM_SQL = knownFromSql('f.');

/** Which stored filings a read covers. `knownBy` is required: every 13F view is "as of" a day. */
export interface FilingQuery {
  /** Only filings public on this day (known_from ≤ knownBy): later amendments are not applied. */
  knownBy: string;
  ciks?: readonly number[];
  period?: string;
}

function filingWhere(q: FilingQuery, params: SqlValue[]): string {
  params.push(q.knownBy);
  const where = [`${KNOWN_FROM_SQL} <= CAST($${params.length} AS DATE)`];
  if (q.ciks) {
    if (q.ciks.length === 0) where.push('FALSE');
    else {
      const marks = q.ciks.map((c) => {
        params.push(c);
        return `$${params.length}`;
      });
      where.push(`f.cik IN (${marks.join(', ')})`);
    }
  }
  if (q.period) {
    params.push(q.period);
    where.push(`f.period = CAST($${params.length} AS DATE)`);
  }
  return where.join(' AND ');
}

const FILING_COLUMNS = `f.accession, f.cik, f.filer_name, f.form, f.report_type, CAST(f.period AS VARCHAR) AS period,
       CAST(f.filed AS VARCHAR) AS filed, CAST(${KNOWN_FROM_SQL} AS VARCHAR) AS known_from, f.is_amendment,
       f.amendment_no, f.amendment_type, f.table_value_total, f.row_count, f.value_unit, f.unit_rule, f.unit_detail,
       f.warnings, f.source, f.sha256`;

/**
 * Stored filings, oldest first. Without `knownBy` this is the store's inventory (import and fetch
 * bookkeeping); every view of the data passes `knownBy`.
 */
export async function listFilings(db: Db, cik?: number, knownBy?: string): Promise<StoredFiling[]> {
  const params: SqlValue[] = [];
  const where =
    knownBy !== undefined
      ? filingWhere({ knownBy, ...(cik === undefined ? {} : { ciks: [cik] }) }, params)
      : cik === undefined
        ? 'TRUE'
        : `f.cik = $${params.push(cik)}`;
  return db.all<StoredFiling>(
    `SELECT ${FILING_COLUMNS} FROM sec_13f_filings f WHERE ${where} ORDER BY f.cik, f.period, f.filed, f.accession`,
    params,
  );
}

export async function hasAccession(db: Db, accession: string): Promise<boolean> {
  const r = await db.all('SELECT 1 AS x FROM sec_13f_filings WHERE accession = $1', [accession]);
  return r.length > 0;
}

interface RowRecord {
  accession: string;
  line: number;
  cusip: string;
  figi: string | null;
  issuer: string;
  title_of_class: string | null;
  value_reported: number;
  value_usd: number;
  shares: number;
  share_type: ShareType;
  put_call: PutCall | null;
  discretion: string | null;
  other_managers: string | null;
  voting_sole: number | null;
  voting_shared: number | null;
  voting_none: number | null;
}

/** A stored row with the filing it came from (a position may combine rows of several filings). */
export interface StoredHolding extends Holding {
  accession: string;
  /** known_from of that filing. */
  knownFrom: string;
}

function toHolding(r: RowRecord, knownFrom: string): StoredHolding {
  return {
    accession: r.accession,
    knownFrom,
    line: r.line,
    issuer: r.issuer,
    titleOfClass: r.title_of_class ?? '',
    cusip: r.cusip,
    figi: r.figi,
    value: r.value_reported,
    valueUsd: r.value_usd,
    shares: r.shares,
    shareType: r.share_type,
    putCall: r.put_call,
    discretion: r.discretion ?? '',
    otherManagers: r.other_managers ? r.other_managers.split(',').map(Number) : [],
    votingSole: r.voting_sole ?? 0,
    votingShared: r.voting_shared ?? 0,
    votingNone: r.voting_none ?? 0,
  };
}

/** Periods with a report public by `knownBy` for a filer, oldest first. */
export async function periodsOf(db: Db, cik: number, knownBy: string): Promise<string[]> {
  const params: SqlValue[] = [];
  const r = await db.all<{ period: string }>(
    `SELECT DISTINCT CAST(f.period AS VARCHAR) AS period FROM sec_13f_filings f
      WHERE ${filingWhere({ knownBy, ciks: [cik] }, params)} ORDER BY period`,
    params,
  );
  return r.map((x) => x.period);
}

export interface QuarterHoldings extends EffectiveHoldings<StoredHolding> {
  cik: number;
  period: string;
  /** The filings of the quarter public by the as-of day (later ones are not applied). */
  filings: StoredFiling[];
}

export interface QuarterQuery extends FilingQuery {
  /** Read only put/call rows (the scorecard): replace/add commute with this filter. */
  optionsOnly?: boolean;
}

/**
 * Every filer-quarter of the query after amendments, as public on `knownBy` — the one place
 * stored 13F rows become holdings (RESTATEMENT replaces, NEW HOLDINGS adds, amendments.ts).
 * Two queries, whatever the number of quarters: the filings, then their rows.
 */
export async function effectiveQuarters(db: Db, q: QuarterQuery): Promise<QuarterHoldings[]> {
  const fp: SqlValue[] = [];
  const filings = await db.all<StoredFiling>(
    `SELECT ${FILING_COLUMNS} FROM sec_13f_filings f WHERE ${filingWhere(q, fp)}
      ORDER BY f.cik, f.period, f.filed, f.accession`,
    fp,
  );
  if (!filings.length) return [];
  const rp: SqlValue[] = [];
  const rows = await db.all<RowRecord>(
    `SELECT r.* FROM sec_13f_rows r JOIN sec_13f_filings f ON f.accession = r.accession
      WHERE ${filingWhere(q, rp)}${q.optionsOnly ? ' AND r.put_call IS NOT NULL' : ''}
      ORDER BY r.accession, r.line`,
    rp,
  );
  const knownFrom = new Map(filings.map((f) => [f.accession, f.known_from]));
  const byAccession = new Map<string, StoredHolding[]>();
  for (const r of rows) {
    const list = byAccession.get(r.accession) ?? [];
    list.push(toHolding(r, knownFrom.get(r.accession)!));
    byAccession.set(r.accession, list);
  }
  const quarters = new Map<string, StoredFiling[]>();
  for (const f of filings) {
    const key = `${f.cik}|${f.period}`;
    quarters.set(key, [...(quarters.get(key) ?? []), f]);
  }
  return [...quarters.values()].map((fs) => {
    const qf: QuarterFiling<StoredHolding>[] = fs.map((f) => ({
      accession: f.accession,
      form: f.form,
      filed: f.known_from,
      isAmendment: f.is_amendment,
      amendmentType: f.amendment_type,
      amendmentNo: f.amendment_no,
      reportType: f.report_type ?? '',
      holdings: byAccession.get(f.accession) ?? [],
    }));
    return { cik: fs[0]!.cik, period: fs[0]!.period, filings: fs, ...applyAmendments(qf) };
  });
}

/** One quarter's holdings after amendments, as public on `knownBy` (empty when nothing was). */
export async function quarterHoldings(
  db: Db,
  cik: number,
  period: string,
  knownBy: string,
): Promise<QuarterHoldings> {
  const [q] = await effectiveQuarters(db, { knownBy, ciks: [cik], period });
  return q ?? { cik, period, filings: [], holdings: [], applied: [] };
}
