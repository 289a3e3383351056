import { splitCsvLine, type TextPieces } from '../../core/csv.js';
import { TidewatchError } from '../../core/errors.js';
import { type Plausible, positiveLevel } from '../../core/plausibility.js';
import { deleteByKeys } from '../../store/bulk-delete.js';
import { compareByKey, type KeyedCounts } from '../../store/compare.js';
import type { Db } from '../../store/db.js';
import type { SeriesBatch } from '../../store/series-writer.js';
import { nextBusinessDay } from '../fred/publication.js';
import { type AuctionRecord, checkAuctions, parseAuctionsCsv } from './auctions.js';
import { buildTgaSeries, parseDtsCashCsv, type TgaDay } from './dts-cash.js';
import { type DebtTransaction, parsePublicDebtTransactions } from './dts-debt.js';
import { type DebtToPenny, toAuctionRecords, toDebtToPenny } from './fiscaldata.js';
import { readSiteCsv, siteDatasetOf } from './site-csv.js';

/**
 * Treasury data → store. Series ids (US$, daily, public the next business day at 16:00):
 *   DTS:TGA_CLOSE, DTS:BILL_ISSUES, DTS:COUPON_ISSUES, DTS:BILL_REDEMPTIONS,
 *   DTS:COUPON_REDEMPTIONS (marketable only; coupons = Notes + Bonds), FISCAL:DEBT_TOTAL.
 * Auctions go to the `treasury_auctions` table. Files: the Fiscal Data site CSVs of the four
 * datasets the update reads from the API (site labels or API field names; see site-csv.ts)
 * and the TreasuryDirect auctions export, each into the same series/table as the API. Every file is parsed completely before anything
 * is written, and written in one transaction: a bad file changes nothing.
 */
const DTS = { source: 'treasury', frequency: 'daily', release: 'dts-next-business-day' } as const;

/**
 * What the Treasury series can be (US$): the TGA is a positive balance (about $4B before 2008,
 * $1T at most since) that no revision moves ×10; daily issues/redemptions are flows that the
 * DTS occasionally restates with a small negative adjustment; total debt is a positive level.
 */
export const TREASURY_RULES = {
  tga: positiveLevel('1990-01-01', 1e8, 5e12),
  debtFlow: { sign: 'any', since: '1990-01-01', min: -1e12, max: 5e12 } satisfies Plausible,
  debtTotal: positiveLevel('1990-01-01', 1e12, 1e15),
} as const;

export function tgaBatch(days: TgaDay[], origin: string): SeriesBatch {
  return {
    ...DTS,
    id: 'DTS:TGA_CLOSE',
    title: 'Treasury General Account closing balance (Daily Treasury Statement)',
    sourceUnit: 'usd_millions',
    rule: TREASURY_RULES.tga,
    origin,
    rows: days.map((d) => ({
      date: d.date,
      value: d.close,
      knownFrom: nextBusinessDay(d.date),
      where: d.where,
    })),
  };
}

/** Total public debt outstanding (Debt to the Penny, US$), from the API or the site CSV. */
export function debtTotalBatch(recs: DebtToPenny[], origin: string): SeriesBatch {
  return {
    ...DTS,
    id: 'FISCAL:DEBT_TOTAL',
    title: 'Total public debt outstanding (Debt to the Penny)',
    sourceUnit: 'usd',
    rule: TREASURY_RULES.debtTotal,
    origin,
    rows: recs.map((r) => ({
      date: r.date,
      value: r.total,
      knownFrom: nextBusinessDay(r.date),
      where: r.where,
    })),
  };
}

const GROUPS = [
  ['DTS:BILL_ISSUES', 'issue', ['Bills'], 'Marketable bill issues (DTS IIIA)'],
  ['DTS:COUPON_ISSUES', 'issue', ['Notes', 'Bonds'], 'Marketable note+bond issues (DTS IIIA)'],
  ['DTS:BILL_REDEMPTIONS', 'redemption', ['Bills'], 'Marketable bill redemptions (DTS IIIA)'],
  ['DTS:COUPON_REDEMPTIONS', 'redemption', ['Notes', 'Bonds'], 'Marketable note+bond redemptions (DTS IIIA)'],
] as const;

export function debtBatches(rows: DebtTransaction[], origin: string): SeriesBatch[] {
  return GROUPS.map(([id, kind, types, title]) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      if (!r.marketable || r.kind !== kind || !(types as readonly string[]).includes(r.securityType))
        continue;
      m.set(r.date, (m.get(r.date) ?? 0) + r.today);
    }
    return {
      ...DTS,
      id,
      title,
      sourceUnit: 'usd_millions' as const,
      rule: TREASURY_RULES.debtFlow,
      origin,
      rows: [...m.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, value]) => ({ date, value, knownFrom: nextBusinessDay(date) })),
    };
  });
}

