import { linesOf, readableAgain, splitCsvLine } from '../../core/csv.js';
import { TidewatchError } from '../../core/errors.js';
import { assertCompleteLastRow, type LastCell } from '../../core/wholeness.js';

/**
 * A small delimited-text reader for the Treasury/TreasuryDirect exports. They differ in BOM
 * (DTS cash has one), line ends (CRLF in PubDebtTrans and auctions), delimiter (`;` in the
 * auctions export) and whether the last line ends with a newline; none uses quoting today, but
 * quotes are honoured so a future export with a comma inside a label does not shift columns.
 */
export interface CsvTable {
  header: string[];
  /**
   * Rows as arrays, read as they are iterated (once); `line` is the 1-based line number in the
   * file for error messages. Only a window of recent rows is kept, for the last-row check.
   */
  rows: Iterable<{ line: number; cells: string[] }>;
  /** Set by checkLastRow: run on the last row once the iteration reaches the end. */
  lastRowCheck?: (last: Row, recent: readonly Row[]) => void;
}

type Row = { line: number; cells: string[] };

/** Earlier rows an unterminated last row can be compared with (the comparable ones are picked from these). */
const RECENT = 500;

/** The raw texts of the latest RECENT rows, oldest first once full (a ring): split only when asked. */
class RecentRows {
  private readonly texts: string[] = [];
  private readonly lines = new Float64Array(RECENT);
  private next = 0;
  add(raw: string, line: number): void {
    this.texts[this.next] = raw;
    this.lines[this.next] = line;
    this.next = (this.next + 1) % RECENT;
  }
  rows(delimiter: string): Row[] {
    const n = this.texts.length;
    return Array.from({ length: n }, (_, k) => {
      // Before the ring is full, `next` is its length: the oldest is at 0 either way.
      const i = (this.next + k) % n;
      return { line: this.lines[i]!, cells: splitCsvLine(this.texts[i]!, delimiter) };
    });
  }
}

/**
 * Read a delimited export, whole or in pieces. Every row must have as many cells as the header:
 * a row cut short (`2025-06-30,Treasury General Account (TGA) Closing Balance,4569`: 3 of 15
 * columns) is an error naming its line, never a row with missing cells.
 */
export function readDelimited(text: string | Iterable<string>, source: string, delimiter = ','): CsvTable {
  const pieces = typeof text === 'string' ? [text.charCodeAt(0) === 0xfeff ? text.slice(1) : text] : text;
  const lines = linesOf(pieces);
  const first = lines.next();
  if (first.done || first.value[0].trim() === '')
    throw new TidewatchError('bad-input', `${source}: empty file (no header line)`);
  const header = splitCsvLine(first.value[0], delimiter).map((h) => h.trim());
  const table: CsvTable = { header, rows: [] };
  function* rows(): Generator<Row> {
    // The rows before the last, for the last-row check. A text that can be read again keeps none:
    // at a last row without a line end it is read again up to that row. A text read once keeps
    // the latest rows' texts as it goes. Keeping them (or their cells) for every file made each
    // GC copy them: on a 25 MB DTS file that grew V8's young generation to its largest size,
    // ~12 MB of the import's peak.
    const kept = readableAgain(pieces) ? null : new RecentRows();
    let last: Row | undefined;
    let lastRaw = '';
    let unterminated = false;
    for (let read = lines.next(); !read.done; read = lines.next()) {
      const [raw, line, terminated] = read.value;
      if (raw.trim() === '') continue;
      const cells = splitCsvLine(raw, delimiter);
      if (cells.length !== header.length) {
        throw new TidewatchError(
          'bad-input',
          `${source}: line ${line}: has ${cells.length} of ${header.length} columns ('${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}')${terminated ? '' : ': the file looks cut short'}`,
        );
      }
      if (last) kept?.add(lastRaw, last.line);
      last = { line, cells };
      lastRaw = raw;
      unterminated = !terminated;
      yield last;
    }
    if (last && unterminated && table.lastRowCheck) {
      let recent = kept;
      if (!recent) {
        recent = new RecentRows();
        for (const [raw, line] of linesOf(pieces)) {
          if (line >= last.line) break;
          if (line > 1 && raw.trim() !== '') recent.add(raw, line);
        }
      }
      table.lastRowCheck(last, recent.rows(delimiter));
    }
  }
  table.rows = rows();
  return table;
}

/**
 * When the table's last row has no line end, check its numeric cells against the same columns
 * of the comparable earlier rows (`sameKind` picks them: the same account, the same security
 * type), so a number cut short is refused (see core/wholeness.ts). Call it before iterating the
 * rows: the check runs when the iteration reaches the end.
 */
export function checkLastRow(
  table: CsvTable,
  source: string,
  numericColumns: readonly number[],
  sameKind: (a: string[], b: string[]) => boolean = () => true,
): void {
  table.lastRowCheck = (last, recent) => {
    const comparable: string[][] = [];
    for (let i = recent.length - 1; i >= 0 && comparable.length < 10; i--) {
      const r = recent[i]!;
      if (sameKind(r.cells, last.cells)) comparable.push(r.cells);
    }
    const cells: LastCell[] = numericColumns.map((c) => ({
      field: table.header[c] ?? `column ${c + 1}`,
      raw: last.cells[c] ?? '',
      previous: comparable.map((r) => r[c] ?? ''),
    }));
    assertCompleteLastRow(source, last.line, {
      columns: last.cells.length,
      expectedColumns: table.header.length,
      cells,
    });
  };
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

/** Integer/decimal cell in a plain (dot-decimal) export; '', 'null' and 'NaN' are missing; inf is refused. */
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
