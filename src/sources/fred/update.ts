import { resumeFrom, runItems } from '../../update/items.js';
import type { UpdateJob } from '../../update/types.js';
import { catalogEntryOrGeneric, DEFAULT_FRED_SERIES } from './catalog.js';
import { fetchFredSeries } from './connector.js';
import { ingestFredRecords } from './ingest.js';

/**
 * Re-fetch this many days before the last stored date on an incremental run, so recent revisions
 * (FRED revises H.4.1 and NFCI values) are picked up.
 */
const REVISION_WINDOW_DAYS = 120;

export const fredUpdateJob: UpdateJob = {
  source: 'fred',
  describe: 'FRED series (fredgraph.csv; JSON API + ALFRED vintages when FRED_API_KEY is set)',
  async run(ctx) {
    const ids = ctx.only?.length ? ctx.only.map((s) => s.toUpperCase()) : DEFAULT_FRED_SERIES;
    return runItems(ctx, 'fred', ids, async (id) => {
      const from = await resumeFrom(ctx, catalogEntryOrGeneric(id).id, REVISION_WINDOW_DAYS, undefined);
      const got = await fetchFredSeries(ctx.http, {
        seriesId: id,
        from,
        vintages: process.env.TIDEWATCH_FRED_VINTAGES === '1',
      });
      return ingestFredRecords(ctx.store, {
        seriesId: got.seriesId,
        origin: got.url,
        unit: got.unit,
        unitRule: got.unitRule,
        records: got.records,
        missing: got.missing,
        runId: ctx.runId,
        today: ctx.today,
      });
    });
  },
};
