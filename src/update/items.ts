import { addDays } from '../core/dates.js';
import { reasonOf } from '../core/errors.js';
import type { SeriesSummary, UpdateContext } from './types.js';

/**
 * The per-item loop shared by update jobs and file importers: each item (a series, a symbol, a
 * file) stands alone, so one that throws becomes a 'failed' summary naming it and the rest
 * still run. Nothing here knows what an item is.
 */

/** A failed summary for one item, the reason taken from the thrown value. */
export function failedSummary(source: string, series: string, e: unknown): SeriesSummary {
  return { source, series, status: 'failed', newRows: 0, revisedRows: 0, reason: reasonOf(e) };
}

export interface EachItemHooks {
  /** Called before each item (progress tick, "importing FILE" line). */
  before?: (item: string) => void;
  /** Turns a thrown value into the item's summary; default: failedSummary(source, item, e). */
  onError?: (item: string, e: unknown) => SeriesSummary;
}

/** Run `fn` for each item in order, collecting its summaries; a throw is caught per item. */
export async function eachItem(
  source: string,
  items: readonly string[],
  fn: (item: string) => Promise<SeriesSummary | SeriesSummary[]>,
  hooks: EachItemHooks = {},
): Promise<SeriesSummary[]> {
  const out: SeriesSummary[] = [];
  for (const item of items) {
    hooks.before?.(item);
    try {
      const got = await fn(item);
      if (Array.isArray(got)) out.push(...got);
      else out.push(got);
    } catch (e) {
      out.push(hooks.onError ? hooks.onError(item, e) : failedSummary(source, item, e));
    }
  }
  return out;
}

/** An update job's item loop: eachItem with the run's progress bar labelled `source`. */
export async function runItems(
  ctx: Pick<UpdateContext, 'progress'>,
  source: string,
  items: readonly string[],
  fn: (item: string) => Promise<SeriesSummary | SeriesSummary[]>,
  onError?: EachItemHooks['onError'],
): Promise<SeriesSummary[]> {
  ctx.progress.start(items.length, source);
  try {
    return await eachItem(source, items, fn, { before: (item) => ctx.progress.tick(item), onError });
  } finally {
    ctx.progress.stop();
  }
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
