import { splitCsvLine } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { csvLines } from '../prices/detect.js';
import { median } from '../prices/quality.js';

/** One funding figure: a per-8h settlement print, or a daily mean of the day's prints. */
export interface FundingRow {
  /** Settlement time 'YYYY-MM-DDTHH:MM:00Z' for 8-hourly prints; 'YYYY-MM-DDT00:00:00Z' for daily means. */
  time: string;
  date: string;
  /** Per-8h funding rate as a DECIMAL (0.0001 = 0.01 %), whatever the file used. */
  rate: number;
  /** Mean absolute per-8h rate (daily files only). */
  absRate: number | null;
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
      if (last.rate !== r.rate) {
        throw new TidewatchError(
          'bad-input',
          `${file}: ${r.time} appears twice with rates ${last.rate} and ${r.rate}`,
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
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new TidewatchError('bad-input', `${file}: invalid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(data)) throw new TidewatchError('bad-input', `${file}: expected a JSON array`);
    const rows = data.map((pair, i) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') {
        throw new TidewatchError(
          'bad-input',
          `${file}: element ${i} is not [fundingTime_ms, rate]: ${JSON.stringify(pair)}`,
        );
      }
      const time = fromEpochMs(pair[0]);
      return { time, date: time.slice(0, 10), rate: pair[1], absRate: null };
    });
    return finish(file, '8h', rows, [], forceUnit);
  }
  const lines = csvLines(text);
  const header = splitCsvLine(lines[0] ?? '')
    .map((h) => h.trim().toLowerCase())
    .join(',');
  const rows: FundingRow[] = [];
  if (header === 'date,fundingrate') {
    for (let i = 1; i < lines.length; i++) {
      const f = splitCsvLine(lines[i]!);
      const time = parseDayFirst(f[0] ?? '', file, i + 1);
      rows.push({
        time,
        date: time.slice(0, 10),
        rate: num(f[1], file, i + 1, 'FundingRate'),
        absRate: null,
      });
    }
    return finish(file, '8h', rows, [], forceUnit);
  }
  if (header === 'date,funding_mean,funding_abs') {
    for (let i = 1; i < lines.length; i++) {
      const f = splitCsvLine(lines[i]!);
      const date = (f[0] ?? '').trim();
      if (!isIsoDate(date))
        throw new TidewatchError('bad-input', `${file} line ${i + 1}: date '${f[0]}' is not YYYY-MM-DD`);
      rows.push({
        time: `${date}T00:00:00Z`,
        date,
        rate: num(f[1], file, i + 1, 'funding_mean'),
        absRate: num(f[2], file, i + 1, 'funding_abs'),
      });
    }
    return finish(file, '1d', rows, [], forceUnit);
  }
  throw new TidewatchError('bad-input', `${file}: unrecognised funding header '${lines[0]}'`, {
    hint: 'known: Date,FundingRate (DD/MM/YY H:MM) | date,funding_mean,funding_abs | JSON [[ms, rate], …]',
  });
}
