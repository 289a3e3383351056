import type { Command } from 'commander';
import { optDate, printView, withDbOption, withStore } from '../context.js';
import { AS_OF_HELP, asOfOf, cikOpt, countOpt, cusipOpt } from './thirteenf-options.js';

/**
 * `13f holders`, `13f history`, `13f top-puts`: the cross-quarter queries over every stored
 * filing as views (src/views/thirteenf-queries.ts), each as known on --as-of (filed on or before
 * it). Text for people, --json for programs, --csv for spreadsheets (one row per position).
 */
export function registerThirteenFQueries(tf: Command): void {
  withDbOption(
    tf
      .command('holders')
      .description('every filer and quarter holding one CUSIP (after amendments, filed by --as-of)')
      .requiredOption('--cusip <cusip>', 'CUSIP, e.g. 78462F103 (SPDR S&P 500 ETF)', cusipOpt)
      .option('--as-of <date>', AS_OF_HELP)
      .option('--json')
      .option('--csv', 'one row per filer, quarter and position'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { holdersView } = await import('../../views/thirteenf-queries.js');
      printView(await holdersView(store, { asOf: asOfOf(opts), cusip: opts.cusip }), opts);
    }),
  );

  withDbOption(
    tf
      .command('history')
      .description("one filer's positions in every quarter on file (after amendments, filed by --as-of)")
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--as-of <date>', AS_OF_HELP)
      .option('--json')
      .option('--csv', 'one row per position and quarter'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { historyView } = await import('../../views/thirteenf-queries.js');
      // the text shows quarter totals only: the positions are for --json / --csv
      const view = await historyView(store, {
        asOf: asOfOf(opts),
        cik: opts.cik,
        positions: Boolean(opts.json || opts.csv),
      });
      printView(view, opts);
    }),
  );

  withDbOption(
    tf
      .command('top-puts')
      .description('the largest put notionals reported for one quarter (after amendments, filed by --as-of)')
      .option(
        '--period <date>',
        'quarter end, e.g. 2023-06-30 (default: the latest quarter with a put on file by --as-of)',
      )
      .option('--as-of <date>', AS_OF_HELP)
      .option('--top <n>', 'how many', countOpt, 20)
      .option('--json')
      .option('--csv'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { topPutsView } = await import('../../views/thirteenf-queries.js');
      const period = optDate(opts.period, '--period');
      printView(
        await topPutsView(store, { asOf: asOfOf(opts), ...(period ? { period } : {}), top: opts.top }),
        opts,
      );
    }),
  );
}
