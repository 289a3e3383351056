import type { Command } from 'commander';
import { asOfOf, viewCommand } from '../context.js';
import { fileImport } from '../import-run.js';
import { importCommand } from './core.js';

export function register(program: Command): void {
  viewCommand(
    program
      .command('plumbing')
      .description(
        'Fed/Treasury plumbing: reserves, repo stress, TGA, ON RRP, issuance, bathtub, stress score',
      )
      .option('--as-of <date>', 'only what was published by this day (default today)'),
    async (store, opts) =>
      (await import('../../views/plumbing.js')).plumbingView(store, { asOf: asOfOf(opts) }),
    {
      json: 'JSON output (rows, crossings, latest bathtub weeks, thesis-1 check, notes)',
      csv: 'CSV output (the indicator table, raw values)',
    },
  );

  fileImport(importCommand(program).command('treasury'), {
    description:
      'import DTS Operating Cash Balance / Public Debt Transactions CSVs or a TreasuryDirect auctions export',
    source: 'treasury-file',
    importer: async (store, files, run) =>
      (await import('../../update/import/treasury.js')).importTreasuryFiles(store, files, run),
  });

  fileImport(importCommand(program).command('nyfed'), {
    description: 'import NY Fed SOFR/EFFR JSON (website read-endpoint snapshots or Markets API refRates)',
    source: 'nyfed-file',
    importer: async (store, files, run) =>
      (await import('../../update/import/nyfed.js')).importNyfedFiles(store, files, run),
  });
}
