import type { Command } from 'commander';
import type { Store } from '../../store/store.js';
import type { SeriesSummary } from '../../update/types.js';
import { optDate, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';
import { registerThirteenFEdgar } from './thirteenf-edgar.js';
import { cikOpt } from './thirteenf-options.js';
import { registerThirteenFQueries } from './thirteenf-queries.js';
import { registerThirteenFViews } from './thirteenf-views.js';

/**
 * SEC 13F commands: `import 13f`, `import 13f-data-set` and the `13f` group (display commands in
 * thirteenf-views.ts and thirteenf-queries.ts, EDGAR/OpenFIGI in thirteenf-edgar.ts). Only the
 * command definitions live here; what a command runs is imported when it runs, so the XML parser,
 * the zip reader and the views stay out of `tidewatch --help` and every other command.
 */

/**
 * Import 13F files: full submissions (.txt/.nc), a primary_doc + information table pair, or a
 * bare information table (needs --cik and --period); see thirteenf-import.ts.
 */
export async function importThirteenFFiles(
  store: Store,
  files: string[],
  opts: { cik?: number; period?: string; filed?: string },
): Promise<SeriesSummary[]> {
  const m = await import('./thirteenf-import.js');
  return m.importThirteenFFiles(store, files, opts);
}

function addImport(cmd: Command): void {
  withDbOption(
    cmd
      .description(
        'import 13F filings: full submission .txt/.nc, primary_doc + information table, or a bare table',
      )
      .argument('<files...>')
      .option('--cik <n>', 'filer CIK (for a bare information table)', cikOpt)
      .option('--period <date>', 'period of report YYYY-MM-DD (for a bare information table)')
      .option(
        '--filed <date>',
        'EDGAR filing date YYYY-MM-DD of a file without an SGML header (else it counts from the import day)',
      )
      .option('--json', 'print the summary as JSON'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'sec-13f', opts, () =>
        importThirteenFFiles(store, files, {
          cik: opts.cik,
          period: optDate(opts.period, '--period'),
          filed: optDate(opts.filed, '--filed'),
        }),
      ),
    ),
  );
}

function addDataSetImport(program: Command): void {
  withDbOption(
    importCommand(program)
      .command('13f-data-set')
      .description(
        'import SEC Form 13F data-set zips (quarterly TSVs): streamed, size-capped, each zip in one transaction',
      )
      .argument('<zips...>')
      .option('--metadata <file>', 'FORM13F_metadata.json (default: the one inside each zip)')
      .option('--json'),
  ).action(async (zips: string[], opts) =>
    withStore(opts, async (store) =>
      (await import('./thirteenf-import.js')).importDataSets(store, zips, opts),
    ),
  );
}

export function register(program: Command): void {
  addImport(importCommand(program).command('13f'));
  addDataSetImport(program);
  const tf = program.command('13f').description('SEC 13F holdings: famous shorts, diffs, put/call notional');
  addImport(tf.command('import'));
  registerThirteenFViews(tf);
  registerThirteenFQueries(tf);
  registerThirteenFEdgar(tf);
}
