import { z } from 'zod';
import { addDays, isIsoDate } from '../../core/dates.js';
import { resumeFrom, wantedItems } from '../../update/items.js';
import { type Batch, observations } from '../batches.js';
import { defineSource, type Transformed } from '../define.js';
import { streamAuctionsFile } from './auction-stage.js';
import { buildTgaSeries } from './dts-cash.js';
import { assertNoConflictingDebtRows } from './dts-debt.js';
import {
  ENDPOINTS,
  extractPages,
  rowsOfPages,
  toAuctionRecords,
  toCashRows,
  toDebtToPenny,
  toDebtTransactions,
} from './fiscaldata.js';
import { debtBatches, debtTotalBatch, parseTreasuryFile, tgaBatch } from './ingest.js';

/**
 * US Treasury Fiscal Data as a source: DTS:* series, FISCAL:DEBT_TOTAL and the auctions table.
 * Items (for --series): tga, debt-transactions, debt-to-penny, auctions; each is fetched
 * completely (every page), then written in one transaction. A file import reads the Fiscal Data
 * site CSVs of the same four datasets and the TreasuryDirect auctions export into the same series
 * and table (ingest.ts: parseTreasuryFile).
 */

/** First date fetched when nothing is stored yet (the DTS CSV history in shared data starts 2021-06). */
const DEFAULT_FROM = '2019-01-01';
/** Re-fetch a week of overlap: DTS rows are occasionally restated. */
const OVERLAP_DAYS = 7;
/** Auctions: the last ~13 months (announced auctions reach a month ahead). */
const AUCTION_DAYS = 400;

const ITEMS = ['tga', 'debt-transactions', 'debt-to-penny', 'auctions'] as const;
type Item = (typeof ITEMS)[number];

const ENDPOINT: Record<Item, string> = {
  tga: ENDPOINTS.operatingCash,
  'debt-transactions': ENDPOINTS.debtTransactions,
  'debt-to-penny': ENDPOINTS.debtToPenny,
  auctions: ENDPOINTS.auctions,
};
const RESUME_SERIES: Record<Exclude<Item, 'auctions'>, string> = {
  tga: 'DTS:TGA_CLOSE',
  'debt-transactions': 'DTS:BILL_ISSUES',
  'debt-to-penny': 'FISCAL:DEBT_TOTAL',
};

const date = z.string().refine(isIsoDate, 'must be YYYY-MM-DD');
export const TreasuryQuerySchema = z.object({ item: z.enum(ITEMS), from: date, to: date });

export const treasurySource = defineSource({
  name: 'treasury',
  describe: 'US Treasury Fiscal Data API: daily TGA, public debt transactions, debt to the penny, auctions',
  query: TreasuryQuerySchema,
  async plan(ctx) {
    const out = [];
    for (const name of wantedItems(ctx, ITEMS)) {
      const item = name as Item;
      const from =
        item === 'auctions'
          ? (ctx.from ?? addDays(ctx.today, -AUCTION_DAYS))
          : await resumeFrom(ctx, RESUME_SERIES[item], OVERLAP_DAYS, DEFAULT_FROM);
      out.push({ label: item, query: { item, from, to: ctx.today } });
    }
    return out;
  },
  async extract(http, q) {
    const dateField = q.item === 'auctions' ? 'auction_date' : undefined;
    return {
      inputs: await extractPages(http, ENDPOINT[q.item], {
        from: q.from,
        to: q.to,
        ...(dateField ? { dateField } : {}),
      }),
    };
  },
  transform(ex, q): Transformed {
    const endpoint = ENDPOINT[q.item];
    const rows = rowsOfPages(ex.inputs);
    switch (q.item) {
      case 'tga': {
        const tga = buildTgaSeries(toCashRows(rows, endpoint), endpoint);
        return { batches: [observations(tgaBatch(tga.days, endpoint))], warnings: tga.warnings };
      }
      case 'debt-transactions': {
        const recs = toDebtTransactions(rows, endpoint);
        const warnings: string[] = [];
        assertNoConflictingDebtRows(recs, endpoint, warnings);
        return { batches: debtBatches(recs, endpoint).map((b) => observations(b)), warnings };
      }
      case 'debt-to-penny':
        return { batches: [observations(debtTotalBatch(toDebtToPenny(rows, endpoint), endpoint))] };
      case 'auctions':
        return {
          batches: [
            {
              kind: 'auctions',
              label: 'treasury_auctions',
              records: toAuctionRecords(rows, endpoint),
              origin: endpoint,
            },
          ],
        };
    }
  },
  files: {
    source: 'treasury-file',
    query: z.object({}).default({}),
    /** A Fiscal Data site CSV or a TreasuryDirect export, recognised by its header; read in pieces. */
    stream: {
      async transform([f], _query, db) {
        // A TreasuryDirect export (the one format that comes as a 200 MB file) is staged, not held.
        if (f!.head(64).startsWith('Cusip;')) return streamAuctionsFile(f!, db);
        // The pieces can be read again (DTS debt rows out of day order are read twice: dts-debt.ts).
        const pieces = { [Symbol.iterator]: () => f!.pieces() };
        const parsed = parseTreasuryFile({ head: f!.head(4096), pieces }, f!.file);
        const batches: Batch[] =
          parsed.kind === 'auctions'
            ? [{ kind: 'auctions', label: 'treasury_auctions', records: parsed.records, origin: f!.file }]
            : parsed.batches.map((b) => observations(b));
        return { batches, warnings: parsed.warnings };
      },
    },
  },
});
