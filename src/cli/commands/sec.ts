import type { Command } from 'commander';
import { dateOpt, withDbOption, withStore } from '../context.js';
import { fileImport, type ImportOptions } from '../import-run.js';
import { importCommand } from './core.js';
import { registerThirteenFEdgar } from './thirteenf-edgar.js';
import { cikOpt } from './thirteenf-options.js';
import { registerThirteenFViews } from './thirteenf-views.js';

/**
 * SEC 13F commands: `import 13f`, `import 13f-data-set` and the `13f` group (display commands, one
 * table row each, in thirteenf-views.ts; EDGAR/OpenFIGI in thirteenf-edgar.ts). Only the
 * command definitions live here; what a command runs is imported when it runs, so the XML parser,
 * the zip reader and the views stay out of `tidewatch --help` and every other command.
 */

/**
 * Import 13F files (thirteenf-import.ts): the importer loads when this is first called, so the XML
 * parser stays out of every other command's start-up.
 */
export const importThirteenFFiles: typeof import('./thirteenf-import.js').importThirteenFFiles = async (
  ...args
) => (await import('./thirteenf-import.js')).importThirteenFFiles(...args);

function addImport(cmd: Command): void {
  fileImport(cmd, {
    description:
      'import 13F filings: full submission .txt/.nc, primary_doc + information table, or a bare table',
    source: 'sec-13f',
    options: (c) =>
      c
        .option('--cik <n>', 'filer CIK (for a bare information table)', cikOpt)
        .option(
          '--period <date>',
          'period of report YYYY-MM-DD (for a bare information table)',
          dateOpt('--period'),
        )
        .option(
          '--filed <date>',
          'EDGAR filing date YYYY-MM-DD of a file without an SGML header (else it counts from the import day)',
          dateOpt('--filed'),
        ),
    importer: (store, files, run, opts: ImportOptions & { cik?: number; period?: string; filed?: string }) =>
      importThirteenFFiles(store, files, opts, run),
  });
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
  registerThirteenFEdgar(tf);
}
