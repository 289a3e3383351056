import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { toCanonical } from '../../core/units.js';
import type { Http } from '../../http/types.js';
import { type RawBytes, rawFromResponse, textOf } from '../define.js';
import type { DtsCashRow } from './dts-cash.js';
import type { DebtTransaction } from './dts-debt.js';

/**
 * US Treasury Fiscal Data API connector (keyless), following its documentation:
 * - GET {base}{endpoint}?fields=…&filter=record_date:gte:YYYY-MM-DD,record_date:lte:…
 *   &sort=record_date&page[number]=N&page[size]=M
 * - reply `{ data: [ {field: "string"} ], meta: { count, "total-count", "total-pages", … },
 *   links: { self, first, prev, next, last } }`; `links.next` is null on the last page.
 * - every value is a STRING, including numbers ("925876") and missing values ("null").
 * DTS amounts are US$ millions; Debt to the Penny and auctions are US$.
 */
export const FISCALDATA_BASE = 'https://api.fiscaldata.treasury.gov/services/api/fiscal_service';
const MAX_PAGES = 500;

export const ENDPOINTS = {
  operatingCash: '/v1/accounting/dts/operating_cash_balance',
  debtTransactions: '/v1/accounting/dts/public_debt_transactions',
  debtToPenny: '/v2/accounting/od/debt_to_penny',
  auctions: '/v1/accounting/od/auctions_query',
} as const;

export type FdRow = Record<string, string | null>;

interface FdPage {
  data?: unknown;
  meta?: { 'total-pages'?: number; 'total-count'?: number };
  links?: { next?: string | null };
}

export interface FetchOptions {
  fields?: string[];
  /** Inclusive date range on `dateField` (default record_date). */
  from?: string;
  to?: string;
  dateField?: string;
  pageSize?: number;
}

export function buildUrl(endpoint: string, opts: FetchOptions, page: number): string {
  const q: string[] = [];
  if (opts.fields?.length) q.push(`fields=${opts.fields.join(',')}`);
  const df = opts.dateField ?? 'record_date';
  const filters: string[] = [];
  if (opts.from) filters.push(`${df}:gte:${opts.from}`);
  if (opts.to) filters.push(`${df}:lte:${opts.to}`);
  if (filters.length) q.push(`filter=${filters.join(',')}`);
  q.push(`sort=${df}`);
  q.push(`page[number]=${page}`, `page[size]=${opts.pageSize ?? 1000}`);
  return `${FISCALDATA_BASE}${endpoint}?${q.join('&')}`;
}

/**
 * Extract: every page of a query, in order; stops at `links.next === null` or
 * `meta["total-pages"]` (read from each page to know whether to ask for the next).
 */
export async function extractPages(http: Http, endpoint: string, opts: FetchOptions): Promise<RawBytes[]> {
  const out: RawBytes[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = buildUrl(endpoint, opts, page);
    const res = await http.get(url, { source: 'treasury', headers: { accept: 'application/json' } });
    if (res.status !== 200) {
      throw new TidewatchError('http', `GET ${res.url} returned ${res.status}`, { status: res.status });
    }
    const raw = rawFromResponse(res);
    out.push(raw);
    const doc = pageOf(raw);
    const total = doc.meta?.['total-pages'];
    const next = doc.links?.next;
    if (next === null || next === undefined || (typeof total === 'number' && page >= total)) return out;
  }
  throw new TidewatchError('format-changed', `${FISCALDATA_BASE}${endpoint}: more than ${MAX_PAGES} pages`);
}

