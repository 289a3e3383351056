import { TidewatchError } from '../../core/errors.js';
import { checkLastRow, readDelimited } from './csv.js';
import type { FdRow } from './fiscaldata.js';

/**
 * The CSV a person downloads from a Fiscal Data dataset page (fiscaldata.treasury.gov → "CSV"),
 * read into the API's own row shape (`FdRow`, snake_case field → string), so the site file and
 * the API go through the same converters (`toDebtToPenny`, `toAuctionRecords`) into the same
 * series and tables. The site file names its columns by the dataset dictionary's labels
 * ('Total Public Debt Outstanding' for `tot_pub_debt_out_amt`); a CSV written from API JSON
 * uses the field names themselves; both are accepted. The file may start with a BOM, quote
 * its cells, write missing values as `null` and money as dollars with cents (`"$1,234.56"`).
 *
 * Operating cash and public debt transactions have their own readers (dts-cash.ts,
 * dts-debt.ts) that already take both the site labels and the API names.
 */
export type SiteDataset = 'debt-to-penny' | 'auctions';

/** API field → labels accepted for it (compared lower-case without spaces and punctuation). */
const FIELDS: Record<SiteDataset, Record<string, string[]>> = {
  'debt-to-penny': {
    record_date: ['Record Date'],
    debt_held_public_amt: ['Debt Held by the Public'],
    intragov_hold_amt: ['Intragovernmental Holdings'],
    tot_pub_debt_out_amt: ['Total Public Debt Outstanding'],
  },
  auctions: {
    cusip: ['CUSIP'],
    security_type: ['Security Type'],
    security_term: ['Security Term'],
    cash_management_bill_cmb: ['Cash Management Bill (CMB)', 'Cash Management Bill'],
    auction_date: ['Auction Date'],
    issue_date: ['Issue Date'],
    maturity_date: ['Maturity Date'],
    offering_amt: ['Offering Amount'],
    total_accepted: ['Total Accepted'],
    total_tendered: ['Total Tendered'],
    comp_tendered: ['Competitive Tendered'],
    primary_dealer_tendered: ['Primary Dealer Tendered'],
    soma_accepted: ['SOMA Accepted'],
    high_yield: ['High Yield'],
    high_discnt_rate: ['High Discount Rate'],
    bid_to_cover_ratio: ['Bid To Cover Ratio', 'Bid-to-Cover Ratio'],
  },
};

/** Columns that must be present for the file to be that dataset. */
const REQUIRED: Record<SiteDataset, string[]> = {
  'debt-to-penny': ['record_date', 'tot_pub_debt_out_amt'],
  auctions: ['cusip', 'auction_date', 'issue_date', 'offering_amt', 'total_accepted'],
};

/** Numeric columns checked on an unterminated last row. */
const NUMERIC: Record<SiteDataset, string[]> = {
  'debt-to-penny': ['tot_pub_debt_out_amt', 'debt_held_public_amt'],
  auctions: ['offering_amt', 'total_accepted'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function columnMap(dataset: SiteDataset, header: string[]): Map<string, number> {
  const byLabel = new Map<string, string>();
  for (const [field, labels] of Object.entries(FIELDS[dataset])) {
    byLabel.set(norm(field), field);
    for (const l of labels) byLabel.set(norm(l), field);
  }
  const out = new Map<string, number>();
  header.forEach((h, i) => {
    const field = byLabel.get(norm(h));
    if (field && !out.has(field)) out.set(field, i);
  });
  return out;
}

/** Which site dataset a header line belongs to, or null. */
export function siteDatasetOf(header: string[]): SiteDataset | null {
  for (const dataset of Object.keys(FIELDS) as SiteDataset[]) {
    const cols = columnMap(dataset, header);
    if (REQUIRED[dataset].every((f) => cols.has(f))) return dataset;
  }
  return null;
}

/** `"$1,234.56"` → `1234.56`; other cells unchanged (trimmed). Only well-formed dollar amounts. */
export function siteCell(raw: string): string {
  const s = raw.trim();
  if (/^-?\$?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^-?\$\d+(\.\d+)?$/.test(s)) return s.replace(/[$,]/g, '');
  return s;
}

/**
 * Read a Fiscal Data site CSV of `dataset` into API-shaped rows; `where[i]` is row i's line.
 * Whole-file checks first: every row has all columns, an unterminated last row is plausible.
 */
export function readSiteCsv(
  text: string | Iterable<string>,
  file: string,
  dataset: SiteDataset,
): { rows: FdRow[]; where: string[] } {
  const t = readDelimited(text, file);
  const cols = columnMap(dataset, t.header);
  const missing = REQUIRED[dataset].filter((f) => !cols.has(f));
  if (missing.length) {
    throw new TidewatchError(
      'bad-input',
      `${file}: line 1: column(s) for ${missing.join(', ')} missing (header: ${t.header.slice(0, 8).join(', ')}…)`,
      {
        hint: 'download the dataset from fiscaldata.treasury.gov with all columns',
      },
    );
  }
  const numeric = NUMERIC[dataset].flatMap((f) => (cols.has(f) ? [cols.get(f)!] : []));
  const typeCol = cols.get('security_type');
  checkLastRow(t, file, numeric, (a, b) => typeCol === undefined || a[typeCol] === b[typeCol]);
  const rows: FdRow[] = [];
  const where: string[] = [];
  for (const { line, cells } of t.rows) {
    const row: FdRow = {};
    for (const [field, i] of cols) row[field] = siteCell(cells[i] ?? '');
    rows.push(row);
    where.push(`line ${line}`);
  }
  return { rows, where };
}
