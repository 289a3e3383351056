import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { TidewatchError } from '../../../core/errors.js';
import { unitFactor } from '../../../core/units.js';
import type { Db } from '../../../store/db.js';
import {
  DOLLARS_ABOVE,
  DOLLARS_FROM,
  MIN_SAMPLE,
  PRICE_AGREEMENT,
  PRICE_TOLERANCE,
  THOUSANDS_BELOW,
} from './value-unit.js';

/**
 * SEC "Form 13F data sets" (quarterly zip of TSVs + FORM13F_metadata.json, a CSVW schema).
 * The TSVs go straight into DuckDB with read_csv, typed from the metadata (no row loop in
 * JavaScript), then into the same tables as parsed filings. Value units are decided per
 * accession in SQL with the same rules and constants as value-unit.ts (no price data here, so
 * implied-price with ≥ MIN_SAMPLE share rows, else filing date).
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

export function parseBulkMetadata(json: unknown, where: string): Map<string, BulkTable> {
  const r = Metadata.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new TidewatchError(
      'format-changed',
      `${where}: unexpected FORM13F metadata at '${i?.path.join('.')}': ${i?.message}`,
    );
  }
  const out = new Map<string, BulkTable>();
  for (const t of r.data.tables) {
    out.set(t.url.replace(/\.tsv$/i, '').toUpperCase(), {
      file: t.url,
      columns: t.tableSchema.columns.map((c) => {
        const base = (typeof c.datatype === 'string' ? c.datatype : c.datatype.base).toLowerCase();
        // Dates are DD-MON-YYYY text: read as VARCHAR, converted with strptime below.
        return { name: c.name, sqlType: base === 'number' || base === 'integer' ? 'DOUBLE' : 'VARCHAR' };
      }),
    });
  }
  for (const need of ['SUBMISSION', 'COVERPAGE', 'SUMMARYPAGE', 'INFOTABLE']) {
    if (!out.has(need)) throw new TidewatchError('format-changed', `${where}: metadata has no ${need} table`);
  }
  return out;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function readCsvSql(file: string, t: BulkTable): string {
  const cols = t.columns.map((c) => `${q(c.name)}: ${q(c.sqlType)}`).join(', ');
  return `read_csv(${q(file)}, delim='\t', header=true, quote='', escape='', columns={${cols}})`;
}

const day = (col: string) => `CAST(strptime(${col}, '%d-%b-%Y') AS DATE)`;

export interface BulkImportResult {
  filings: number;
  rows: number;
  skippedExisting: number;
}

/**
 * Import an extracted data-set folder (TSVs named as in the metadata). DuckDB only.
 *
 * Why it is shaped this way (bench/thirteenf.bench.ts, ~3M INFOTABLE rows): the information
 * table is never materialised in a temporary table nor in JavaScript. A first read_csv pass reads
 * only the four columns the unit rule needs (projection pushdown) and yields one row per
 * accession; the second pass streams the file straight into sec_13f_rows joined to that small
 * table. sec_13f_rows has no primary-key index since migration 202 (maintaining a 3M-entry ART
 * index doubled the time and added ~0.5 GiB): (accession, line) stays unique because every
 * writer replaces or skips a whole accession inside one transaction, and INFOTABLE_SK is unique
 * within a data set.
 */
