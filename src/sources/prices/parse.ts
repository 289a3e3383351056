import { splitCsvLine } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertCompleteLastRow, endsWithLineBreak } from '../../core/wholeness.js';
import { csvLines, detectLayout } from './detect.js';
import { checkBars } from './quality.js';
import type { CloseBasis, ColumnMap, DroppedRow, ParsedPrices, PriceBar } from './types.js';

export interface ParsePriceOptions {
  /** Shown in messages and stored as the source ('file:<label>'); usually `folder/NAME.csv`. */
  file: string;
  symbol?: string;
  map?: ColumnMap;
  /** Override what the close column means (generic files). */
  closeBasis?: CloseBasis;
  /** What to do with a last row that looks like an unfinished day: drop (default) or keep with a note. */
  partialLast?: 'drop' | 'flag';
  /** Back-adjust jumps that match a split ratio (default true); when false they are an error. */
  repairSplits?: boolean;
}

/** Yahoo's `^` index prefix is dropped in file names (`^GSPC` -> `GSPC.csv`); restore it. */
const INDEX_NAMES = new Set(['GSPC', 'IXIC', 'NDX', 'VIX', 'TNX', 'DJI', 'RUT', 'SOX', 'TYX', 'IRX', 'FVX']);

export function symbolFromFileName(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.(head\.)?csv$/i, '').replace(/\.json$/i, '');
  const stooq = /^([a-z0-9.^-]+)_us_d$/i.exec(base);
  if (stooq?.[1]) return stooq[1].toUpperCase();
  const binance = /^([A-Z0-9]+?)(USDT|BUSD|USDC)_\d+[a-z]$/.exec(base);
  if (binance?.[1]) return binance[1];
  if (/^btc_usd/i.test(base)) return 'BTC';
  if (/^[A-Z]{1,3}_F$/.test(base)) return base.replace('_F', '=F');
  if (INDEX_NAMES.has(base)) return `^${base}`;
  return base.toUpperCase();
}

function parseDate(cell: string, file: string, line: number): string {
  const c = cell.trim();
  let d = c.length > 10 && /^\d{4}-\d{2}-\d{2}[ T]/.test(c) ? c.slice(0, 10) : c;
  if (/^\d{8}$/.test(d)) d = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (!isIsoDate(d)) {
    throw new TidewatchError('bad-input', `${file} line ${line}: date '${cell}' is not YYYY-MM-DD`);
  }
  return d;
}

/** null for the empty/'null'/'NaN' cells Yahoo writes on holidays; throws on other junk. */
function parseNum(cell: string | undefined, file: string, line: number, field: string): number | null {
  if (cell === undefined) return null;
  const c = cell.trim();
  if (c === '' || c === 'null' || c === 'NaN' || c === 'nan') return null;
  const v = Number(c);
  if (!Number.isFinite(v)) {
    throw new TidewatchError('bad-input', `${file} line ${line}: ${field} '${cell}' is not a number`);
  }
  return v;
}

/**
 * Classic Yahoo downloads end without a line break; such a last row is kept only when no
 * number in it looks cut off compared with the same column in the rows before it.
 */
function assertWholeLastBar(
  file: string,
  lineNo: number,
  lines: string[],
  i: number,
  first: number,
  numericCols: number[],
  header: string,
): void {
  const cells = splitCsvLine(lines[i]!);
  const names = splitCsvLine(header);
  const previous: string[][] = [];
  for (let k = i - 1; k >= first && previous.length < 10; k--) previous.push(splitCsvLine(lines[k] ?? ''));
  assertCompleteLastRow(file, lineNo, {
    columns: cells.length,
    expectedColumns: names.length,
    cells: numericCols.map((c) => ({
      field: (names[c] ?? `column ${c + 1}`).trim(),
      raw: cells[c] ?? '',
      previous: previous.map((r) => r[c] ?? ''),
    })),
  });
}

/**
 * Parse any supported daily-bar CSV into bars plus a report of what was dropped or repaired.
 * All-or-nothing: a file with a fatal problem throws and yields no bars.
 */
