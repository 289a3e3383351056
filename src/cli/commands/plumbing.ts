import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { optDate, printView, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

export function register(program: Command): void {
  withDbOption(
    program
      .command('plumbing')
      .description(
        'Fed/Treasury plumbing: reserves, repo stress, TGA, ON RRP, issuance, bathtub, stress score',
      )
      .option('--as-of <date>', 'only what was published by this day (default today)')
      .option('--json', 'JSON output (rows, crossings, latest bathtub weeks, thesis-1 check, notes)')
      .option('--csv', 'CSV output (the indicator table, raw values)'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { plumbingView } = await import('../../views/plumbing.js');
      printView(await plumbingView(store, { asOf: optDate(opts.asOf, '--as-of') ?? today() }), opts);
    }),
  );

  withDbOption(
    importCommand(program)
      .command('treasury')
      .description(
        'import DTS Operating Cash Balance / Public Debt Transactions CSVs or a TreasuryDirect auctions export',
      )
      .argument('<files...>')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'treasury-file', opts, async (runId) =>
        (await import('../../update/import/treasury.js')).importTreasuryFiles(store, files, {
          runId,
          today: today(),
        }),
      ),
    ),
  );

  withDbOption(
    importCommand(program)
      .command('nyfed')
      .description('import NY Fed SOFR/EFFR JSON (website read-endpoint snapshots or Markets API refRates)')
      .argument('<files...>')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'nyfed-file', opts, async (runId) =>
        (await import('../../update/import/nyfed.js')).importNyfedFiles(store, files, {
          runId,
          today: today(),
        }),
      ),
    ),
  );
}