export async function importBulkFolder(
  db: Db,
  dir: string,
  meta: Map<string, BulkTable>,
  now = new Date(),
): Promise<BulkImportResult> {
  if (db.dialect !== 'duckdb')
    throw new TidewatchError('config', 'bulk 13F import uses DuckDB read_csv; open a DuckDB store');
  const src = (name: string) => readCsvSql(path.join(dir, meta.get(name)!.file), meta.get(name)!);
  const ts = now.toISOString().replace('T', ' ').slice(0, 19);
  const thousands = unitFactor('usd_thousands');
  return db.transaction(async (tx) => {
    await tx.run(`CREATE OR REPLACE TEMP TABLE b13_sub AS SELECT * FROM ${src('SUBMISSION')}`);
    const existing = await tx.all<{ n: number }>(
      'SELECT COUNT(*) AS n FROM b13_sub WHERE ACCESSION_NUMBER IN (SELECT accession FROM sec_13f_filings)',
    );
    await tx.run('DELETE FROM b13_sub WHERE ACCESSION_NUMBER IN (SELECT accession FROM sec_13f_filings)');
    await tx.run(`CREATE OR REPLACE TEMP TABLE b13_cover AS SELECT * FROM ${src('COVERPAGE')}`);
    await tx.run(`CREATE OR REPLACE TEMP TABLE b13_summary AS SELECT * FROM ${src('SUMMARYPAGE')}`);
    // Stored prices (sec_cusip_map × price_bars) on each report date, for the price-check rule.
    const priced = await buildPriceTable(tx);
    const sh = `SSHPRNAMTTYPE = 'SH' AND SSHPRNAMT > 0 AND VALUE > 0`;
    const inRange = (p: string) =>
      `${p} BETWEEN px.low / ${PRICE_TOLERANCE} AND px.high * ${PRICE_TOLERANCE}`;
    // Pass 1: per accession, the row count, the implied-price median and (when prices are stored)
    // the price-check votes. Without prices only four columns are read (projection pushdown).
    const pxCols = priced
      ? `, COUNT(px.low) FILTER (WHERE ${sh}) AS priced,
          COUNT(*) FILTER (WHERE ${sh} AND ${inRange('VALUE / SSHPRNAMT')}) AS px_usd,
          COUNT(*) FILTER (WHERE ${sh} AND NOT ${inRange('VALUE / SSHPRNAMT')} AND ${inRange('VALUE * 1000 / SSHPRNAMT')}) AS px_k`
      : ', 0 AS priced, 0 AS px_usd, 0 AS px_k';
    const pxJoin = priced
      ? // the report date is parsed once per filing (build side), not once per row
        `JOIN (SELECT ACCESSION_NUMBER AS acc, ${day('PERIODOFREPORT')} AS period FROM b13_sub) ps
           ON ps.acc = i.ACCESSION_NUMBER
         LEFT JOIN b13_px px ON px.cusip = upper(i.CUSIP) AND px.period = ps.period`
      : '';
    const byPrice = (unit: string, votes: string) =>
      `imp.priced > 0 AND imp.${votes} >= ${PRICE_AGREEMENT} * imp.priced THEN '${unit}'`;
    await tx.run(`CREATE OR REPLACE TEMP TABLE b13_unit AS
      WITH imp AS (
        SELECT i.ACCESSION_NUMBER AS acc, COUNT(*) AS rows_n,
          COUNT(*) FILTER (WHERE ${sh}) AS n,
          median(VALUE / SSHPRNAMT) FILTER (WHERE ${sh}) AS med ${pxCols}
        FROM ${src('INFOTABLE')} i ${pxJoin} GROUP BY 1)
      SELECT s.ACCESSION_NUMBER AS acc, coalesce(imp.rows_n, 0) AS rows_n, coalesce(imp.n, 0) AS n, imp.med,
        imp.priced, imp.px_usd, imp.px_k, ${day('s.FILING_DATE')} AS filed,
        CASE WHEN ${byPrice('usd', 'px_usd')} WHEN ${byPrice('usd_thousands', 'px_k')}
             WHEN imp.n >= ${MIN_SAMPLE} AND imp.med < ${THOUSANDS_BELOW} THEN 'usd_thousands'
             WHEN imp.n >= ${MIN_SAMPLE} AND imp.med > ${DOLLARS_ABOVE} THEN 'usd'
             WHEN ${day('s.FILING_DATE')} >= DATE '${DOLLARS_FROM}' THEN 'usd' ELSE 'usd_thousands' END AS unit,
        CASE WHEN imp.priced > 0 AND greatest(imp.px_usd, imp.px_k) >= ${PRICE_AGREEMENT} * imp.priced THEN 'price-check'
             WHEN imp.n >= ${MIN_SAMPLE} AND (imp.med < ${THOUSANDS_BELOW} OR imp.med > ${DOLLARS_ABOVE})
             THEN 'implied-price' ELSE 'filing-date' END AS rule
      FROM b13_sub s LEFT JOIN imp ON imp.acc = s.ACCESSION_NUMBER`);
    await tx.run(`INSERT INTO sec_13f_filings (accession, cik, filer_name, form, report_type, period, filed, is_amendment,
        amendment_no, amendment_type, table_entry_total, table_value_total, row_count, value_unit, unit_rule, unit_detail,
        other_managers, warnings, source, sha256, imported_at)
      SELECT s.ACCESSION_NUMBER, CAST(s.CIK AS BIGINT), c.FILINGMANAGER_NAME, s.SUBMISSIONTYPE, c.REPORTTYPE,
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
      LEFT JOIN b13_summary sp ON sp.ACCESSION_NUMBER = s.ACCESSION_NUMBER`);
    // Pass 2: stream the information table into sec_13f_rows, converting with the unit decided above.
    await tx.run(`INSERT INTO sec_13f_rows (accession, line, cusip, figi, issuer, title_of_class, value_reported, value_usd,
        shares, share_type, put_call, discretion, other_managers, voting_sole, voting_shared, voting_none)
      SELECT i.ACCESSION_NUMBER,
        -- INFOTABLE_SK is unique in a data set: it serves as the line key without a window sort
        CAST(i.INFOTABLE_SK AS INTEGER),
        upper(i.CUSIP), nullif(i.FIGI, ''), i.NAMEOFISSUER, i.TITLEOFCLASS, i.VALUE,
        i.VALUE * CASE WHEN u.unit = 'usd_thousands' THEN ${thousands} ELSE 1 END,
        i.SSHPRNAMT, i.SSHPRNAMTTYPE,
        CASE lower(i.PUTCALL) WHEN 'put' THEN 'Put' WHEN 'call' THEN 'Call' ELSE NULL END,
        i.INVESTMENTDISCRETION, i.OTHERMANAGER, CAST(i.VOTING_AUTH_SOLE AS BIGINT), CAST(i.VOTING_AUTH_SHARED AS BIGINT),
        CAST(i.VOTING_AUTH_NONE AS BIGINT)
      FROM ${src('INFOTABLE')} i JOIN b13_unit u ON u.acc = i.ACCESSION_NUMBER`);
    const r = await tx.all<{ f: number; n: number }>(
      'SELECT COUNT(*) AS f, coalesce(SUM(rows_n), 0) AS n FROM b13_unit',
    );
    for (const t of ['b13_sub', 'b13_cover', 'b13_summary', 'b13_unit', 'b13_px'])
      await tx.run(`DROP TABLE IF EXISTS ${t}`);
    return { filings: r[0]?.f ?? 0, rows: r[0]?.n ?? 0, skippedExisting: existing[0]?.n ?? 0 };
  });
}