const AUCTION_COLUMNS = [
  'cusip',
  'auction_date',
  'issue_date',
  'maturity_date',
  'security_type',
  'security_term',
  'cash_management_bill',
  'offering_amount',
  'total_accepted',
  'total_tendered',
  'competitive_tendered',
  'primary_dealer_tendered',
  'soma_accepted',
  'high_yield',
  'high_discount_rate',
  'bid_to_cover',
  'approximate_fields',
  'origin',
];

/**
 * Replace the given auctions (by CUSIP and auction date), the one writer of `treasury_auctions`.
 * The records are checked first (checkAuctions: plausible values, no conflicting repeats), so
 * nothing implausible is written. Counted against what was stored: an auction already stored
 * with the same figures is unchanged, with other figures revised, else new.
 */
export async function writeAuctions(
  tx: Db,
  input: AuctionRecord[],
  origin: string,
): Promise<KeyedCounts & { warnings: string[] }> {
  const { records, warnings } = checkAuctions(input, origin);
  const rows = records.map((r) => [
    r.cusip,
    r.auctionDate,
    r.issueDate,
    r.maturityDate,
    r.securityType,
    r.securityTerm,
    r.cashManagementBill,
    r.offeringAmount,
    r.totalAccepted,
    r.totalTendered,
    r.competitiveTendered,
    r.primaryDealerTendered,
    r.somaAccepted,
    r.highYield,
    r.highDiscountRate,
    r.bidToCoverRatio,
    r.approximate.join(','),
    origin,
  ]);
  // The figures of a row (everything but its key and where it came from), for the comparison.
  const figures = (r: readonly unknown[]) => JSON.stringify(r.slice(2, -1));
  const stored = await tx.all<Record<string, unknown>>(
    `SELECT ${AUCTION_COLUMNS.map((c) => (/_date$/.test(c) ? `CAST(${c} AS VARCHAR) AS ${c}` : c)).join(', ')} FROM treasury_auctions`,
  );
  const counts = compareByKey(
    new Map(
      stored.map((r) => [`${r.cusip}|${r.auction_date}`, figures(AUCTION_COLUMNS.map((c) => r[c] ?? null))]),
    ),
    rows.map((r) => [`${r[0]}|${r[1]}`, figures(r)] as [string, string]),
    (a, b) => a === b,
  );
  await deleteByKeys(
    tx,
    'treasury_auctions',
    ['cusip', 'auction_date'],
    ['VARCHAR', 'DATE'],
    records.map((r) => [r.cusip, r.auctionDate]),
  );
  await tx.insertMany('treasury_auctions', AUCTION_COLUMNS, rows);
  return { ...counts, warnings };
}

type Parsed =
  | { kind: 'cash'; batches: SeriesBatch[]; warnings: string[] }
  | { kind: 'debt'; batches: SeriesBatch[]; warnings: string[] }
  | { kind: 'auctions'; records: AuctionRecord[]; warnings: string[] };

/** Recognise the file by its header line and parse it completely. */
export function parseTreasuryFile(input: string | TextPieces, file: string): Parsed {
  // A whole text, or a file read in pieces (its BOM already removed): the same parsers.
  const text = typeof input === 'string' ? input : input.pieces;
  const first = typeof input === 'string' ? input : input.head;
  const head = (first.charCodeAt(0) === 0xfeff ? first.slice(1) : first).split(/\r?\n|\r/, 1)[0] ?? '';
  const site = siteDatasetOf(splitCsvLine(head).map((h) => h.trim()));
  if (site === 'debt-to-penny') {
    const r = readSiteCsv(text, file, site);
    return {
      kind: 'debt',
      batches: [debtTotalBatch(toDebtToPenny(r.rows, file, r.where), file)],
      warnings: [],
    };
  }
  if (site === 'auctions') {
    const r = readSiteCsv(text, file, site);
    return { kind: 'auctions', records: toAuctionRecords(r.rows, file, r.where), warnings: [] };
  }
  if (head.startsWith('Cusip;')) {
    const r = parseAuctionsCsv(text, file);
    return { kind: 'auctions', records: r.records, warnings: r.warnings };
  }
  if (/Type of Account|account_type/.test(head)) {
    const p = parseDtsCashCsv(text, file);
    const tga = buildTgaSeries(p.rows, file);
    return { kind: 'cash', batches: [tgaBatch(tga.days, file)], warnings: [...p.warnings, ...tga.warnings] };
  }
  if (/Transaction Type|transaction_type/.test(head)) {
    const p = parsePublicDebtTransactions(text, file);
    return { kind: 'debt', batches: debtBatches(p.rows, file), warnings: p.warnings };
  }
  throw new TidewatchError(
    'bad-input',
    `${file}: not a known Treasury export (header: '${head.slice(0, 80)}')`,
    {
      hint: 'expected a Fiscal Data CSV (Operating Cash Balance, Public Debt Transactions, Debt to the Penny, Treasury Securities Auctions) or a TreasuryDirect auctions export',
    },
  );
}
