import { forEachLine, splitCsvLine } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertCompleteLastRow } from '../../core/wholeness.js';
import { csvLines } from '../prices/detect.js';

export interface FearGreedRow {
  date: string;
  value: number;
  /** 'line N' of the file, for messages. */
  where?: string;
}

/**
 * Alternative.me Crypto Fear & Greed index export: `date,fng`, integers 0–100. Every row has
 * both columns; a day given twice with another value is an error naming both lines (an
 * identical repeat is dropped with a note); a last line without a line end must look whole.
 */
export function parseFearGreed(text: string, file: string, notes: string[] = []): FearGreedRow[] {
  const out: FearGreedRow[] = [];
  const byDate = new Map<string, FearGreedRow>();
  const recent: string[] = [];
  let header = false;
  let repeats = 0;
  forEachLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (line, lineNo, terminated) => {
    if (!header) {
      if (line.trim().toLowerCase() !== 'date,fng') {
        throw new TidewatchError(
          'bad-input',
          `${file}: line ${lineNo}: expected header 'date,fng', got '${line}'`,
        );
      }
      header = true;
      return;
    }
    if (line.trim() === '') return;
    const cells = splitCsvLine(line);
    if (cells.length !== 2)
      throw new TidewatchError(
        'bad-input',
        `${file} line ${lineNo}: has ${cells.length} of 2 columns ('${line}')`,
      );
    const [d, v] = cells as [string, string];
    if (!terminated)
      assertCompleteLastRow(file, lineNo, {
        columns: 2,
        expectedColumns: 2,
        cells: [{ field: 'fng', raw: v, previous: recent }],
      });
    recent.unshift(v);
    if (recent.length > 10) recent.pop();
    const value = Number(v);
    const date = d.trim();
    if (!isIsoDate(date)) throw new TidewatchError('bad-input', `${file} line ${lineNo}: bad date '${d}'`);
    if (v.trim() === '' || !Number.isInteger(value) || value < 0 || value > 100) {
      throw new TidewatchError('bad-input', `${file} line ${lineNo}: fng '${v}' is not an integer 0–100`);
    }
    const row: FearGreedRow = { date, value, where: `line ${lineNo}` };
    const first = byDate.get(date);
    if (first) {
      if (first.value !== value) {
        throw new TidewatchError(
          'bad-input',
          `${file}: ${date} is given twice with different values: ${first.value} (${first.where}) and ${value} (line ${lineNo})`,
          {
            hint: 'keep one row per day',
          },
        );
      }
      repeats++;
      return;
    }
    byDate.set(date, row);
    out.push(row);
  });
  if (!header) throw new TidewatchError('bad-input', `${file}: empty file, expected header 'date,fng'`);
  if (repeats) notes.push(`${repeats} repeated identical day(s) collapsed`);
  return out;
}

export interface LiquidationRow {
  time: string;
  date: string;
  account: string;
  /** Liquidated position notional, US$. */
  notionalUsd: number;
  accountValueUsd: number;
  leverageType: string;
}

/**
 * Hyperliquid's own liquidation dump (`time,user,liquidated_ntl_pos,liquidated_account_value,
 * leverage_type`). No coin or side column: a format sample, not a market-wide signal.
 */
export function parseHyperliquidLiquidations(text: string, file: string): LiquidationRow[] {
  const lines = csvLines(text);
  const header = (lines[0] ?? '').trim().toLowerCase();
  if (header !== 'time,user,liquidated_ntl_pos,liquidated_account_value,leverage_type') {
    throw new TidewatchError('bad-input', `${file}: unrecognised liquidation header '${lines[0]}'`);
  }
  const unterminated = !/[\r\n]$/.test(text);
  return lines.slice(1).map((l, i) => {
    const cells = splitCsvLine(l);
    if (cells.length !== 5)
      throw new TidewatchError(
        'bad-input',
        `${file} line ${i + 2}: has ${cells.length} of 5 columns ('${l}')`,
      );
    const [time, user, ntl, acct, lev] = cells;
    // Notionals span orders of magnitude, so a cut number cannot be told from a small one; the
    // last column is a word, though, and a line cut anywhere loses (part of) it.
    if (unterminated && i === lines.length - 2 && !/^(Cross|Isolated)$/.test((lev ?? '').trim())) {
      throw new TidewatchError(
        'bad-input',
        `${file}: line ${i + 2}: the last line has no line end and leverage_type '${lev}' is not Cross or Isolated: the file looks cut short`,
      );
    }
    const notionalUsd = Number(ntl);
    const accountValueUsd = Number(acct);
    const date = (time ?? '').slice(0, 10);
    if (
      !/^\d{4}-\d{2}-\d{2}T/.test(time ?? '') ||
      !isIsoDate(date) ||
      (ntl ?? '').trim() === '' ||
      !Number.isFinite(notionalUsd) ||
      notionalUsd < 0 ||
      !Number.isFinite(accountValueUsd)
    ) {
      throw new TidewatchError('bad-input', `${file} line ${i + 2}: cannot read '${l}'`);
    }
    return {
      time: time!,
      date: time!.slice(0, 10),
      account: user ?? '',
      notionalUsd,
      accountValueUsd,
      leverageType: lev ?? '',
    };
  });
}

/** Liquidated notional per UTC day. */
export function liquidationsByDay(
  rows: LiquidationRow[],
): { date: string; notionalUsd: number; count: number }[] {
  const m = new Map<string, { date: string; notionalUsd: number; count: number }>();
  for (const r of rows) {
    const e = m.get(r.date) ?? { date: r.date, notionalUsd: 0, count: 0 };
    e.notionalUsd += r.notionalUsd;
    e.count++;
    m.set(r.date, e);
  }
  return [...m.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
