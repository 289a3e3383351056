import { addDays } from '../../core/dates.js';
import { reasonOf } from '../../core/errors.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { writeSeriesBatch } from '../treasury/store-writer.js';
import { operationBatches, rateBatches, writeOperations } from './ingest.js';
import { fetchRates, fetchRepoOperations, fetchTreasuryOperations } from './markets-api.js';

/** SOFR starts 2018-04-03; the SRF 2021-07-28; a full first update fetches from here. */
const DEFAULT_FROM = '2018-04-01';

async function startDate(ctx: UpdateContext, seriesId: string): Promise<string> {
  if (ctx.from) return ctx.from;
  const info = await ctx.store.getSeries(seriesId);
  return info?.lastDate ? addDays(info.lastDate, -7) : DEFAULT_FROM;
}

const wanted = (ctx: UpdateContext, item: string) => !ctx.only?.length || ctx.only.includes(item);

/**
 * `tidewatch update --source nyfed`: Markets API → NYFED:* series and nyfed_operations.
 * Items (for --series): sofr, effr, repo, treasury.
 */
export const nyfedUpdateJob: UpdateJob = {
  source: 'nyfed',
  describe:
    'New York Fed Markets API: SOFR/EFFR with percentiles and volume, repo/ON RRP operations, bill purchases',
  async run(ctx) {
    const out: SeriesSummary[] = [];
    const rateItem = (kind: 'sofr' | 'effr') => async () => {
      const from = await startDate(ctx, `NYFED:${kind.toUpperCase()}`);
      const r = await fetchRates(ctx.http, kind, from, ctx.today);
      const sums = await ctx.store.db.transaction(async (tx) => {
        const s: SeriesSummary[] = [];
        for (const b of rateBatches(r.records)) s.push(await writeSeriesBatch(ctx.store, tx, b, ctx));
        return s;
      });
      if (r.warnings.length && sums[0]) sums[0].warnings = r.warnings;
      return sums;
    };
    const items: [string, () => Promise<SeriesSummary[]>][] = [
      ['sofr', rateItem('sofr')],
      ['effr', rateItem('effr')],
      [
        'repo',
        async () => {
          const from = await startDate(ctx, 'NYFED:RRP_ACCEPTED');
          const ops = await fetchRepoOperations(ctx.http, from, ctx.today);
          return ctx.store.db.transaction(async (tx) => {
            await writeOperations(tx, ops, [], 'nyfed:rp/results');
            const s: SeriesSummary[] = [];
            for (const b of operationBatches(ops, [])) s.push(await writeSeriesBatch(ctx.store, tx, b, ctx));
            return s;
          });
        },
      ],
      [
        'treasury',
        async () => {
          const from = await startDate(ctx, 'NYFED:BILL_PURCHASES');
          const ops = await fetchTreasuryOperations(ctx.http, from, ctx.today);
          return ctx.store.db.transaction(async (tx) => {
            await writeOperations(tx, [], ops, 'nyfed:tsy/results');
            const s: SeriesSummary[] = [];
            for (const b of operationBatches([], ops)) s.push(await writeSeriesBatch(ctx.store, tx, b, ctx));
            return s;
          });
        },
      ],
    ];
    const todo = items.filter(([n]) => wanted(ctx, n));
    ctx.progress.start(todo.length, 'nyfed');
    for (const [name, fn] of todo) {
      ctx.progress.tick(name);
      try {
        out.push(...(await fn()));
      } catch (e) {
        out.push({
          source: 'nyfed',
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
