import { resumeFrom, runItems, wantedItems } from '../../update/items.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { writeSeriesBatches } from '../treasury/store-writer.js';
import { operationBatches, rateBatches, writeOperations } from './ingest.js';
import { fetchRates, fetchRepoOperations, fetchTreasuryOperations, NYFED_BASE } from './markets-api.js';

/** SOFR starts 2018-04-03; the SRF 2021-07-28; a full first update fetches from here. */
const DEFAULT_FROM = '2018-04-01';

/** Re-fetch a week of overlap: recent fixings are occasionally revised. */
const startDate = (ctx: UpdateContext, seriesId: string) => resumeFrom(ctx, seriesId, 7, DEFAULT_FROM);

/**
 * `tidewatch update --source nyfed`: Markets API → NYFED:* series and nyfed_operations.
 * Items (for --series): sofr, effr, repo, treasury.
 */
export const nyfedUpdateJob: UpdateJob = {
  source: 'nyfed',
  describe:
    'New York Fed Markets API: SOFR/EFFR with percentiles and volume, repo/ON RRP operations, bill purchases',
  async run(ctx) {
    const rateItem = (kind: 'sofr' | 'effr') => async () => {
      const from = await startDate(ctx, `NYFED:${kind.toUpperCase()}`);
      const r = await fetchRates(ctx.http, kind, from, ctx.today);
      return ctx.store.db.transaction((tx) =>
        writeSeriesBatches(ctx.store, tx, rateBatches(r.records, `${NYFED_BASE} ${kind}`), ctx, r.warnings),
      );
    };
    const items: Record<string, () => Promise<SeriesSummary[]>> = {
      sofr: rateItem('sofr'),
      effr: rateItem('effr'),
      repo: async () => {
        const from = await startDate(ctx, 'NYFED:RRP_ACCEPTED');
        const ops = await fetchRepoOperations(ctx.http, from, ctx.today);
        return ctx.store.db.transaction(async (tx) => {
          await writeOperations(tx, ops, [], 'nyfed:rp/results');
          return writeSeriesBatches(ctx.store, tx, operationBatches(ops, [], `${NYFED_BASE}/api/rp/results`), ctx);
        });
      },
      treasury: async () => {
        const from = await startDate(ctx, 'NYFED:BILL_PURCHASES');
        const ops = await fetchTreasuryOperations(ctx.http, from, ctx.today);
        return ctx.store.db.transaction(async (tx) => {
          await writeOperations(tx, [], ops, 'nyfed:tsy/results');
          return writeSeriesBatches(ctx.store, tx, operationBatches([], ops, `${NYFED_BASE}/api/tsy/all/results`), ctx);
        });
      },
    };
    return runItems(ctx, 'nyfed', wantedItems(ctx, Object.keys(items)), (name) => items[name]!());
  },
};
