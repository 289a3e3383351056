import { TidewatchError } from './errors.js';

/**
 * Split one CSV line (RFC 4180: quoted fields may hold the delimiter and doubled quotes).
 * The fast path handles the usual unquoted line with a plain split.
 */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A text read in pieces (a streamed file): its first characters, and the pieces in order. */
export interface TextPieces {
  head: string;
  pieces: Iterable<string>;
}

/**
 * Whether `text` can be read again: a string, an array, a file's pieces (an iterable that makes
 * a new iterator each time), not a generator or an iterator, which are their own iterator.
 */
export const readableAgain = (text: Iterable<string>): boolean =>
  (text[Symbol.iterator]() as unknown) !== text;

/** One line of a text: its content, 1-based number, and whether a line break ended it. */
export type Line = readonly [line: string, lineNo: number, terminated: boolean];

/**
 * The lines of a text given in pieces (a whole string, or the decoded chunks of a file read a
 * piece at a time): LF, CRLF or bare CR end a line, also when a CRLF is split between two pieces.
 * The one line splitter of every text format here: holds one piece and one partial line, never
 * an array of all lines, so a 200 MB file costs no more than the piece being read. A line begun
 * in one piece is finished with the start of the next, and the rest of that piece is read in
 * place: joining the two first made a copy of every piece (as much text again as the file).
 */
export function* linesOf(pieces: Iterable<string>): Generator<Line> {
  // The start of a line from earlier pieces; it ends in '\r' when the CR was a piece's last character.
  let carry = '';
  let lineNo = 0;
  for (const piece of pieces) {
    if (piece === '') continue;
    let start = 0;
    if (carry.endsWith('\r')) {
      yield [carry.slice(0, -1), ++lineNo, true];
      carry = '';
      if (piece.charCodeAt(0) === 10) start = 1;
    }
    const n = piece.length;
    // Next LF and next CR at or after `start`, found with the native indexOf and kept until passed.
    let lf = piece.indexOf('\n', start);
    let cr = piece.indexOf('\r', start);
    for (;;) {
      if (lf >= 0 && lf < start) lf = piece.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = piece.indexOf('\r', start);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      // No line end yet, or a CR that may be the first half of a CRLF in the next piece.
      if (end < 0 || (end === cr && end + 1 === n)) break;
      const line = piece.slice(start, end);
      yield [carry ? carry + line : line, ++lineNo, true];
      carry = '';
      start = end + (end === cr && end + 1 === lf ? 2 : 1);
    }
    carry += start ? piece.slice(start) : piece;
  }
  if (carry.endsWith('\r')) yield [carry.slice(0, -1), ++lineNo, true];
  else if (carry) yield [carry, ++lineNo, false];
}

/**
 * Call `fn` for each line of `text` (see linesOf), with its 1-based number and whether a line
 * break ended it (false only for a last line without one). Return `false` from `fn` to stop early.
 */
export function forEachLine(
  text: string,
  fn: (line: string, lineNo: number, terminated: boolean) => unknown,
): void {
  for (const [line, lineNo, terminated] of linesOf([text]))
    if (fn(line, lineNo, terminated) === false) return;
}

/**
 * A small CSV document (header + rows, each with its 1-based line number; blank lines skipped),
 * read with the same line and field rules as every other CSV here. A field may not span lines:
 * an odd count of quotes on a line is refused as an unterminated quoted field.
 */
export function parseCsvTable(
  text: string,
  source: string,
): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const rows: { line: number; cells: string[] }[] = [];
  forEachLine(text.replace(/^\uFEFF/, ''), (line, lineNo) => {
    if (line.trim() === '') return;
    if ((line.match(/"/g)?.length ?? 0) % 2)
      throw new TidewatchError('bad-input', `${source}: line ${lineNo}: unterminated quoted field`);
    rows.push({ line: lineNo, cells: splitCsvLine(line) });
  });
  const head = rows.shift();
  if (!head) throw new TidewatchError('bad-input', `${source}: empty file`);
  return { header: head.cells.map((h) => h.trim()), rows };
}
