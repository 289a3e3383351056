import type { Command } from 'commander';
import { today } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { runStatus } from '../update/items.js';
import type { SeriesSummary } from '../update/types.js';
import { printJson, type StoreOptions, withDbOption, withStore } from './context.js';
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

/** The options a summary-printing command ends with: `--json`, `--verbose` (see runImport), `--db`. */
export function summaryOptions(cmd: Command): Command {
  return withDbOption(
    cmd
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  );
}

/** The options an import's action reads besides its own. */
export interface ImportOptions extends StoreOptions {
  json?: boolean;
  verbose?: boolean;
}

/**
 * The action of `import <kind> FILES...`: open the store and run `importer` as an ingest run of
 * `source` (runImport), with the run's id and today's date for what it writes.
 */
export function importAction<O extends ImportOptions>(
  source: string,
  importer: (
    store: Store,
    files: string[],
    run: { runId: number; today: string },
    opts: O,
  ) => Promise<SeriesSummary[]>,
): (files: string[], opts: O) => Promise<void> {
  return (files, opts) =>
    withStore(opts, (store) =>
      runImport(store, source, opts, (runId) => importer(store, files, { runId, today: today() }, opts)),
    );
}

/**
 * `import <kind> FILES...` on `cmd` (its name and parent already set): the description, the
 * command's own options, then the summary options, and the files imported as one run of
 * `source` by `importer` (importAction).
 */
export function fileImport<O extends ImportOptions>(
  cmd: Command,
  spec: {
    description: string;
    source: string;
    /** What the files argument says in the help (nothing by default). */
    files?: string;
    /** The command's own options (listed before the summary options). */
    options?: (cmd: Command) => Command;
    importer: Parameters<typeof importAction<O>>[1];
  },
): void {
  const withArgs = cmd.description(spec.description).argument('<files...>', spec.files);
  summaryOptions(spec.options ? spec.options(withArgs) : withArgs).action(
    importAction(spec.source, spec.importer),
  );
}
