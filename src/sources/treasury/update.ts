import { addDays } from '../../core/dates.js';
import { reasonOf } from '../../core/errors.js';
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
import { nextBusinessDay, writeSeriesBatch } from './store-writer.js';

/** First date fetched when nothing is stored yet (the DTS CSV history in shared data starts 2021-06). */
const DEFAULT_FROM = '2019-01-01';

async function startDate(ctx: UpdateContext, seriesId: string): Promise<string> {
  if (ctx.from) return ctx.from;
  const info = await ctx.store.getSeries(seriesId);
  // Re-fetch a week of overlap: DTS rows are occasionally restated.
  return info?.lastDate ? addDays(info.lastDate, -7) : DEFAULT_FROM;
}

const wanted = (ctx: UpdateContext, item: string) => !ctx.only?.length || ctx.only.includes(item);

/**
 * `tidewatch update --source treasury`: Fiscal Data API → DTS:* series, FISCAL:DEBT_TOTAL and the
 * auctions table. Items (for --series): tga, debt-transactions, debt-to-penny, auctions. Each item
 * is fetched completely, then written in one transaction; a failed item does not stop the others.
 */
export const treasuryUpdateJob: UpdateJob = {
  source: 'treasury',
  describe: 'US Treasury Fiscal Data API: daily TGA, public debt transactions, debt to the penny, auctions',
  async run(ctx) {
    const out: SeriesSummary[] = [];
    const items: [string, () => Promise<SeriesSummary[]>][] = [
      [
        'tga',
        async () => {
          const from = await startDate(ctx, 'DTS:TGA_CLOSE');
          const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.operatingCash, { from, to: ctx.today });
          const tga = buildTgaSeries(toCashRows(rows, ENDPOINTS.operatingCash), ENDPOINTS.operatingCash);
          const s = await ctx.store.db.transaction((tx) =>
            writeSeriesBatch(ctx.store, tx, tgaBatch(tga.days), ctx),
          );
          if (tga.warnings.length) s.warnings = tga.warnings;
          return [s];
        },
      ],
      [
        'debt-transactions',
        async () => {
          const from = await startDate(ctx, 'DTS:BILL_ISSUES');
          const { rows } = await fetchAllPages(ctx.http, ENDPOINTS.debtTransactions, { from, to: ctx.today });
          const batches = debtBatches(toDebtTransactions(rows, ENDPOINTS.debtTransactions));
          return ctx.store.db.transaction(async (tx) => {
            const s: SeriesSummary[] = [];
            for (const b of batches) s.push(await writeSeriesBatch(ctx.store, tx, b, ctx));
            return s;
          });
        },
      ],
      [
        'debt-to-penny',
        async () => {
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
      ],
      [
        'auctions',
        async () => {
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
      ],
    ];
    const todo = items.filter(([name]) => wanted(ctx, name));
    ctx.progress.start(todo.length, 'treasury');
    for (const [name, fn] of todo) {
      ctx.progress.tick(name);
      try {
        out.push(...(await fn()));
      } catch (e) {
        out.push({
          source: 'treasury',
          series: name,
          status: 'failed',
          newRows: 0,
          revisedRows: 0,
          reason: reasonOf(e),
        });
      }
    }
    ctx.progress.stop();
    return out;
  },
};
