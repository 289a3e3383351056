import { z } from 'zod';
import { TidewatchError } from '../../../core/errors.js';
import { unitFactor } from '../../../core/units.js';
import type { Db } from '../../../store/db.js';
import { parseSecJson } from '../shape.js';
import { DOLLARS_FROM, PRICE_TOLERANCE, unitCaseSql } from './unit-rule.js';

/**
 * The SQL of the Form 13F data-set import (bulk.ts runs it): the CSVW metadata that types the
 * TSVs, read_csv over them, the per-filing unit evidence and the rows as stored. DuckDB SQL: the
 * data set is always processed by DuckDB, also for a PostgreSQL store (bulk.ts explains).
 */
const Metadata = z.object({
  dialect: z.object({ delimiter: z.string() }).passthrough(),
  tables: z.array(
    z.object({
      url: z.string(),
      tableSchema: z.object({
        columns: z.array(
          z.object({
            name: z.string(),
            datatype: z.union([z.string(), z.object({ base: z.string() }).passthrough()]),
          }),
        ),
      }),
    }),
  ),
});

export interface BulkTable {
  file: string;
  columns: { name: string; sqlType: string }[];
}

/** The tables the import reads; the others (SIGNATURE, OTHERMANAGER, …) are never inflated. */
export const DATA_SET_TABLES = ['SUBMISSION', 'COVERPAGE', 'SUMMARYPAGE', 'INFOTABLE'] as const;

export function parseBulkMetadata(json: unknown, where: string): Map<string, BulkTable> {
  const metadata = parseSecJson(Metadata, json, where, 'FORM13F metadata');
  const out = new Map<string, BulkTable>();
  for (const t of metadata.tables) {
    out.set(t.url.replace(/\.tsv$/i, '').toUpperCase(), {
      file: t.url,
      columns: t.tableSchema.columns.map((c) => {
        const base = (typeof c.datatype === 'string' ? c.datatype : c.datatype.base).toLowerCase();
        // Dates are DD-MON-YYYY text: read as VARCHAR, converted with strptime below.
        return { name: c.name, sqlType: base === 'number' || base === 'integer' ? 'DOUBLE' : 'VARCHAR' };
      }),
    });
  }
  for (const need of DATA_SET_TABLES) {
    if (!out.has(need)) throw new TidewatchError('format-changed', `${where}: metadata has no ${need} table`);
  }
  return out;
}

export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function readCsvSql(file: string, t: BulkTable): string {
  const cols = t.columns.map((c) => `${q(c.name)}: ${q(c.sqlType)}`).join(', ');
  return `read_csv(${q(file)}, delim='\t', header=true, quote='', escape='', columns={${cols}})`;
}

export const day = (col: string) => `CAST(strptime(${col}, '%d-%b-%Y') AS DATE)`;

/** A VALUE or SSHPRNAMT that cannot be stored as a number: missing, inf or NaN. */
export const BAD_NUMBER = `(VALUE IS NULL OR NOT isfinite(VALUE) OR SSHPRNAMT IS NULL OR NOT isfinite(SSHPRNAMT))`;

/** A share row as value-unit.ts counts it (SH, shares > 0, value > 0). */
const SHARE_ROW = `SSHPRNAMTTYPE = 'SH' AND SSHPRNAMT > 0 AND VALUE > 0`;

/**
 * Pass 1 over INFOTABLE: one row per accession with the unit evidence of unit-rule.ts and the
 * count of unstorable numbers. Without stored prices only five columns are converted
 * (projection pushdown); with them the report date is parsed once per filing (build side).
 * Rows of an accession SUBMISSION does not list still count (they are the orphan rows).
 */
