import { splitCsvLine } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import type { Plausible } from '../../core/plausibility.js';
import { median } from '../../core/stats.js';
import { assertCompleteLastRow, parseJsonWhole } from '../../core/wholeness.js';
import { csvLines } from '../prices/detect.js';

/** One funding figure: a per-8h settlement print, or a daily mean of the day's prints. */
export interface FundingRow {
  /** Settlement time 'YYYY-MM-DDTHH:MM:00Z' for 8-hourly prints; 'YYYY-MM-DDT00:00:00Z' for daily means. */
  time: string;
  date: string;
  /** Per-8h funding rate as a DECIMAL (0.0001 = 0.01 %), whatever the file used. */
  rate: number;
  /** Mean absolute per-8h rate (daily files only). */
  absRate: number | null;
  /** 'line N' / 'element N' of the file, for messages. */
  where?: string;
}

export interface ParsedFunding {
  file: string;
  interval: '8h' | '1d';
  /** The unit the file was written in; values in `rows` are always decimal. */
  fileUnit: 'decimal' | 'percent';
  rows: FundingRow[];
  notes: string[];
}

/**
 * Median |rate| above this means the file is in percent. Decimal per-8h funding sits near the
 * 0.0001 baseline (Binance's 0.01 %) with a median below 0.0002 in every file here; the same
 * rates in percent have a median near 0.0075 (the eth-dashboard JSON).
 */
const PERCENT_MEDIAN_THRESHOLD = 0.001;

export function detectFundingUnit(rates: number[]): 'decimal' | 'percent' {
  const m = median(rates.map(Math.abs).filter((x) => x !== 0));
  return m > PERCENT_MEDIAN_THRESHOLD ? 'percent' : 'decimal';
}

/**
 * A per-8h funding rate (decimal) beyond ±5 % does not happen on the exchanges here (Binance
 * caps BTC at a few percent; the real files peak near 0.3 %): such a value is a broken input
 * or a unit the detection got wrong. Settlement times start with BitMEX's perpetual in 2016.
 */
export const FUNDING_RULE: Plausible = { sign: 'any', since: '2016-01-01', min: -0.05, max: 0.05 };

function num(cell: string | undefined, file: string, line: number, field: string): number {
  const v = Number((cell ?? '').trim());
  if ((cell ?? '').trim() === '' || !Number.isFinite(v)) {
    throw new TidewatchError('bad-input', `${file} line ${line}: ${field} '${cell}' is not a number`);
  }
  return v;
}

/** `15/03/23 8:00` — day-first, two-digit year, unpadded hour (the Bitcoin-Tail-Risk export). */
function parseDayFirst(cell: string, file: string, line: number): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})$/.exec(cell.trim());
  const bad = () =>
    new TidewatchError('bad-input', `${file} line ${line}: time '${cell}' is not DD/MM/YY H:MM`, {
      hint: 'this format is day-first; 2-digit years are read as 20YY',
    });
  if (!m) throw bad();
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const date = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!isIsoDate(date) || Number(m[4]) > 23) throw bad();
  return `${date}T${m[4]!.padStart(2, '0')}:${m[5]}:00Z`;
}

/** Binance fundingTime carries a few ms of jitter after the settlement: round to the minute. */
function fromEpochMs(ms: number): string {
  const d = new Date(Math.round(ms / 60_000) * 60_000);
  return `${d.toISOString().slice(0, 16)}:00Z`;
}

function finish(
  file: string,
  interval: '8h' | '1d',
  rows: FundingRow[],
  notes: string[],
  forceUnit?: 'decimal' | 'percent',
): ParsedFunding {
  if (rows.length === 0) throw new TidewatchError('bad-input', `${file}: no funding rows`);
  const fileUnit = forceUnit ?? detectFundingUnit(rows.map((r) => r.rate));
  if (fileUnit === 'percent') {
    for (const r of rows) {
      r.rate /= 100;
      if (r.absRate !== null) r.absRate /= 100;
    }
    notes.push('rates were in percent (median |rate| > 0.001): divided by 100 to decimal');
  }
  let desc = true;
  let asc = true;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.time > rows[i - 1]!.time) desc = false;
    if (rows[i]!.time < rows[i - 1]!.time) asc = false;
  }
  if (!asc) {
    rows.sort((a, b) => (a.time < b.time ? -1 : 1));
    notes.push(desc ? 'rows were newest-first: reversed' : 'rows were out of order: sorted');
  }
  const unique: FundingRow[] = [];
  for (const r of rows) {
    const last = unique[unique.length - 1];
    if (last?.time === r.time) {
      if (last.rate !== r.rate || last.absRate !== r.absRate) {
        throw new TidewatchError(
          'bad-input',
          `${file}: ${r.time} appears twice with rates ${last.rate} (${last.where ?? '?'}) and ${r.rate} (${r.where ?? '?'})`,
          { hint: 'keep one row per settlement' },
        );
      }
      continue;
    }
    unique.push(r);
  }
  if (unique.length < rows.length) notes.push(`${rows.length - unique.length} duplicate rows dropped`);
  const step = interval === '8h' ? 8 * 3_600_000 : 86_400_000;
  let gaps = 0;
  for (let i = 1; i < unique.length; i++) {
    if (Date.parse(unique[i]!.time) - Date.parse(unique[i - 1]!.time) > step * 1.5) gaps++;
  }
  if (gaps > 0) notes.push(`${gaps} gap(s) in the ${interval} cadence`);
  return { file, interval, fileUnit, rows: unique, notes };
}

