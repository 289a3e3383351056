import { addDays } from '../core/dates.js';
import { reasonOf } from '../core/errors.js';
import type { SeriesSummary, UpdateContext } from './types.js';

/**
 * Helpers of the one update job (job.ts) and of source plans: failed summaries, the items a
 * `--series` choice keeps, where an incremental fetch resumes, a run's status.
 */

/** A failed summary for one item, the reason taken from the thrown value. */
export function failedSummary(source: string, series: string, e: unknown): SeriesSummary {
  return { source, series, status: 'failed', newRows: 0, revisedRows: 0, reason: reasonOf(e) };
}

/** The named items a job offers, restricted to `--series` when given (unknown names are ignored). */
export function wantedItems(ctx: Pick<UpdateContext, 'only'>, names: readonly string[]): string[] {
  return ctx.only?.length ? names.filter((n) => ctx.only!.includes(n)) : [...names];
}

/**
 * Where an incremental fetch of `seriesId` starts: `--from` when given, else `overlapDays` before
 * the last stored date (providers restate recent values), else `initial` (nothing stored yet).
 */
export async function resumeFrom<T extends string | undefined>(
  ctx: Pick<UpdateContext, 'from' | 'store'>,
  seriesId: string,
  overlapDays: number,
  initial: T,
): Promise<string | T> {
  if (ctx.from) return ctx.from;
  const info = await ctx.store.getSeries(seriesId);
  return info?.lastDate ? addDays(info.lastDate, -overlapDays) : initial;
}

/** An ingest run's status from its summaries: every item ok, none ok, or some of each. */
export function runStatus(summaries: readonly SeriesSummary[]): 'ok' | 'partial' | 'failed' {
  const failed = summaries.filter((s) => s.status === 'failed').length;
  return failed === 0 ? 'ok' : failed === summaries.length ? 'failed' : 'partial';
}
