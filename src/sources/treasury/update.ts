import { addDays } from '../../core/dates.js';
import { resumeFrom, runItems, wantedItems } from '../../update/items.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { buildTgaSeries } from './dts-cash.js';
import { assertNoConflictingDebtRows } from './dts-debt.js';
import {
  ENDPOINTS,
  fetchAllPages,
  toAuctionRecords,
  toCashRows,
  toDebtToPenny,
  toDebtTransactions,
} from './fiscaldata.js';
import { debtBatches, debtTotalBatch, tgaBatch, writeAuctions } from './ingest.js';
import { writeSeriesBatch, writeSeriesBatches } from './store-writer.js';

/** First date fetched when nothing is stored yet (the DTS CSV history in shared data starts 2021-06). */
const DEFAULT_FROM = '2019-01-01';

/** Re-fetch a week of overlap: DTS rows are occasionally restated. */
const startDate = (ctx: UpdateContext, seriesId: string) => resumeFrom(ctx, seriesId, 7, DEFAULT_FROM);

/**
 * `tidewatch update --source treasury`: Fiscal Data API → DTS:* series, FISCAL:DEBT_TOTAL and the
 * auctions table. Items (for --series): tga, debt-transactions, debt-to-penny, auctions. Each item
 * is fetched completely, then written in one transaction; a failed item does not stop the others.
 */
export const treasuryUpdateJob: UpdateJob = {
  source: 'treasury',
  describe: 'US Treasury Fiscal Data API: daily TGA, public debt transactions, debt to the penny, auctions',
  async run(ctx) {
    const items: Record<string, () => Promise<SeriesSummary[]>> = {
      tga: async () => {
        const from = await startDate(ctx, 'DTS:TGA_CLOSE');
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.operatingCash, { from, to: ctx.today });
        const tga = buildTgaSeries(toCashRows(rows, ENDPOINTS.operatingCash), ENDPOINTS.operatingCash);
        return ctx.store.db.transaction((tx) =>
          writeSeriesBatches(ctx.store, tx, [tgaBatch(tga.days, ENDPOINTS.operatingCash)], ctx, tga.warnings),
        );
      },
      'debt-transactions': async () => {
        const from = await startDate(ctx, 'DTS:BILL_ISSUES');
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.debtTransactions, { from, to: ctx.today });
        const recs = toDebtTransactions(rows, ENDPOINTS.debtTransactions);
        const warnings: string[] = [];
        assertNoConflictingDebtRows(recs, ENDPOINTS.debtTransactions, warnings);
        const batches = debtBatches(recs, ENDPOINTS.debtTransactions);
        return ctx.store.db.transaction((tx) => writeSeriesBatches(ctx.store, tx, batches, ctx, warnings));
      },
      'debt-to-penny': async () => {
        const from = await startDate(ctx, 'FISCAL:DEBT_TOTAL');
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.debtToPenny, { from, to: ctx.today });
        const batch = debtTotalBatch(toDebtToPenny(rows, ENDPOINTS.debtToPenny), ENDPOINTS.debtToPenny);
        return [await ctx.store.db.transaction((tx) => writeSeriesBatch(ctx.store, tx, batch, ctx))];
      },
      auctions: async () => {
        const from = ctx.from ?? addDays(ctx.today, -400);
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.auctions, {
          from,
          to: ctx.today,
          dateField: 'auction_date',
        });
        const recs = toAuctionRecords(rows, ENDPOINTS.auctions);
        const w = await ctx.store.db.transaction((tx) => writeAuctions(tx, recs, ENDPOINTS.auctions));
        const s: SeriesSummary = { source: 'treasury', series: 'treasury_auctions', status: 'ok', newRows: w.written, revisedRows: 0 };
        if (w.warnings.length) s.warnings = w.warnings;
        return [s];
      },
    };
    return runItems(ctx, 'treasury', wantedItems(ctx, Object.keys(items)), (name) => items[name]!());
  },
};