/**
 * b13_px(cusip, period, low, high): the traded range on the last trading day ≤ each report date
 * (within 7 days) for CUSIPs in sec_cusip_map with bars in price_bars — raw bars first, then
 * split-adjusted ones brought back with later stored splits, as in stored-prices.ts. (The user's
 * mapping file is not read here: run `tidewatch 13f map-cusips` first.) False when empty.
 */
async function buildPriceTable(tx: Db): Promise<boolean> {
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

/** Import a data-set zip: unzip to a temporary folder, read_csv each TSV, clean up. */
export async function importBulkZip(
  db: Db,
  zip: Uint8Array,
  meta: Map<string, BulkTable>,
  where: string,
): Promise<BulkImportResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new TidewatchError('bad-input', `${where}: not a readable zip (${(e as Error).message})`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidewatch-13f-'));
  try {
    const names = new Set<string>();
    for (const [name, bytes] of Object.entries(files)) {
      const base = path.basename(name);
      if (!/\.tsv$/i.test(base)) continue;
      writeFileSync(path.join(dir, base), bytes);
      names.add(base.toUpperCase());
    }
    for (const need of ['SUBMISSION', 'COVERPAGE', 'SUMMARYPAGE', 'INFOTABLE']) {
      if (!names.has(meta.get(need)!.file.toUpperCase()))
        throw new TidewatchError('bad-input', `${where}: zip has no ${meta.get(need)!.file}`);
    }
    return await importBulkFolder(db, dir, meta);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
