import { isTidewatchError, reasonOf } from '../../core/errors.js';
import { failedSummary, runItems } from '../../update/items.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { writePrices } from './repository.js';
import { universe } from './universe.js';
import { fetchYahooDaily } from './yahoo.js';

/**
 * `tidewatch update --source prices`: daily bars for the universe from Yahoo's chart endpoint.
 * Each symbol stands alone: a rate limit, an unknown ticker (SNDK before its 2025 listing has
 * no long history) or a replay miss is reported for that symbol and the rest carry on.
 */
export const pricesUpdateJob: UpdateJob = {
  source: 'prices',
  describe: 'daily bars, splits and dividends for the price universe (Yahoo chart, keyless)',
  async run(ctx: UpdateContext): Promise<SeriesSummary[]> {
    const symbols = ctx.only?.length ? ctx.only : universe();
    return runItems(
      ctx,
      'prices',
      symbols,
      async (symbol) => {
        const parsed = await fetchYahooDaily(ctx.http, symbol);
        const counts = await writePrices(ctx.store.db, parsed);
        return {
          source: 'prices',
          series: `${symbol} ← yahoo-chart`,
          status: 'ok',
          ...counts,
          warnings: [...parsed.notes, ...parsed.dropped.map((d) => `dropped ${d.date}: ${d.reason}`)].map(
            (w) => `${symbol}: ${w}`,
          ),
        };
      },
      (symbol, e) => {
        if (isTidewatchError(e) && e.kind === 'replay-miss') {
          const reason = `replay mode: no recorded Yahoo response for ${symbol}; import files instead (tidewatch import prices --shared)`;
          ctx.log(`prices ${symbol}: ${reason}`);
          // Also a warning: the summary table prints warnings for every status, reasons only for failures.
          const warnings = [`${symbol}: ${reason}`];
          return {
            source: 'prices',
            series: symbol,
            status: 'skipped',
            newRows: 0,
            revisedRows: 0,
            reason,
            warnings,
          };
        }
        ctx.log(`prices ${symbol}: ${reasonOf(e)}`);
        return failedSummary('prices', symbol, e);
      },
    );
  },
};
