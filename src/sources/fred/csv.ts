import { linesOf, type TextPieces } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertCompleteLastRow } from '../../core/wholeness.js';

export interface FredCsv {
  /** Series id from the header, upper-cased (`date,m2sl` → M2SL). */
  seriesId: string;
  /** Rows with a value; `line` is the 1-based line in the file (for messages). */
  rows: Array<{ date: string; value: number; line: number }>;
  /** Rows whose value cell was empty or '.' (holidays, days without operations). */
  missing: number;
  firstDate: string | null;
  lastDate: string | null;
}

const DATE_HEADERS = new Set(['observation_date', 'date']);

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** How many earlier values an unterminated last line is compared with. */
const HISTORY = 10;

/**
 * Parse a FRED CSV as saved by a user or served by fredgraph.csv. Accepts every variant seen in
 * ../shared/data/fred: `observation_date,ID` (empty = missing), legacy `DATE,ID` ('.' = missing),
 * pandas `date,ID` with float text, quoted `"Date","ID"`, lower-case ids, CRLF, BOM, the value
 * column before the date column. Rejects, naming origin/line/value: HTML bodies, a header for
 * another series, non-numeric values, bad/duplicated/unordered dates (both lines named),
 * truncated rows, and a last line without a line end that looks cut short (`2025-11-12,6580`
 * after 6.5 million: see core/wholeness.ts); fredgraph.csv bodies must end with a newline.
 */
export function parseFredCsv(
  text: string | TextPieces,
  origin: string,
  expectedId?: string,
  opts: { requireFinalNewline?: boolean } = {},
): FredCsv {
  // A whole text (a download) or a file read in pieces (BOM already removed): the same parse.
  const body = typeof text !== 'string' ? '' : text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const head = (typeof text === 'string' ? body : text.head).trimStart();
  if (head.startsWith('<')) {
    throw new TidewatchError(
      'bad-input',
      `${origin}: got HTML instead of CSV (body starts '${head.slice(0, 40).replace(/\s+/g, ' ')}')`,
      {
        hint: 'the server sent an error page; check the series id or try again later',
      },
    );
  }
  // fredgraph.csv always ends with a newline; a body cut inside a number would otherwise parse.
  if (opts.requireFinalNewline && body.length && !/[\r\n]$/.test(body)) {
    const tail = body.slice(body.lastIndexOf('\n') + 1);
    throw new TidewatchError(
      'bad-input',
      `${origin}: truncated response: last line '${tail}' has no line end`,
      {
        hint: 'the download was cut short; run the update again',
      },
    );
  }

  let header: string[] | undefined;
  let headerLine = '';
  let dateCol = 0;
  let valueCol = 1;
  let seriesId = '';
  const rows: FredCsv['rows'] = [];
  let missing = 0;
  let prev = '';
  let prevLine = 0;
  // The last few raw value cells, newest first, for the unterminated-last-line check.
  const recent: string[] = [];
  for (const [line, lineNo, terminated] of linesOf(typeof text === 'string' ? [body] : text.pieces)) {
    if (line.trim() === '') continue;
    if (!header) {
      headerLine = line;
      header = line.split(',').map(unquote);
      if (header.length !== 2) {
        throw new TidewatchError(
          'bad-input',
          `${origin}: line ${lineNo}: expected two columns (a date and one series), got '${line}'`,
        );
      }
      dateCol = header.findIndex((h) => DATE_HEADERS.has(h.toLowerCase()));
      if (dateCol < 0) {
        throw new TidewatchError(
          'bad-input',
          `${origin}: line ${lineNo}: no date column (observation_date/DATE/date) in '${line}'`,
        );
      }
      valueCol = 1 - dateCol;
      seriesId = header[valueCol]!.toUpperCase();
      if (!/^[A-Z0-9_]+$/.test(seriesId)) {
        throw new TidewatchError(
          'bad-input',
          `${origin}: line ${lineNo}: '${header[valueCol]}' is not a FRED series id`,
        );
      }
      if (expectedId && seriesId !== expectedId.toUpperCase()) {
        throw new TidewatchError(
          'format-changed',
          `${origin}: header names series ${seriesId}, expected ${expectedId.toUpperCase()}`,
        );
      }
      continue;
    }
    const comma = line.indexOf(',');
    if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: line ${lineNo}: expected 'date,value', got '${line}' (truncated or malformed file?)`,
      );
    }
    const cells = [line.slice(0, comma), line.slice(comma + 1)];
    const date = unquote(cells[dateCol]!);
    const raw = unquote(cells[valueCol]!);
    if (!isIsoDate(date)) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: line ${lineNo}: '${date}' is not a date YYYY-MM-DD (truncated file?)`,
      );
    }
    if (date <= prev) {
      const what = date === prev ? 'duplicated' : 'out of order';
      throw new TidewatchError(
        'bad-input',
        `${origin}: line ${lineNo}: date ${date} is ${what} (line ${prevLine} has ${prev})`,
      );
    }
    if (!terminated) {
      // Only the last line can lack a line end: accept it only when it is complete and plausible.
      assertCompleteLastRow(origin, lineNo, {
        columns: 2,
        expectedColumns: 2,
        cells: [{ field: `${seriesId} value`, raw, previous: recent }],
      });
    }
    prev = date;
    prevLine = lineNo;
    recent.unshift(raw);
    if (recent.length > HISTORY) recent.pop();
    if (raw === '' || raw === '.') {
      missing++;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: line ${lineNo}: value '${raw}' for ${date} is not a number`,
      );
    }
    rows.push({ date, value, line: lineNo });
  }
  if (!header) throw new TidewatchError('bad-input', `${origin}: empty file`);
  if (!rows.length && !missing)
    throw new TidewatchError(
      'bad-input',
      `${origin}: no data rows after the header '${headerLine}' (truncated?)`,
    );
  return { seriesId, rows, missing, firstDate: rows[0]?.date ?? null, lastDate: rows.at(-1)?.date ?? null };
}
