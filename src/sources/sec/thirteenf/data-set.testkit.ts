import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { dataFile } from '../../../../test/shared-data.js';
import { type BulkTable, parseBulkMetadata } from './bulk-sql.js';
import { parseThirteenF, parseThirteenFParts } from './filing.js';
import { secText } from './test-files.js';
import type { ParsedThirteenF } from './types.js';

/**
 * Test and bench support: one row of a Form 13F data-set table in the metadata's column order,
 * from the values that matter (every other column empty). Naming columns keeps hand-written
 * rows readable and fails loudly on a misspelt one.
 */
export function dataSetRow(
  meta: Map<string, BulkTable>,
  table: string,
  values: Record<string, string>,
): string[] {
  const columns = meta.get(table)?.columns.map((c) => c.name);
  if (!columns) throw new Error(`no table ${table} in the 13F data-set metadata`);
  for (const k of Object.keys(values)) {
    if (!columns.includes(k)) throw new Error(`${table} has no column ${k}`);
  }
  return columns.map((c) => values[c] ?? '');
}

export const META_PATH = () => dataFile('sec', 'bulk13f', 'FORM13F_metadata.json');
export const realMeta = () =>
  parseBulkMetadata(JSON.parse(readFileSync(META_PATH(), 'utf8')), 'FORM13F_metadata.json');

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** 2023-08-14 → 14-AUG-2023, the data sets' date format. */
export const dsDate = (iso: string) =>
  `${iso.slice(8, 10)}-${MONTHS[Number(iso.slice(5, 7)) - 1]}-${iso.slice(0, 4)}`;

export const tsvText = (meta: Map<string, BulkTable>, table: string, rows: string[][]) =>
  `${meta
    .get(table)!
    .columns.map((c) => c.name)
    .join('\t')}\n${rows.map((r) => `${r.join('\t')}\n`).join('')}`;

/** One INFOTABLE row of a parsed filing's row, with its data-set key. */
export function infoTableCells(accession: string, sk: number, r: ParsedThirteenF['rows'][number]): string[] {
  return [
    accession,
    String(sk),
    r.issuer,
    r.titleOfClass,
    r.cusip,
    r.figi ?? '',
    String(r.value),
    String(r.shares),
    r.shareType,
    r.putCall ?? '',
    r.discretion,
    r.otherManagers.join(','),
    String(r.votingSole),
    String(r.votingShared),
    String(r.votingNone),
  ];
}

/**
 * The four tables of a data set holding real parsed filings, as EDGAR would publish them
 * (FILING_DATE is the filing date, or the period end when a file does not say — the same date
 * the per-filing unit rule uses then). Keys are the filings' accessions.
 */
export function dataSetOf(
  meta: Map<string, BulkTable>,
  filings: Array<{ accession: string; parsed: ParsedThirteenF }>,
): Record<string, string> {
  const sub: string[][] = [];
  const cover: string[][] = [];
  const summary: string[][] = [];
  const info: string[][] = [];
  let sk = 0;
  for (const { accession, parsed: p } of filings) {
    const c = p.cover;
    sub.push([
      accession,
      dsDate(p.filed ?? c?.signatureDate ?? p.period),
      p.form,
      String(p.cik),
      dsDate(p.period),
    ]);
    cover.push(
      dataSetRow(meta, 'COVERPAGE', {
        ACCESSION_NUMBER: accession,
        REPORTCALENDARORQUARTER: dsDate(p.period),
        ISAMENDMENT: c?.isAmendment ? 'Y' : 'N',
        AMENDMENTNO: c?.amendmentNo ? String(c.amendmentNo) : '',
        AMENDMENTTYPE: c?.amendmentType ?? '',
        FILINGMANAGER_NAME: p.filerName ?? '',
        REPORTTYPE: c?.reportType ?? '13F HOLDINGS REPORT',
      }),
    );
    summary.push([
      accession,
      '0',
      String(p.rows.length),
      String(p.rows.reduce((s, r) => s + r.value, 0)),
      'N',
    ]);
    for (const r of p.rows) info.push(infoTableCells(accession, ++sk, r));
  }
  return {
    'SUBMISSION.tsv': tsvText(meta, 'SUBMISSION', sub),
    'COVERPAGE.tsv': tsvText(meta, 'COVERPAGE', cover),
    'SUMMARYPAGE.tsv': tsvText(meta, 'SUMMARYPAGE', summary),
    'INFOTABLE.tsv': tsvText(meta, 'INFOTABLE', info),
  };
}

/** Zip text entries (and the real metadata file) into `file`. */
export function writeZip(file: string, entries: Record<string, string | Uint8Array>, withMeta = true): void {
  const z: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(entries)) z[k] = typeof v === 'string' ? strToU8(v) : v;
  if (withMeta) z['FORM13F_metadata.json'] = new Uint8Array(readFileSync(META_PATH()));
  writeFileSync(file, zipSync(z));
}

/** Every real 13F filing in shared/data/sec (26), keyed by accession (local keys for files without one). */
export function realDataSetFilings(): Array<{ accession: string; parsed: ParsedThirteenF }> {
  const out: Array<{ accession: string; parsed: ParsedThirteenF }> = [];
  let local = 0;
  const add = (p: ParsedThirteenF) =>
    out.push({ accession: p.accession ?? `9999999999-99-${String(++local).padStart(6, '0')}`, parsed: p });
  for (const folder of ['13f', 'scion'])
    for (const f of readdirSync(dataFile('sec', folder)).sort()) {
      if (f.endsWith('.md') || /infotable|information_table/.test(f)) continue;
      if (/^fss_primary_doc/.test(f)) continue; // paired with its information table below
      add(parseThirteenF(secText(folder, f), { source: f }));
    }
  for (const n of ['', '_2', '_3'])
    add(
      parseThirteenFParts(
        {
          cover: secText('13f', `fss_primary_doc${n}.xml`),
          infoTable: secText('13f', `fss_infotable${n}.xml`),
        },
        { source: `fss${n}` },
      ),
    );
  // bare information tables: the filer and quarter given as a person would (--cik/--period)
  add(
    parseThirteenF(secText('13f', 'et_13F-HR.infotable.xml'), { source: 'et', cik: 1, period: '2023-09-30' }),
  );
  add(
    parseThirteenF(secText('13f', 'secsample_information_table.xml'), {
      source: 'sample',
      cik: 2,
      period: '2021-12-31',
    }),
  );
  return out;
}