export function evidenceSql(infotable: string, priced: boolean): string {
  const inRange = (p: string) => `${p} BETWEEN px.low / ${PRICE_TOLERANCE} AND px.high * ${PRICE_TOLERANCE}`;
  const pxCols = priced
    ? `COUNT(px.low) FILTER (WHERE ${SHARE_ROW}) AS priced,
       COUNT(*) FILTER (WHERE ${SHARE_ROW} AND ${inRange('VALUE / SSHPRNAMT')}) AS px_usd,
       COUNT(*) FILTER (WHERE ${SHARE_ROW} AND NOT ${inRange('VALUE / SSHPRNAMT')} AND ${inRange('VALUE * 1000 / SSHPRNAMT')}) AS px_k`
    : '0 AS priced, 0 AS px_usd, 0 AS px_k';
  const pxJoin = priced
    ? `LEFT JOIN (SELECT ACCESSION_NUMBER AS acc, ${day('PERIODOFREPORT')} AS period FROM b13_sub) ps
         ON ps.acc = i.ACCESSION_NUMBER
       LEFT JOIN b13_px px ON px.cusip = upper(i.CUSIP) AND px.period = ps.period`
    : '';
  return `SELECT i.ACCESSION_NUMBER AS acc, COUNT(*) AS rows_n,
      COUNT(*) FILTER (WHERE ${SHARE_ROW}) AS n,
      median(VALUE / SSHPRNAMT) FILTER (WHERE ${SHARE_ROW}) AS med,
      COUNT(*) FILTER (WHERE ${BAD_NUMBER}) AS bad, ${pxCols}
    FROM ${infotable} i ${pxJoin} GROUP BY 1`;
}

/** b13_unit: per accession to import, the evidence and the decision of UNIT_RULES (in SQL). */
export function unitTableSql(): string {
  const { unit, rule } = unitCaseSql({
    priced: 'e.priced',
    pxUsd: 'e.px_usd',
    pxK: 'e.px_k',
    n: 'e.n',
    med: 'e.med',
    date: 'e.filed',
  });
  return `CREATE OR REPLACE TEMP TABLE b13_unit AS
    SELECT e.*, ${unit} AS unit, ${rule} AS rule FROM (
      SELECT s.ACCESSION_NUMBER AS acc, coalesce(p.rows_n, 0) AS rows_n, coalesce(p.n, 0) AS n, p.med,
        coalesce(p.priced, 0) AS priced, coalesce(p.px_usd, 0) AS px_usd, coalesce(p.px_k, 0) AS px_k,
        ${day('s.FILING_DATE')} AS filed, ${day('s.PERIODOFREPORT')} AS period
      FROM b13_sub s LEFT JOIN b13_pass1 p ON p.acc = s.ACCESSION_NUMBER) e`;
}

export const FILING_COLUMNS = [
  'accession',
  'cik',
  'filer_name',
  'form',
  'report_type',
  'period',
  'filed',
  'is_amendment',
  'amendment_no',
  'amendment_type',
  'table_entry_total',
  'table_value_total',
  'row_count',
  'value_unit',
  'unit_rule',
  'unit_detail',
  'other_managers',
  'warnings',
  'source',
  'sha256',
  'imported_at',
];

export function filingsSelectSql(ts: string): string {
  return `SELECT s.ACCESSION_NUMBER, CAST(s.CIK AS BIGINT), c.FILINGMANAGER_NAME, s.SUBMISSIONTYPE, c.REPORTTYPE,
      ${day('s.PERIODOFREPORT')}, u.filed, upper(coalesce(c.ISAMENDMENT, 'N')) IN ('Y', 'TRUE'),
      CAST(c.AMENDMENTNO AS INTEGER), nullif(upper(c.AMENDMENTTYPE), ''), CAST(sp.TABLEENTRYTOTAL AS BIGINT), sp.TABLEVALUETOTAL,
      u.rows_n, u.unit, u.rule,
      CASE WHEN u.rule = 'price-check' THEN CAST(CASE WHEN u.unit = 'usd' THEN u.px_usd ELSE u.px_k END AS VARCHAR)
             || ' of ' || u.priced || ' priced rows match the day''s price range (stored prices) read as '
             || CASE WHEN u.unit = 'usd' THEN 'dollars' ELSE 'thousands' END
           WHEN u.rule = 'implied-price' THEN 'median value/shares over ' || u.n || ' share rows is ' || round(u.med, 4)
           ELSE 'filed ' || CAST(u.filed AS VARCHAR) || ' vs ${DOLLARS_FROM}; ' || u.n || ' share row(s)' END,
      NULL, NULL, 'form13f-data-set', NULL, TIMESTAMP '${ts}'
    FROM b13_sub s JOIN b13_unit u ON u.acc = s.ACCESSION_NUMBER
    LEFT JOIN b13_cover c ON c.ACCESSION_NUMBER = s.ACCESSION_NUMBER
    LEFT JOIN b13_summary sp ON sp.ACCESSION_NUMBER = s.ACCESSION_NUMBER`;
}