export function parsePriceCsv(text: string, opts: ParsePriceOptions): ParsedPrices {
  const { file } = opts;
  const lines = csvLines(text);
  const layout = detectLayout(lines, file, opts.map);
  const { cols } = layout;
  if (cols.date < 0 || cols.close < 0) {
    throw new TidewatchError('bad-input', `${file}: header '${lines[0]}' has no date or close column`);
  }
  const closeBasis = opts.closeBasis ?? layout.closeBasis;
  const bars: PriceBar[] = [];
  const dropped: DroppedRow[] = [];
  const notes: string[] = [];
  let badOhl = 0;
  const columns = splitCsvLine(lines[0] ?? '').length;
  const unterminated = !endsWithLineBreak(text);
  const numericCols = [cols.close, cols.adjClose, cols.open, cols.high, cols.low, cols.volume].filter(
    (c) => c >= 0,
  );
  for (let i = layout.headerLines; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const f = splitCsvLine(raw);
    // Every row has the header's columns: a row cut short is an error, not a bar with nulls.
    if (f.length !== columns) {
      throw new TidewatchError(
        'bad-input',
        `${file} line ${lineNo}: has ${f.length} of ${columns} columns ('${raw}')${i === lines.length - 1 && unterminated ? ': the file looks cut short' : ''}`,
      );
    }
    if (i === lines.length - 1 && unterminated)
      assertWholeLastBar(file, lineNo, lines, i, layout.headerLines, numericCols, lines[0] ?? '');
    const date = parseDate(f[cols.date] ?? '', file, lineNo);
    const close = parseNum(f[cols.close], file, lineNo, 'close');
    if (close === null) {
      dropped.push({ date, line: lineNo, reason: 'no close (null row)' });
      continue;
    }
    if (close <= 0) {
      throw new TidewatchError(
        'bad-input',
        `${file} line ${lineNo}: close ${f[cols.close]} on ${date} is not positive`,
        {
          hint: 'a zero or negative price is a data error; fix or remove the row',
        },
      );
    }
    const adj = cols.adjClose >= 0 ? parseNum(f[cols.adjClose], file, lineNo, 'adj close') : close;
    if (adj !== null && adj <= 0) {
      throw new TidewatchError(
        'bad-input',
        `${file} line ${lineNo}: adj close ${adj} on ${date} is not positive`,
      );
    }
    const ohl = [cols.open, cols.high, cols.low].map((c, k) => {
      if (c < 0) return null;
      const v = parseNum(f[c], file, lineNo, ['open', 'high', 'low'][k] ?? '');
      // Old index rows carry 0 for an open that was never recorded: keep the close, drop the zero.
      if (v !== null && v <= 0) {
        badOhl++;
        return null;
      }
      return v;
    });
    const volume = cols.volume >= 0 ? parseNum(f[cols.volume], file, lineNo, 'volume') : null;
    if (volume !== null && volume < 0) {
      throw new TidewatchError('bad-input', `${file} line ${lineNo}: negative volume ${volume} on ${date}`);
    }
    bars.push({
      date,
      open: ohl[0] ?? null,
      high: ohl[1] ?? null,
      low: ohl[2] ?? null,
      close,
      adjClose: adj ?? close,
      volume,
      line: lineNo,
    });
  }
  if (bars.length === 0) throw new TidewatchError('bad-input', `${file}: no data rows after the header`);
  if (badOhl > 0) notes.push(`${badOhl} zero/negative open/high/low cells set to null (close kept)`);

  const symbol = opts.symbol ?? layout.tickerInFile ?? symbolFromFileName(file);
  const source = `file:${file}`;
  const checked = checkBars(bars, {
    file,
    symbol,
    source,
    format: layout.format,
    closeBasis,
    partialLast: opts.partialLast ?? 'drop',
    repairSplits: opts.repairSplits ?? true,
  });
  return {
    file,
    format: layout.format,
    symbol,
    closeBasis,
    source,
    bars: checked.bars,
    actions: checked.actions,
    dropped: [...dropped, ...checked.dropped],
    notes: [...notes, ...checked.notes],
  };
}
