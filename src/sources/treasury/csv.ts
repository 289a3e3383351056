import { splitCsvLine } from '../../core/csv.js';
import { TidewatchError } from '../../core/errors.js';

/**
 * A small delimited-text reader for the Treasury/TreasuryDirect exports. They differ in BOM
 * (DTS cash has one), line ends (CRLF in PubDebtTrans and auctions), delimiter (`;` in the
 * auctions export) and whether the last line ends with a newline; none uses quoting today, but
 * quotes are honoured so a future export with a comma inside a label does not shift columns.
 */
export interface CsvTable {
  header: string[];
  /** Rows as arrays; `line` is the 1-based line number in the file for error messages. */
  rows: { line: number; cells: string[] }[];
}

export function readDelimited(text: string, source: string, delimiter = ','): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  const first = lines[0];
  if (first === undefined || first.trim() === '') {
    throw new TidewatchError('bad-input', `${source}: empty file (no header line)`);
  }
  const header = splitCsvLine(first, delimiter).map((h) => h.trim());
  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    rows.push({ line: i + 1, cells: splitCsvLine(raw, delimiter) });
  }
  return { header, rows };
}

/** Column index lookup that fails with the file and the missing column's name. */
export function columnIndex(table: CsvTable, name: string, source: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) {
    throw new TidewatchError(
      'bad-input',
      `${source}: required column '${name}' missing (header: ${table.header.slice(0, 8).join(', ')}…)`,
      { hint: 'export the table from fiscaldata.treasury.gov with all columns' },
    );
  }
  return i;
}

/** Integer/decimal cell in a plain (dot-decimal) export; '', 'null' and 'NaN' are missing. */
export function plainNumber(
  cell: string | undefined,
  source: string,
  line: number,
  field: string,
): number | null {
  const s = (cell ?? '').trim();
  if (s === '' || s === 'null' || s === 'NaN') return null;
  const v = Number(s);
  if (!Number.isFinite(v)) {
    throw new TidewatchError('bad-input', `${source}:${line}: field '${field}' is not a number: '${s}'`);
  }
  return v;
}
