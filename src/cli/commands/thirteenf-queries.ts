import type { Command } from 'commander';
import { asOfOf, optDate, type ViewOptions, viewCommand } from '../context.js';
import { AS_OF_HELP, cikOpt, countOpt, cusipOpt } from './thirteenf-options.js';

/**
 * `13f holders`, `13f history`, `13f top-puts`: the cross-quarter queries over every stored
 * filing as views (src/views/thirteenf-queries.ts), each as known on --as-of (filed on or before
 * it). Text for people, --json for programs, --csv for spreadsheets (one row per position).
 */
export function registerThirteenFQueries(tf: Command): void {
  viewCommand(
    tf
      .command('holders')
      .description('every filer and quarter holding one CUSIP (after amendments, filed by --as-of)')
      .requiredOption('--cusip <cusip>', 'CUSIP, e.g. 78462F103 (SPDR S&P 500 ETF)', cusipOpt)
      .option('--as-of <date>', AS_OF_HELP),
    async (store, opts: ViewOptions & { cusip: string }) =>
      (await import('../../views/thirteenf-queries.js')).holdersView(store, {
        asOf: asOfOf(opts),
        cusip: opts.cusip,
      }),
    { csv: 'one row per filer, quarter and position' },
  );

  viewCommand(
    tf
      .command('history')
      .description("one filer's positions in every quarter on file (after amendments, filed by --as-of)")
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--as-of <date>', AS_OF_HELP),
    async (store, opts: ViewOptions & { cik: number }) =>
      (await import('../../views/thirteenf-queries.js')).historyView(store, {
        asOf: asOfOf(opts),
        cik: opts.cik,
        // the text shows quarter totals only: the positions are for --json / --csv
        positions: Boolean(opts.json || opts.csv),
      }),
    { csv: 'one row per position and quarter' },
  );

  viewCommand(
    tf
      .command('top-puts')
      .description('the largest put notionals reported for one quarter (after amendments, filed by --as-of)')
      .option(
        '--period <date>',
        'quarter end, e.g. 2023-06-30 (default: the latest quarter with a put on file by --as-of)',
      )
      .option('--as-of <date>', AS_OF_HELP)
      .option('--top <n>', 'how many', countOpt, 20),
    async (store, opts: ViewOptions & { period?: string; top: number }) => {
      const { topPutsView } = await import('../../views/thirteenf-queries.js');
      const period = optDate(opts.period, '--period');
      return topPutsView(store, { asOf: asOfOf(opts), ...(period ? { period } : {}), top: opts.top });
    },
  );
}