/** Parse any of the funding files: the two CSV layouts and the `[ms, percent]` JSON pairs. */
export function parseFundingFile(
  text: string,
  file: string,
  forceUnit?: 'decimal' | 'percent',
): ParsedFunding {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    const data = parseJsonWhole(trimmed, file);
    if (!Array.isArray(data)) throw new TidewatchError('bad-input', `${file}: expected a JSON array`);
    const rows: FundingRow[] = [];
    for (let i = 0; i < data.length; i++) {
      const pair: unknown = data[i];
      // JSON `1e999` parses to Infinity: finite numbers only, and a settlement time inside 2016 … today.
      if (
        !Array.isArray(pair) ||
        pair.length !== 2 ||
        !Number.isFinite(pair[0]) ||
        !Number.isFinite(pair[1]) ||
        Math.abs(pair[0] as number) > 8.64e15
      ) {
        throw new TidewatchError(
          'bad-input',
          `${file}: element ${i} is not [fundingTime_ms, rate] with finite numbers: [${Array.isArray(pair) ? pair.map(String).join(', ') : JSON.stringify(pair)}]`,
        );
      }
      const time = fromEpochMs(pair[0] as number);
      rows.push({
        time,
        date: time.slice(0, 10),
        rate: pair[1] as number,
        absRate: null,
        where: `element ${i}`,
      });
    }
    return finish(file, '8h', rows, [], forceUnit);
  }
  const lines = csvLines(text);
  const header = splitCsvLine(lines[0] ?? '')
    .map((h) => h.trim().toLowerCase())
    .join(',');
  const rows: FundingRow[] = [];
  const columns = header.split(',').length;
  // Cells of one row, after the whole-file checks: all columns, and a last line without a line
  // end must not look cut short (rate column compared with the rows before it).
  const cellsOf = (i: number): string[] => {
    const f = splitCsvLine(lines[i]!);
    if (f.length !== columns)
      throw new TidewatchError(
        'bad-input',
        `${file} line ${i + 1}: has ${f.length} of ${columns} columns ('${lines[i]}')`,
      );
    if (i === lines.length - 1 && !/[\r\n]$/.test(text)) {
      const previous = lines
        .slice(Math.max(1, i - 10), i)
        .reverse()
        .map((l) => splitCsvLine(l)[1] ?? '');
      assertCompleteLastRow(file, i + 1, {
        columns: f.length,
        expectedColumns: columns,
        cells: [{ field: 'funding rate', raw: f[1] ?? '', previous }],
      });
    }
    return f;
  };
  if (header === 'date,fundingrate') {
    for (let i = 1; i < lines.length; i++) {
      const f = cellsOf(i);
      const time = parseDayFirst(f[0] ?? '', file, i + 1);
      rows.push({
        time,
        date: time.slice(0, 10),
        rate: num(f[1], file, i + 1, 'FundingRate'),
        absRate: null,
        where: `line ${i + 1}`,
      });
    }
    return finish(file, '8h', rows, [], forceUnit);
  }
  if (header === 'date,funding_mean,funding_abs') {
    for (let i = 1; i < lines.length; i++) {
      const f = cellsOf(i);
      const date = (f[0] ?? '').trim();
      if (!isIsoDate(date))
        throw new TidewatchError('bad-input', `${file} line ${i + 1}: date '${f[0]}' is not YYYY-MM-DD`);
      rows.push({
        time: `${date}T00:00:00Z`,
        date,
        rate: num(f[1], file, i + 1, 'funding_mean'),
        absRate: num(f[2], file, i + 1, 'funding_abs'),
        where: `line ${i + 1}`,
      });
    }
    return finish(file, '1d', rows, [], forceUnit);
  }
  throw new TidewatchError('bad-input', `${file}: unrecognised funding header '${lines[0]}'`, {
    hint: 'known: Date,FundingRate (DD/MM/YY H:MM) | date,funding_mean,funding_abs | JSON [[ms, rate], …]',
  });
}
