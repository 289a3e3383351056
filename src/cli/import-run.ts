import type { Store } from '../store/store.js';
import { runStatus } from '../update/items.js';
import type { SeriesSummary } from '../update/types.js';
import { printJson } from './context.js';
import { printSummaries } from './summary.js';

/**
 * What every `tidewatch import <kind>` does around its importer: record an ingest run under
 * `source` (so `tidewatch runs` shows file imports next to updates), print the per-item summary
 * (table, or JSON with --json), and exit 2 when any item failed so scripts notice a partial import.
 */
/** Exit status of an import: 2 when any item failed (scripts notice a partial import), else 0. */
export function exitStatusOf(summaries: readonly SeriesSummary[]): 0 | 2 {
  return summaries.some((s) => s.status === 'failed') ? 2 : 0;
}

export async function runImport(
  store: Store,
  source: string,
  opts: { json?: boolean; verbose?: boolean },
  fn: (runId: number) => Promise<SeriesSummary[]>,
): Promise<void> {
  const runId = await store.startRun(source);
  const summaries = await fn(runId);
  await store.finishRun(runId, runStatus(summaries), summaries);
  if (opts.json) printJson(summaries);
  else printSummaries(summaries, undefined, { verbose: Boolean(opts.verbose) });
  if (exitStatusOf(summaries) !== 0) process.exitCode = exitStatusOf(summaries);
}
