import { splitCsvLine } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { csvLines } from '../prices/detect.js';

export interface FearGreedRow {
  date: string;
  value: number;
}

/** Alternative.me Crypto Fear & Greed index export: `date,fng`, integers 0–100. */
export function parseFearGreed(text: string, file: string): FearGreedRow[] {
  const lines = csvLines(text);
  if ((lines[0] ?? '').trim().toLowerCase() !== 'date,fng') {
    throw new TidewatchError('bad-input', `${file}: expected header 'date,fng', got '${lines[0]}'`);
  }
  const out: FearGreedRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [d, v] = splitCsvLine(lines[i]!);
    const value = Number(v);
    if (!isIsoDate((d ?? '').trim()))
      throw new TidewatchError('bad-input', `${file} line ${i + 1}: bad date '${d}'`);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      throw new TidewatchError('bad-input', `${file} line ${i + 1}: fng '${v}' is not an integer 0–100`);
    }
    out.push({ date: d!.trim(), value });
  }
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
  return lines.slice(1).map((l, i) => {
    const [time, user, ntl, acct, lev] = splitCsvLine(l);
    const notionalUsd = Number(ntl);
    const accountValueUsd = Number(acct);
    if (
      !/^\d{4}-\d{2}-\d{2}T/.test(time ?? '') ||
      !Number.isFinite(notionalUsd) ||
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
