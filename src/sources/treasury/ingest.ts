import { splitCsvLine, type TextPieces } from '../../core/csv.js';
import { TidewatchError } from '../../core/errors.js';
import { type Plausible, positiveLevel } from '../../core/plausibility.js';
import { compareByKey, type KeyedCounts } from '../../store/compare.js';
import type { Db } from '../../store/db.js';
import type { SeriesBatch } from '../../store/series-writer.js';
import { nextBusinessDay } from '../fred/publication.js';
import { type AuctionRecord, checkAuctions, parseAuctionsCsv } from './auctions.js';
import { buildTgaSeries, parseDtsCashCsv, type TgaDay } from './dts-cash.js';
import {
  type DebtTransaction,
  parsePublicDebtTransactions,
  streamPublicDebtTransactions,
} from './dts-debt.js';
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

export function debtBatches(rows: Iterable<DebtTransaction>, origin: string): SeriesBatch[] {
  // One pass (the rows may be a stream read once): each row adds to its day's sum of its group.
  // Days are numbered as first seen and the sums sit in one flat array (a group's sum of day d
  // at d * GROUPS.length + g; NaN: no row yet), added to in place. A map per group, with a new
  // boxed number stored per row, kept more alive at each GC, enough with the rest of the parse to
  // grow V8's young generation to its largest size on a 25 MB file (+16 MB of peak memory).
  const n = GROUPS.length;
  const dayOf = new Map<string, number>();
  let sums = new Float64Array(n * 1024).fill(Number.NaN);
  for (const r of rows) {
    if (!r.marketable) continue;
    for (let g = 0; g < n; g++) {
      const [, kind, types] = GROUPS[g]!;
      if (r.kind !== kind || !(types as readonly string[]).includes(r.securityType)) continue;
      let d = dayOf.get(r.date);
      if (d === undefined) {
        d = dayOf.size;
        dayOf.set(r.date, d);
        if (dayOf.size * n > sums.length) {
          const grown = new Float64Array(sums.length * 2).fill(Number.NaN);
          grown.set(sums);
          sums = grown;
        }
      }
      const i = d * n + g;
      sums[i] = (Number.isNaN(sums[i]!) ? 0 : sums[i]!) + r.today;
    }
  }
  // Days in date order (a day's number is its place in the map); each day's publication day is
  // worked out once for every group.
  const dates = [...dayOf.keys()];
  const order = dates.map((_, d) => d).sort((a, b) => (dates[a]! < dates[b]! ? -1 : 1));
  const knownFrom = order.map((d) => nextBusinessDay(dates[d]!));
  return GROUPS.map(([id, , , title], g) => ({
    ...DTS,
    id,
    title,
    sourceUnit: 'usd_millions' as const,
    rule: TREASURY_RULES.debtFlow,
    origin,
    rows: order.flatMap((d, k) => {
      const value = sums[d * n + g]!;
      return Number.isNaN(value) ? [] : [{ date: dates[d]!, value, knownFrom: knownFrom[k]! }];
    }),
  }));
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

/** Auctions handled per step of writeAuctions: bounds the rows and stored figures held at once. */
const AUCTION_CHUNK = 2_000;
let keysCounter = 0;

/**
 * Replace the given auctions (by CUSIP and auction date), the one writer of `treasury_auctions`.
 * The records are checked first (checkAuctions: plausible values, no conflicting repeats), so
 * nothing implausible is written. Counted against what was stored: an auction already stored
 * with the same figures is unchanged, with other figures revised, else new. Written a chunk at a
 * time, each compared with the stored rows of its own keys only (not the whole table), so a
 * large export never holds a second copy of every row and every stored auction in memory.
 */
export async function writeAuctions(
  tx: Db,
  input: AuctionRecord[],
  origin: string,
): Promise<KeyedCounts & { warnings: string[] }> {
  const { records, warnings } = checkAuctions(input, origin);
  const counts: KeyedCounts = { newRows: 0, revisedRows: 0, unchanged: 0 };
  for (let i = 0; i < records.length; i += AUCTION_CHUNK) {
    const c = await writeAuctionChunk(tx, records.slice(i, i + AUCTION_CHUNK), origin);
    counts.newRows += c.newRows;
    counts.revisedRows += c.revisedRows;
    counts.unchanged += c.unchanged;
  }
  return { ...counts, warnings };
}

/** One chunk of writeAuctions (its keys are distinct: checkAuctions collapsed repeats). */
async function writeAuctionChunk(tx: Db, records: AuctionRecord[], origin: string): Promise<KeyedCounts> {
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
  // The chunk's keys, for reading and then replacing the stored rows of these auctions only.
  const keys = `_auction_keys_${++keysCounter}_${process.pid}`;
  try {
    await tx.run(`CREATE TEMP TABLE ${keys} (cusip VARCHAR, auction_date DATE)`);
    await tx.insertMany(
      keys,
      ['cusip', 'auction_date'],
      records.map((r) => [r.cusip, r.auctionDate]),
    );
    const stored = await tx.all<Record<string, unknown>>(
      `SELECT ${AUCTION_COLUMNS.map((c) => (/_date$/.test(c) ? `CAST(t.${c} AS VARCHAR) AS ${c}` : `t.${c}`)).join(', ')}
         FROM treasury_auctions t JOIN ${keys} k ON t.cusip = k.cusip AND t.auction_date = k.auction_date`,
    );
    const counts = compareByKey(
      new Map(
        stored.map((r) => [
          `${r.cusip}|${r.auction_date}`,
          figures(AUCTION_COLUMNS.map((c) => r[c] ?? null)),
        ]),
      ),
      rows.map((r) => [`${r[0]}|${r[1]}`, figures(r)] as [string, string]),
      (a, b) => a === b,
    );
    if (stored.length)
      await tx.run(
        `DELETE FROM treasury_auctions t USING ${keys} k WHERE t.cusip = k.cusip AND t.auction_date = k.auction_date`,
      );
    await tx.insertMany('treasury_auctions', AUCTION_COLUMNS, rows);
    await tx.run(`DROP TABLE IF EXISTS ${keys}`);
    return counts;
  } catch (e) {
    // After a failure inside a transaction the table goes with the ROLLBACK: the DROP is only tried.
    await tx.run(`DROP TABLE IF EXISTS ${keys}`).catch(() => undefined);
    throw e;
  }
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
    if (typeof text === 'string') {
      const p = parsePublicDebtTransactions(text, file);
      return { kind: 'debt', batches: debtBatches(p.rows, file), warnings: p.warnings };
    }
    // Read in pieces: summed per day as read, no array of every row.
    const p = streamPublicDebtTransactions(text, file, (rows) => debtBatches(rows, file));
    return { kind: 'debt', batches: p.result, warnings: p.warnings };
  }
  throw new TidewatchError(
    'bad-input',
    `${file}: not a known Treasury export (header: '${head.slice(0, 80)}')`,
    {
      hint: 'expected a Fiscal Data CSV (Operating Cash Balance, Public Debt Transactions, Debt to the Penny, Treasury Securities Auctions) or a TreasuryDirect auctions export',
    },
  );
}