function pageOf(raw: RawBytes): FdPage {
  let doc: FdPage;
  try {
    doc = JSON.parse(textOf(raw).text) as FdPage;
  } catch (e) {
    throw new TidewatchError('bad-input', `${raw.origin}: response is not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(doc.data)) {
    throw new TidewatchError(
      'format-changed',
      `${raw.origin}: required field 'data' missing or not an array`,
    );
  }
  return doc;
}

/** The rows of every page, in order. */
export function rowsOfPages(pages: RawBytes[]): FdRow[] {
  const rows: FdRow[] = [];
  // One at a time: a spread of a very large page would overflow the call stack.
  for (const raw of pages) for (const r of pageOf(raw).data as FdRow[]) rows.push(r);
  return rows;
}

/** Every page's rows (extract + the rows of the transform), for callers outside an update. */
export async function fetchAllPages(
  http: Http,
  endpoint: string,
  opts: FetchOptions,
): Promise<{ rows: FdRow[]; pages: number }> {
  const pages = await extractPages(http, endpoint, opts);
  return { rows: rowsOfPages(pages), pages: pages.length };
}

/** A string-typed API number; "null"/""/null = missing. */
export function fdNumber(row: FdRow, field: string, where: string, required = false): number | null {
  const v = row[field];
  if (v === undefined || v === null || v === '' || v === 'null') {
    if (required) throw new TidewatchError('bad-input', `${where}: required field '${field}' missing`);
    return null;
  }
  const n = Number(v);
  if (!Number.isFinite(n))
    throw new TidewatchError('bad-input', `${where}: field '${field}' not a number: '${v}'`);
  return n;
}

function fdDate(row: FdRow, field: string, where: string): string {
  const v = row[field];
  if (typeof v !== 'string' || !isIsoDate(v)) {
    throw new TidewatchError(
      'bad-input',
      `${where}: required field '${field}' missing or not a date: '${v}'`,
    );
  }
  return v;
}

/** Where row i came from: its line in a site CSV (`whereOf`), else its index in the API data. */
const at = (whereOf: readonly string[] | undefined, i: number) => whereOf?.[i] ?? `data[${i}]`;

export function toCashRows(rows: FdRow[], source: string, whereOf?: readonly string[]): DtsCashRow[] {
  return rows.map((r, i) => ({
    date: fdDate(r, 'record_date', `${source} ${at(whereOf, i)}`),
    account: r['account_type'] ?? '',
    openToday: fdNumber(r, 'open_today_bal', `${source} ${at(whereOf, i)}`),
    closeToday: fdNumber(r, 'close_today_bal', `${source} ${at(whereOf, i)}`),
    where: at(whereOf, i),
  }));
}

export function toDebtTransactions(
  rows: FdRow[],
  source: string,
  whereOf?: readonly string[],
): DebtTransaction[] {
  return rows.map((r, i) => {
    const where = `${source} ${at(whereOf, i)}`;
    const kind = r['transaction_type'];
    if (kind !== 'Issues' && kind !== 'Redemptions') {
      throw new TidewatchError('bad-input', `${where}: field 'transaction_type' unknown: '${kind}'`);
    }
    const mtd = fdNumber(r, 'transaction_mtd_amt', where);
    const desc = r['security_type_desc'];
    return {
      date: fdDate(r, 'record_date', where),
      kind: kind === 'Issues' ? 'issue' : 'redemption',
      marketable: r['security_market'] === 'Marketable',
      securityType: r['security_type'] ?? '',
      description: desc === null || desc === undefined || desc === 'null' || desc === '' ? null : desc,
      today: toCanonical(fdNumber(r, 'transaction_today_amt', where, true)!, 'usd_millions'),
      monthToDate: mtd === null ? null : toCanonical(mtd, 'usd_millions'),
      where: at(whereOf, i),
    };
  });
}

export interface DebtToPenny {
  date: string;
  total: number;
  heldByPublic: number | null;
  intragovernmental: number | null;
  /** Where the row came from ('line 12', 'data[3]'), for messages. */
  where?: string;
}

export function toDebtToPenny(rows: FdRow[], source: string, whereOf?: readonly string[]): DebtToPenny[] {
  return rows.map((r, i) => {
    const where = `${source} ${at(whereOf, i)}`;
    return {
      date: fdDate(r, 'record_date', where),
      total: fdNumber(r, 'tot_pub_debt_out_amt', where, true)!,
      heldByPublic: fdNumber(r, 'debt_held_public_amt', where),
      intragovernmental: fdNumber(r, 'intragov_hold_amt', where),
      where: at(whereOf, i),
    };
  });
}

/** auctions_query rows → the same record as the TreasuryDirect export (amounts already US$). */
export function toAuctionRecords(
  rows: FdRow[],
  source: string,
  whereOf?: readonly string[],
): import('./auctions.js').AuctionRecord[] {
  return rows.map((r, i) => {
    const where = `${source} ${at(whereOf, i)}`;
    const n = (f: string) => fdNumber(r, f, where);
    return {
      cusip: r['cusip'] ?? '',
      securityType: r['security_type'] ?? '',
      securityTerm: r['security_term'] ?? '',
      cashManagementBill: r['cash_management_bill_cmb'] === 'Yes',
      auctionDate: fdDate(r, 'auction_date', where),
      issueDate: fdDate(r, 'issue_date', where),
      maturityDate: r['maturity_date'] && isIsoDate(r['maturity_date']) ? r['maturity_date'] : null,
      offeringAmount: n('offering_amt'),
      totalAccepted: n('total_accepted'),
      totalTendered: n('total_tendered'),
      competitiveTendered: n('comp_tendered'),
      primaryDealerTendered: n('primary_dealer_tendered'),
      somaAccepted: n('soma_accepted'),
      highYield: n('high_yield'),
      highDiscountRate: n('high_discnt_rate'),
      bidToCoverRatio: n('bid_to_cover_ratio'),
      approximate: [],
      where: at(whereOf, i),
    };
  });
}
