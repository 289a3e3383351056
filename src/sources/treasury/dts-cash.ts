import { assertIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { toCanonical } from '../../core/units.js';
import { checkLastRow, columnIndex, plainNumber, readDelimited } from './csv.js';

/**
 * Daily Treasury Statement, Table I "Operating Cash Balance" → one daily TGA series.
 *
 * The table changed shape on 2022-04-18 (DTS redesign):
 * - old layout (to 2022-04-15): one row per account with OPENING balances only; the TGA row is
 *   named `Federal Reserve Account` until 2021-09-30 and `Treasury General Account (TGA)` after.
 *   A day's closing balance is the next business day's opening balance.
 * - new layout (from 2022-04-18): four rows a day; the `… Closing Balance` row carries the
 *   closing value in all three numeric columns (2026-06-23: 925876).
 * The Fiscal Data API has the same rows with snake_case names (`open_today_bal`,
 * `close_today_bal`); its `close_today_bal` is "null" for the new-layout TGA rows.
 * All amounts are US$ millions in the source and US dollars here.
 */
export interface DtsCashRow {
  date: string;
  account: string;
  openToday: number | null;
  closeToday: number | null;
  /** Where the row came from ('line 12', 'data[3]'), for messages. */
  where?: string;
}

export interface TgaDay {
  date: string;
  /** Opening balance, US$. */
  open: number | null;
  /** Closing balance, US$. */
  close: number;
  /** 'reported' = explicit closing row/column; 'next-opening' = next business day's opening. */
  closeSource: 'reported' | 'next-opening';
  deposits: number | null;
  withdrawals: number | null;
  /** Row the closing balance was read from, for messages. */
  where?: string;
}

export interface TgaSeries {
  days: TgaDay[];
  warnings: string[];
}

type Role = 'open' | 'close' | 'deposits' | 'withdrawals' | 'other' | 'open-and-close';

/** Account labels we know. `other` rows are part of the table but not the TGA itself. */
const ACCOUNT_ROLES: Record<string, Role> = {
  'Federal Reserve Account': 'open-and-close',
  'Treasury General Account (TGA)': 'open-and-close',
  'Treasury General Account (TGA) Opening Balance': 'open',
  'Treasury General Account (TGA) Closing Balance': 'close',
  'Total TGA Deposits (Table II)': 'deposits',
  'Total TGA Withdrawals (Table II) (-)': 'withdrawals',
  'Supplementary Financing Program Account': 'other',
  'Short-Term Cash Investments (Table V)': 'other',
  // Pre-2008 tax-and-loan balances sat in commercial banks, not at the Fed: not in the TGA.
  'Tax and Loan Note Accounts (Table V)': 'other',
};

/** Read either the website export (human labels) or an API-field CSV (snake_case). */
export function parseDtsCashCsv(
  text: string | Iterable<string>,
  source: string,
): { rows: DtsCashRow[]; warnings: string[] } {
  const t = readDelimited(text, source);
  const api = t.header.includes('record_date');
  const iDate = columnIndex(t, api ? 'record_date' : 'Record Date', source);
  const iAcct = columnIndex(t, api ? 'account_type' : 'Type of Account', source);
  const iOpen = columnIndex(t, api ? 'open_today_bal' : 'Opening Balance Today', source);
  const iClose = api ? columnIndex(t, 'close_today_bal', source) : -1;
  // The website export has no final newline: its last row must match the same account's rows.
  checkLastRow(t, source, [iOpen, ...(iClose >= 0 ? [iClose] : [])], (a, b) => a[iAcct] === b[iAcct]);
  const rows: DtsCashRow[] = [];
  for (const { line, cells } of t.rows) {
    const date = (cells[iDate] ?? '').trim();
    try {
      assertIsoDate(date, `${source}:${line} field '${api ? 'record_date' : 'Record Date'}'`);
    } catch (e) {
      throw e instanceof TidewatchError ? e : new TidewatchError('bad-input', String(e));
    }
    rows.push({
      date,
      account: (cells[iAcct] ?? '').trim(),
      openToday: plainNumber(cells[iOpen], source, line, api ? 'open_today_bal' : 'Opening Balance Today'),
      closeToday: iClose >= 0 ? plainNumber(cells[iClose], source, line, 'close_today_bal') : null,
      where: `line ${line}`,
    });
  }
  return { rows, warnings: [] };
}

/** Fold account rows (any order, any layout) into one ascending daily TGA series in US$. */
export function buildTgaSeries(rows: DtsCashRow[], source: string): TgaSeries {
  const warnings: string[] = [];
  const unknown = new Map<string, number>();
  const byDate = new Map<
    string,
    {
      open: number | null;
      close: number | null;
      dep: number | null;
      wd: number | null;
      closeWhere?: string;
      openWhere?: string;
    }
  >();
  const usd = (v: number | null) => (v === null ? null : toCanonical(v, 'usd_millions'));
  // One row per (date, account): a second one with other numbers is an error naming both rows.
  const firstRow = new Map<string, DtsCashRow>();
  let identical = 0;
  for (const r of rows) {
    const role = ACCOUNT_ROLES[r.account];
    if (role === undefined) {
      unknown.set(r.account, (unknown.get(r.account) ?? 0) + 1);
      continue;
    }
    const key = `${r.date}|${r.account}`;
    const first = firstRow.get(key);
    if (first) {
      if (first.openToday === r.openToday && first.closeToday === r.closeToday) {
        identical++;
        continue;
      }
      throw new TidewatchError(
        'bad-input',
        `${source}: ${r.date} '${r.account}' appears twice with different balances: ${first.openToday ?? first.closeToday} (${first.where ?? '?'}) and ${r.openToday ?? r.closeToday} (${r.where ?? '?'})`,
        { hint: 'keep one row per day and account' },
      );
    }
    firstRow.set(key, r);
    if (role === 'other') continue;
    let d = byDate.get(r.date);
    if (!d) {
      d = { open: null, close: null, dep: null, wd: null };
      byDate.set(r.date, d);
    }
    if (role === 'open') {
      d.open = usd(r.openToday);
      d.openWhere = r.where;
    } else if (role === 'close') {
      d.close = usd(r.openToday ?? r.closeToday);
      d.closeWhere = r.where;
    } else if (role === 'deposits') d.dep = usd(r.openToday);
    else if (role === 'withdrawals') d.wd = usd(r.openToday);
    else {
      d.open = usd(r.openToday);
      d.openWhere = r.where;
      if (r.closeToday !== null) {
        d.close = usd(r.closeToday);
        d.closeWhere = r.where;
      }
    }
  }
  if (identical > 0) warnings.push(`${source}: ${identical} repeated identical row(s) collapsed`);
  for (const [name, n] of unknown) {
    warnings.push(`${source}: ignored ${n} row(s) with unknown account type '${name}'`);
  }
  const dates = [...byDate.keys()].sort();
  const days: TgaDay[] = [];
  let breaks = 0;
  for (let i = 0; i < dates.length; i++) {
    const d = byDate.get(dates[i]!)!;
    const next = i + 1 < dates.length ? byDate.get(dates[i + 1]!) : undefined;
    let close = d.close;
    let closeSource: TgaDay['closeSource'] = 'reported';
    let where = d.closeWhere;
    if (close === null && next?.open != null) {
      close = next.open;
      closeSource = 'next-opening';
      where = next.openWhere;
    }
    if (close === null) {
      warnings.push(
        `${source}: ${dates[i]} has no closing balance and no next day to derive it from; dropped`,
      );
      continue;
    }
    // A reported close should equal the next day's reported open; count breaks, do not fail.
    if (d.close !== null && next?.open != null && Math.abs(next.open - d.close) > 0.5e6) breaks++;
    const day: TgaDay = {
      date: dates[i]!,
      open: d.open,
      close,
      closeSource,
      deposits: d.dep,
      withdrawals: d.wd,
    };
    if (where) day.where = where;
    days.push(day);
  }
  if (breaks > 0) warnings.push(`${source}: ${breaks} day(s) where closing ≠ next opening balance`);
  return { days, warnings };
}
