import { readableAgain } from '../../core/csv.js';
import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { toCanonical } from '../../core/units.js';
import { checkLastRow, columnIndex, plainNumber, readDelimited } from './csv.js';

/**
 * Daily Treasury Statement, Table IIIA "Public Debt Transactions": issues and redemptions by
 * security type, US$ millions (face value), converted to US$ here.
 * Quirks: CRLF; the table number is `III-A` up to 2022-09-09 and `IIIA` after (same table);
 * an empty description is the literal string `null`. Columns are also accepted under the API's
 * snake_case names (`record_date`, `transaction_type`, `security_market`, `security_type`,
 * `security_type_desc`, `transaction_today_amt`, `transaction_mtd_amt`).
 */
export interface DebtTransaction {
  date: string;
  kind: 'issue' | 'redemption';
  marketable: boolean;
  securityType: string;
  description: string | null;
  /** Today's amount, US$. */
  today: number;
  /** Month-to-date amount as printed by Treasury, US$ (null when absent). */
  monthToDate: number | null;
  /** The row's line in a file, for messages. */
  line?: number;
  /** Where the row came from when not a file line ('data[3]' of an API answer), for messages. */
  where?: string;
}

/**
 * Where a row came from (its `line ?? where`), as messages write it. A file row keeps its line as
 * a number: a text made for every row (`line ${n}`) goes through V8's number-to-string cache,
 * which keeps it alive past the next GC; over a 25 MB file those survivors alone grew V8's young
 * generation to its largest size (+16 MB of peak memory).
 */
const placeText = (place: number | string | undefined) =>
  typeof place === 'number' ? `line ${place}` : (place ?? '?');

const COLS = {
  date: ['Record Date', 'record_date'],
  kind: ['Transaction Type', 'transaction_type'],
  market: ['Security Marketability', 'security_market'],
  type: ['Security Type', 'security_type'],
  desc: ['Security Type Description', 'security_type_desc'],
  today: ['Transactions Today', 'transaction_today_amt'],
  mtd: ['Transactions Month to Date', 'transaction_mtd_amt'],
  table: ['Table Number', 'table_nbr'],
} as const;

export function parsePublicDebtTransactions(
  text: string | Iterable<string>,
  source: string,
): { rows: DebtTransaction[]; warnings: string[] } {
  const warnings: string[] = [];
  const rows: DebtTransaction[] = [];
  const read = debtRowsOf(text, source, warnings);
  let next = read.next();
  for (; !next.done; next = read.next()) rows.push(next.value);
  assertNoConflictingDebtRows(rows, source, warnings);
  if (next.value > 0) warnings.push(otherTablesNote(source, next.value));
  return { rows, warnings };
}

const otherTablesNote = (source: string, n: number) =>
  `${source}: ${n} row(s) from another table number ignored`;

/**
 * A public debt transactions file read without an array of its rows: the distinct rows
 * (distinctDebtRows) go straight into `use` (debtBatches sums them per day). Warnings as
 * parsePublicDebtTransactions words them, in its order. DTS files list each day's rows together,
 * so a repeated row can only be in its own day's run and only that day's keys are held; when a
 * day comes back after another (never in Treasury's exports) and the text can be read again
 * (an iterable that is not its own iterator), it is read again keeping every key.
 */
export function streamPublicDebtTransactions<T>(
  text: Iterable<string>,
  source: string,
  use: (rows: Iterable<DebtTransaction>) => T,
): { result: T; warnings: string[] } {
  const again = readableAgain(text);
  const attempt = (scope: KeyScope) => {
    const warnings: string[] = [];
    let otherTables = 0;
    const read = function* () {
      otherTables = yield* debtRowsOf(text, source, warnings);
    };
    const result = use(distinctDebtRows(read(), source, warnings, scope));
    if (otherTables > 0) warnings.push(otherTablesNote(source, otherTables));
    return { result, warnings };
  };
  if (!again) return attempt('all');
  try {
    return attempt('day');
  } catch (e) {
    if (e instanceof DayReturned) return attempt('all');
    throw e;
  }
}