/** The columns of sec_13f_rows, in the order both writers (per filing and data set) insert them. */
export const ROW_COLUMNS = [
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

/** Pass 2: the information table as stored, converted with the unit decided per accession. */
export function rowsSelectSql(infotable: string): string {
  return `SELECT i.ACCESSION_NUMBER,
      -- INFOTABLE_SK is the data set's row key: it serves as the line (repeats are refused)
      CAST(i.INFOTABLE_SK AS INTEGER),
      upper(i.CUSIP), nullif(i.FIGI, ''), i.NAMEOFISSUER, i.TITLEOFCLASS, i.VALUE,
      i.VALUE * CASE WHEN u.unit = 'usd_thousands' THEN ${unitFactor('usd_thousands')} ELSE 1 END,
      i.SSHPRNAMT, i.SSHPRNAMTTYPE,
      CASE lower(i.PUTCALL) WHEN 'put' THEN 'Put' WHEN 'call' THEN 'Call' ELSE NULL END,
      i.INVESTMENTDISCRETION, i.OTHERMANAGER, CAST(i.VOTING_AUTH_SOLE AS BIGINT), CAST(i.VOTING_AUTH_SHARED AS BIGINT),
      CAST(i.VOTING_AUTH_NONE AS BIGINT)
    FROM ${infotable} i JOIN b13_unit u ON u.acc = i.ACCESSION_NUMBER`;
}

/**
 * b13_px(cusip, period, low, high): the traded range on the last trading day ≤ each report date
 * (within 7 days) for CUSIPs in sec_cusip_map with bars in price_bars — raw bars first, then
 * split-adjusted ones brought back with later stored splits, as in stored-prices.ts. (The user's
 * mapping file is not read here: run `tidewatch 13f map-cusips` first.) False when empty.
 */
export async function buildPriceTable(tx: Db): Promise<boolean> {
  await tx.run(`CREATE OR REPLACE TEMP TABLE b13_px AS
    WITH periods AS (SELECT DISTINCT ${day('PERIODOFREPORT')} AS period FROM b13_sub),
    bars AS (
      SELECT m.cusip, p.period, b.symbol, b.date, b.close_basis,
        coalesce(b.low, b.close) AS low, coalesce(b.high, b.close) AS high,
        row_number() OVER (PARTITION BY m.cusip, p.period ORDER BY b.date DESC,
          CASE b.close_basis WHEN 'raw' THEN 0 WHEN 'split' THEN 1 ELSE 2 END) AS rn
      FROM sec_cusip_map m JOIN price_bars b ON b.symbol = m.ticker
      JOIN periods p ON b.date <= p.period AND b.date >= p.period - INTERVAL 7 DAY)
    SELECT bars.cusip, bars.period,
      bars.low * coalesce(f.factor, 1) AS low, bars.high * coalesce(f.factor, 1) AS high
    FROM bars LEFT JOIN LATERAL (
      SELECT product(a.value) AS factor FROM corporate_actions a
      WHERE a.symbol = bars.symbol AND a.kind = 'split' AND a.date > bars.date AND bars.close_basis <> 'raw') f ON true
    WHERE bars.rn = 1`);
  const n = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM b13_px');
  return (n[0]?.n ?? 0) > 0;
}
