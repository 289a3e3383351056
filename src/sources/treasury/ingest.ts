import { TidewatchError } from '../../core/errors.js';
import type { Db } from '../../store/db.js';
import type { Store } from '../../store/store.js';
import { importEachFile } from '../../update/files.js';
import type { SeriesSummary } from '../../update/types.js';
import { type AuctionRecord, parseAuctionsCsv } from './auctions.js';
import { buildTgaSeries, parseDtsCashCsv, type TgaDay } from './dts-cash.js';
import { type DebtTransaction, parsePublicDebtTransactions } from './dts-debt.js';
import { nextBusinessDay, type SeriesBatch, writeSeriesBatches } from './store-writer.js';

/**
 * Treasury data → store. Series ids (US$, daily, public the next business day at 16:00):
 *   DTS:TGA_CLOSE, DTS:BILL_ISSUES, DTS:COUPON_ISSUES, DTS:BILL_REDEMPTIONS,
 *   DTS:COUPON_REDEMPTIONS (marketable only; coupons = Notes + Bonds), FISCAL:DEBT_TOTAL.
 * Auctions go to the `treasury_auctions` table. Every file is parsed completely before anything
 * is written, and written in one transaction: a bad file changes nothing.
 */
const DTS = { source: 'treasury', frequency: 'daily', release: 'dts-next-business-day' } as const;

export function tgaBatch(days: TgaDay[]): SeriesBatch {
  return {
    ...DTS,
    id: 'DTS:TGA_CLOSE',
    title: 'Treasury General Account closing balance (Daily Treasury Statement)',
    sourceUnit: 'usd_millions',
    rows: days.map((d) => ({ date: d.date, value: d.close, knownFrom: nextBusinessDay(d.date) })),
  };
}

const GROUPS = [
  ['DTS:BILL_ISSUES', 'issue', ['Bills'], 'Marketable bill issues (DTS IIIA)'],
  ['DTS:COUPON_ISSUES', 'issue', ['Notes', 'Bonds'], 'Marketable note+bond issues (DTS IIIA)'],
  ['DTS:BILL_REDEMPTIONS', 'redemption', ['Bills'], 'Marketable bill redemptions (DTS IIIA)'],
  ['DTS:COUPON_REDEMPTIONS', 'redemption', ['Notes', 'Bonds'], 'Marketable note+bond redemptions (DTS IIIA)'],
] as const;

export function debtBatches(rows: DebtTransaction[]): SeriesBatch[] {
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
      rows: [...m.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, value]) => ({ date, value, knownFrom: nextBusinessDay(date) })),
    };
  });
}

export async function writeAuctions(tx: Db, records: AuctionRecord[], origin: string): Promise<number> {
  for (const r of records) {
    await tx.run('DELETE FROM treasury_auctions WHERE cusip = $1 AND auction_date = CAST($2 AS DATE)', [
      r.cusip,
      r.auctionDate,
    ]);
  }
  await tx.insertMany(
    'treasury_auctions',
    [
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
    ],
    records.map((r) => [
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
    ]),
  );
  return records.length;
}

type Parsed =
  | { kind: 'cash'; batches: SeriesBatch[]; warnings: string[] }
  | { kind: 'debt'; batches: SeriesBatch[]; warnings: string[] }
  | { kind: 'auctions'; records: AuctionRecord[]; warnings: string[] };

/** Recognise the file by its header line and parse it completely. */
export function parseTreasuryFile(text: string, file: string): Parsed {
  const head = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/, 1)[0] ?? '';
  if (head.startsWith('Cusip;')) {
    const r = parseAuctionsCsv(text, file);
    return { kind: 'auctions', records: r.records, warnings: r.warnings };
  }
  if (/Type of Account|account_type/.test(head)) {
    const p = parseDtsCashCsv(text, file);
    const tga = buildTgaSeries(p.rows, file);
    return { kind: 'cash', batches: [tgaBatch(tga.days)], warnings: [...p.warnings, ...tga.warnings] };
  }
  if (/Transaction Type|transaction_type/.test(head)) {
    const p = parsePublicDebtTransactions(text, file);
    return { kind: 'debt', batches: debtBatches(p.rows), warnings: p.warnings };
  }
  throw new TidewatchError(
    'bad-input',
    `${file}: not a known Treasury export (header: '${head.slice(0, 80)}')`,
    {
      hint: 'expected a DTS Operating Cash Balance or Public Debt Transactions CSV, or a TreasuryDirect auctions export',
    },
  );
}

export async function importTreasuryFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (f: string) => void },
): Promise<SeriesSummary[]> {
  return importEachFile('treasury', files, opts.onFile, (file, text) => {
    const parsed = parseTreasuryFile(text, file);
    return store.db.transaction(async (tx): Promise<SeriesSummary[]> => {
      if (parsed.kind === 'auctions') {
        const n = await writeAuctions(tx, parsed.records, file);
        const s: SeriesSummary = {
          source: 'treasury',
          series: 'treasury_auctions',
          status: 'ok',
          newRows: n,
          revisedRows: 0,
        };
        if (parsed.warnings.length) s.warnings = parsed.warnings;
        return [s];
      }
      return writeSeriesBatches(store, tx, parsed.batches, opts, parsed.warnings);
    });
  });
}
