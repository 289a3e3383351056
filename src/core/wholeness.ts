import { TidewatchError } from './errors.js';
import { median } from './stats.js';

/**
 * Is a file whole? A cut-short file parses fine more often than not (`2025-11-12,6580` is a
 * valid row), so every parser asks these questions before anything is written:
 * - text formats: does the last line end with a line break? If not (some real exports never
 *   write one: DTS_OpCashBal, classic Yahoo, 13F .txt), the last row must look like its
 *   neighbours (`assertCompleteLastRow`);
 * - XML/HTML/SGML: is the root element closed at the end (`assertRootClosed`)?
 * - JSON: does it parse (`parseJsonWhole`: a cut JSON array or object never does)?
 */

/** True when the text ends with a line break (the last line is complete). */
export function endsWithLineBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 10 || c === 13;
}

/** Digits after the decimal point as written ('6580462' → 0, '953816.000' → 3, '1e-04' → 0). */
function decimalsOf(raw: string): number {
  const m = /\.(\d*)/.exec(raw);
  return m ? m[1]!.length : 0;
}

/** One numeric cell of an unterminated last row, with the same column's cells in comparable rows. */
export interface LastCell {
  field: string;
  raw: string;
  /** Raw cells of the same column in comparable earlier rows, nearest first (empties allowed). */
  previous: readonly string[];
}

/** How many comparable cells are looked at, and how many are needed before judging. */
const WINDOW = 10;
const MIN_HISTORY = 5;
/** A last value this many times below the median of its neighbours is a cut-off number. */
const CUT_FACTOR = 5;

/**
 * Why an unterminated last row's cell looks cut short, or null. A cut removes characters from
 * the end, so it shows as fewer decimals than a column written with a fixed precision
 * ('4.1' where every earlier row has two decimals), as lost integer digits (6580 where the
 * neighbours are 6.5 million: at least ×10 smaller, and written shorter than they are), or as
 * an empty value.
 */
export function cutShortReason(cell: LastCell): string | null {
  const raw = cell.raw.trim();
  const prev: string[] = [];
  for (const p of cell.previous) {
    const t = p.trim();
    if (t !== '' && Number.isFinite(Number(t))) prev.push(t);
    if (prev.length >= WINDOW) break;
  }
  if (raw === '') return prev.length ? 'the value is empty' : null;
  // '6580.', '1.2e', '1e-': a number cut between its parts.
  if (/[.eE+-]$/.test(raw)) return `the number ends in '${raw.slice(-1)}'`;
  const v = Number(raw);
  if (!Number.isFinite(v)) return null; // the parser reports non-numbers itself
  if (prev.length < MIN_HISTORY) return null;
  const d = decimalsOf(prev[0]!);
  if (d > 0 && prev.every((p) => decimalsOf(p) === d) && decimalsOf(raw) < d) {
    return `${decimalsOf(raw)} decimal(s) where the previous ${prev.length} values all have ${d}`;
  }
  // A cut only removes characters: a value written no shorter than its neighbours is whole
  // (a funding rate 0.00001 after 0.0001 is a change, not a cut).
  const vals = prev.map(Number);
  const longest = Math.max(...prev.map((p) => p.length));
  if (raw.length < longest && vals.every((x) => x > 0)) {
    const m = median(vals);
    if (v < m / CUT_FACTOR) return `${raw} is far below the previous ${prev.length} values (median ${m})`;
  }
  return null;
}

/**
 * A last row without a line break is accepted only when it is complete and plausible: every
 * column present and no numeric cell cut short (see cutShortReason). Throws naming the file,
 * the line and the value.
 */
export function assertCompleteLastRow(
  origin: string,
  line: number,
  opts: { columns: number; expectedColumns: number; cells: readonly LastCell[] },
): void {
  const cut = (why: string) =>
    new TidewatchError(
      'bad-input',
      `${origin}: line ${line}: the last line has no line end and ${why}: the file looks cut short`,
      {
        hint: 'download or copy the file again',
      },
    );
  if (opts.columns !== opts.expectedColumns)
    throw cut(`has ${opts.columns} of ${opts.expectedColumns} columns`);
  for (const c of opts.cells) {
    const why = cutShortReason(c);
    if (why) throw cut(`${c.field} '${c.raw}' looks cut off (${why})`);
  }
}

/** Name of the document's root element: the first start tag after the prolog and comments. */
export function rootElementName(text: string): string | null {
  let i = 0;
  const n = Math.min(text.length, 1_000_000);
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= n) return null;
    // Skip the prolog, comments and declarations; an unclosed one means no root at all.
    const close = text.startsWith('<?', lt)
      ? '?>'
      : text.startsWith('<!--', lt)
        ? '-->'
        : text.startsWith('<!', lt)
          ? '>'
          : null;
    if (close === null) {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 200));
      return m ? m[1]! : null;
    }
    const end = text.indexOf(close, lt + 2);
    if (end < 0) return null;
    i = end + close.length;
  }
  return null;
}

/**
 * An XML, XHTML or SGML (EDGAR .txt/.nc) document is whole when its root element is closed at
 * the very end (whitespace aside): `</SEC-DOCUMENT>`, `</ns1:informationTable>`, `</html>`.
 */
export function assertRootClosed(text: string, origin: string): void {
  const root = rootElementName(text);
  if (!root)
    throw new TidewatchError('bad-input', `${origin}: line 1: no root element: not an XML/SGML document`);
  const tail = text.trimEnd();
  const close = new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`, 'i');
  if (!close.test(tail.slice(-root.length - 40))) {
    let lines = 1;
    for (let k = 0; k < tail.length; k++) if (tail.charCodeAt(k) === 10) lines++;
    throw new TidewatchError(
      'bad-input',
      `${origin}: line ${lines}: the root element <${root}> is never closed (the file ends '${tail.slice(-40).replace(/\s+/g, ' ')}'): the file looks cut short`,
      { hint: 'download or copy the file again' },
    );
  }
}

/** JSON.parse naming the line and column of the error (a cut document always fails here). */
export function parseJsonWhole(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const p = Number(pos[1]);
      let line = 1;
      let col = 1;
      for (let k = 0; k < p && k < text.length; k++) {
        if (text.charCodeAt(k) === 10) {
          line++;
          col = 1;
        } else col++;
      }
      where = ` line ${line}, column ${col}:`;
    } else if (/end of (JSON )?input/i.test(msg)) {
      where = ' at the end:';
    }
    throw new TidewatchError(
      'bad-input',
      `${origin}:${where} not valid JSON (${msg.split('\n')[0]}); cut short or not JSON`,
    );
  }
}