/** The rows of table IIIA one at a time; returns how many rows of other tables were skipped. */
function* debtRowsOf(
  text: string | Iterable<string>,
  source: string,
  warnings: string[],
): Generator<DebtTransaction, number> {
  const t = readDelimited(text, source);
  const api = t.header.includes('record_date');
  const col = (k: keyof typeof COLS) => columnIndex(t, COLS[k][api ? 1 : 0], source);
  const [iDate, iKind, iMarket, iType, iDesc, iToday] = [
    col('date'),
    col('kind'),
    col('market'),
    col('type'),
    col('desc'),
    col('today'),
  ];
  const iMtd = t.header.indexOf(COLS.mtd[api ? 1 : 0]);
  const iTable = t.header.indexOf(COLS.table[api ? 1 : 0]);
  const same = (a: string[], b: string[]) =>
    a[iType] === b[iType] && a[iDesc] === b[iDesc] && a[iKind] === b[iKind];
  checkLastRow(t, source, [iToday, ...(iMtd >= 0 ? [iMtd] : [])], same);
  let otherTables = 0;
  for (const { line, cells } of t.rows) {
    const date = (cells[iDate] ?? '').trim();
    if (!isIsoDate(date)) {
      throw new TidewatchError(
        'bad-input',
        `${source}:${line}: field 'Record Date' is not a date: '${date}'`,
      );
    }
    // `III-A` (to 2022-09-09) and `IIIA` (after) are the same table; anything else is not ours.
    const table = iTable >= 0 ? (cells[iTable] ?? '').trim().replace('-', '') : 'IIIA';
    if (table !== 'IIIA') {
      otherTables++;
      continue;
    }
    const kindRaw = (cells[iKind] ?? '').trim();
    const kind = kindRaw === 'Issues' ? 'issue' : kindRaw === 'Redemptions' ? 'redemption' : null;
    if (kind === null) {
      throw new TidewatchError(
        'bad-input',
        `${source}:${line}: field 'Transaction Type' unknown: '${kindRaw}'`,
      );
    }
    const today = plainNumber(cells[iToday], source, line, 'Transactions Today');
    if (today === null) {
      warnings.push(`${source}:${line}: 'Transactions Today' empty; row skipped`);
      continue;
    }
    const mtd = iMtd >= 0 ? plainNumber(cells[iMtd], source, line, 'Transactions Month to Date') : null;
    const desc = (cells[iDesc] ?? '').trim();
    yield {
      date,
      kind,
      marketable: (cells[iMarket] ?? '').trim() === 'Marketable',
      securityType: (cells[iType] ?? '').trim(),
      description: desc === '' || desc === 'null' ? null : desc,
      today: toCanonical(today, 'usd_millions'),
      monthToDate: mtd === null ? null : toCanonical(mtd, 'usd_millions'),
      line,
    };
  }
  return otherTables;
}

/**
 * One row per (date, transaction type, marketability, security type, description): a repeated
 * row with another amount is an error naming both rows; an identical repeat is dropped with a
 * note (it would otherwise be counted twice in the day's totals).
 */
export function assertNoConflictingDebtRows(
  rows: DebtTransaction[],
  source: string,
  warnings: string[],
): void {
  // Written back in place: the kept rows are never ahead of the row being read.
  let kept = 0;
  for (const r of distinctDebtRows(rows, source, warnings)) rows[kept++] = r;
  rows.length = kept;
}

/**
 * Which keys distinctDebtRows holds: every key of the file, or only the current day's (the rows
 * must then come day by day: a day seen again throws DayReturned).
 */
type KeyScope = 'all' | 'day';
class DayReturned extends Error {}

/** Ids for the key parts: (date id, rest id) → one number; rest ids stay below this. */
const REST_IDS = 2 ** 26;

/**
 * The rule of assertNoConflictingDebtRows over rows given one at a time: first occurrences out,
 * in order. Only each key's amounts and place are kept (never the rows), and compactly: a key is
 * one number (the date and the rest of the key interned), its amounts and line sit in flat arrays.
 * A map of every key as text with a small array per key was measured at ~120 MB of heap for a
 * 200k-row file (25 MB), most of that import's memory; this holds ~30 bytes per row.
 */
