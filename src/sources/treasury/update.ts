import { addDays } from '../../core/dates.js';
import { resumeFrom, runItems, wantedItems } from '../../update/items.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { buildTgaSeries } from './dts-cash.js';
import {
  ENDPOINTS,
  fetchAllPages,
  toAuctionRecords,
  toCashRows,
  toDebtToPenny,
  toDebtTransactions,
} from './fiscaldata.js';
import { debtBatches, tgaBatch, writeAuctions } from './ingest.js';
import { nextBusinessDay, writeSeriesBatch, writeSeriesBatches } from './store-writer.js';

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
          writeSeriesBatches(ctx.store, tx, [tgaBatch(tga.days)], ctx, tga.warnings),
        );
      },
      'debt-transactions': async () => {
        const from = await startDate(ctx, 'DTS:BILL_ISSUES');
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.debtTransactions, { from, to: ctx.today });
        const batches = debtBatches(toDebtTransactions(rows, ENDPOINTS.debtTransactions));
        return ctx.store.db.transaction((tx) => writeSeriesBatches(ctx.store, tx, batches, ctx));
      },
      'debt-to-penny': async () => {
        const from = await startDate(ctx, 'FISCAL:DEBT_TOTAL');
        const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.debtToPenny, { from, to: ctx.today });
        const recs = toDebtToPenny(rows, ENDPOINTS.debtToPenny);
        const batch = {
          id: 'FISCAL:DEBT_TOTAL',
          source: 'treasury',
          title: 'Total public debt outstanding (Debt to the Penny)',
          sourceUnit: 'usd' as const,
          frequency: 'daily',
          release: 'dts-next-business-day',
          rows: recs.map((r) => ({ date: r.date, value: r.total, knownFrom: nextBusinessDay(r.date) })),
        };
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
        const n = await ctx.store.db.transaction((tx) => writeAuctions(tx, recs, ENDPOINTS.auctions));
        return [
          { source: 'treasury', series: 'treasury_auctions', status: 'ok', newRows: n, revisedRows: 0 },
        ];
      },
    };
    return runItems(ctx, 'treasury', wantedItems(ctx, Object.keys(items)), (name) => items[name]!());
  },
};
