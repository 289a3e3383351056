import { createHash } from 'node:crypto';
import type { Db, SqlValue } from '../../../store/db.js';
import { applyAmendments, type EffectiveHoldings, type QuarterFiling } from './amendments.js';
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

const ROW_COLUMNS = [
  'accession',
  'line',
  'cusip',
  'figi',
  'issuer',
  'title_of_class',
  'value_reported',
  'value_usd',
  'shares',
  'share_type',
  'put_call',
  'discretion',
  'other_managers',
  'voting_sole',
  'voting_shared',
  'voting_none',
];

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

export async function listFilings(db: Db, cik?: number): Promise<StoredFiling[]> {
  const where = cik === undefined ? '' : 'WHERE cik = $1';
  return db.all<StoredFiling>(
    `SELECT accession, cik, filer_name, form, report_type, CAST(period AS VARCHAR) AS period,
       CAST(filed AS VARCHAR) AS filed, is_amendment, amendment_no, amendment_type, table_value_total, row_count,
       value_unit, unit_rule, unit_detail, warnings, source, sha256
     FROM sec_13f_filings ${where} ORDER BY cik, period, filed, accession`,
    cik === undefined ? [] : [cik],
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

async function rowsOf(db: Db, accession: string): Promise<Holding[]> {
  const rows = await db.all<RowRecord>('SELECT * FROM sec_13f_rows WHERE accession = $1 ORDER BY line', [
    accession,
  ]);
  return rows.map((r) => ({
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
  }));
}

/** Periods with a stored report for a filer, oldest first. */
export async function periodsOf(db: Db, cik: number): Promise<string[]> {
  const r = await db.all<{ period: string }>(
    'SELECT DISTINCT CAST(period AS VARCHAR) AS period FROM sec_13f_filings WHERE cik = $1 ORDER BY period',
    [cik],
  );
  return r.map((x) => x.period);
}

export interface QuarterHoldings extends EffectiveHoldings<Holding> {
  cik: number;
  period: string;
  filings: StoredFiling[];
}

/** The quarter's holdings after amendments (RESTATEMENT replaces, NEW HOLDINGS adds). */
export async function quarterHoldings(db: Db, cik: number, period: string): Promise<QuarterHoldings> {
  const filings = (await listFilings(db, cik)).filter((f) => f.period === period);
  const qf: QuarterFiling<Holding>[] = [];
  for (const f of filings) {
    qf.push({
      accession: f.accession,
      form: f.form,
      filed: f.filed,
      isAmendment: f.is_amendment,
      amendmentType: f.amendment_type,
      amendmentNo: f.amendment_no,
      reportType: f.report_type ?? '',
      holdings: await rowsOf(db, f.accession),
    });
  }
  return { cik, period, filings, ...applyAmendments(qf) };
}