export function* distinctDebtRows(
  rows: Iterable<DebtTransaction>,
  source: string,
  warnings: string[],
  scope: KeyScope = 'all',
): Generator<DebtTransaction> {
  const dateIds = new Map<string, number>();
  let day: string | undefined;
  // Ids of the rest of the key: by kind and marketability, then security type, then description.
  // Nested maps look the row's own strings up: one key text built per row made ~50 MB of garbage
  // over a 25 MB file, a sixth of the whole parse's.
  const restIds = [0, 1, 2, 3].map(() => new Map<string, Map<string | null, number>>());
  let restCount = 0;
  const slotOf = new Map<number, number>();
  // Per first occurrence: Transactions Today, Month to Date (NaN: none) and where it was (a line as its number).
  const todays: number[] = [];
  const mtds: number[] = [];
  const places: Array<number | string | undefined> = [];
  let identical = 0;
  for (const r of rows) {
    if (scope === 'day' && r.date !== day) {
      // A new day: the last one's keys go (its repeats could only have been in its own run).
      if (dateIds.has(r.date)) throw new DayReturned();
      day = r.date;
      slotOf.clear();
      todays.length = 0;
      mtds.length = 0;
      places.length = 0;
    }
    let d = dateIds.get(r.date);
    if (d === undefined) {
      d = dateIds.size;
      dateIds.set(r.date, d);
    }
    const byType = restIds[(r.kind === 'issue' ? 0 : 2) + (r.marketable ? 1 : 0)]!;
    let byDescription = byType.get(r.securityType);
    if (byDescription === undefined) {
      byDescription = new Map();
      byType.set(r.securityType, byDescription);
    }
    let k = byDescription.get(r.description);
    if (k === undefined) {
      if (restCount >= REST_IDS)
        throw new TidewatchError('bad-input', `${source}: more than ${REST_IDS} security descriptions`);
      k = restCount++;
      byDescription.set(r.description, k);
    }
    // Small ids make a small-integer key (no heap number per key); the rest sit above 2^40.
    const key = d < 2 ** 19 && k < 4096 ? d * 4096 + k : 2 ** 40 + d * REST_IDS + k;
    const slot = slotOf.get(key);
    if (slot === undefined) {
      slotOf.set(key, todays.length);
      todays.push(r.today);
      mtds.push(r.monthToDate ?? Number.NaN);
      places.push(r.line ?? r.where);
      yield r;
      continue;
    }
    const mtd = Number.isNaN(mtds[slot]!) ? null : mtds[slot]!;
    if (todays[slot] !== r.today || mtd !== r.monthToDate) {
      throw new TidewatchError(
        'bad-input',
        `${source}: ${r.date} ${r.kind} '${r.securityType}${r.description ? ` / ${r.description}` : ''}' appears twice with different amounts: ${todays[slot]} (${placeText(places[slot])}) and ${r.today} (${placeText(r.line ?? r.where)})`,
        { hint: 'keep one row per day and security' },
      );
    }
    identical++;
  }
  if (identical > 0) warnings.push(`${source}: ${identical} repeated identical row(s) collapsed`);
}

/**
 * Marketable issuance per period. Definitions (documented because the issue left them open):
 * - gross = issues of Bills (regular + cash-management) + Notes (incl. FRNs) + Bonds. TIPS
 *   "Inflation-Protected Securities Increment" is accrued inflation compensation, not an
 *   auction, so it is excluded; Federal Financing Bank lines are zero throughout.
 * - billShare = bill issues / gross.
 * - net = gross − redemptions of Bills + Notes + Bonds: new cash the market must absorb.
 * Note: DTS bill issues are at face value; rolling 4-week bills make gross bill issuance large,
 * so billShare of *gross* is ~80–90%; net bill issuance is the better "who funds the deficit" view.
 */
export interface IssuancePeriod {
  period: string;
  throughDate: string;
  billIssues: number;
  couponIssues: number;
  gross: number;
  billShare: number | null;
  billRedemptions: number;
  couponRedemptions: number;
  netBills: number;
  net: number;
}

const COUPON = new Set(['Notes', 'Bonds']);

export function issuanceByPeriod(
  rows: DebtTransaction[],
  periodOf: (date: string) => string,
): IssuancePeriod[] {
  const m = new Map<string, IssuancePeriod>();
  for (const r of rows) {
    if (!r.marketable) continue;
    const isBill = r.securityType === 'Bills';
    const isCoupon = COUPON.has(r.securityType);
    if (!isBill && !isCoupon) continue;
    const key = periodOf(r.date);
    let p = m.get(key);
    if (!p) {
      p = {
        period: key,
        throughDate: r.date,
        billIssues: 0,
        couponIssues: 0,
        gross: 0,
        billShare: null,
        billRedemptions: 0,
        couponRedemptions: 0,
        netBills: 0,
        net: 0,
      };
      m.set(key, p);
    }
    if (r.date > p.throughDate) p.throughDate = r.date;
    if (r.kind === 'issue') {
      if (isBill) p.billIssues += r.today;
      else p.couponIssues += r.today;
    } else if (isBill) p.billRedemptions += r.today;
    else p.couponRedemptions += r.today;
  }
  const out = [...m.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  for (const p of out) {
    p.gross = p.billIssues + p.couponIssues;
    p.billShare = p.gross > 0 ? p.billIssues / p.gross : null;
    p.netBills = p.billIssues - p.billRedemptions;
    p.net = p.gross - p.billRedemptions - p.couponRedemptions;
  }
  return out;
}
