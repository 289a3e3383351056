import type { Command } from 'commander';
import type { View } from '../../views/model.js';
import { asOfOf, optDate, printView, type ViewOptions, viewCommand } from '../context.js';
import { AS_OF_HELP, cikOpt, countOpt } from './thirteenf-options.js';

/**
 * `13f holdings | diff | watchlist | filings`: each prints its view model (src/views/thirteenf-*.ts)
 * as text, `--json` (the data behind it) or `--csv` (its first table). The views load lazily.
 */

/**
 * The output of a holdings or diff view. One with nothing public by then has no data to print as
 * JSON either: it fails with its reason (exit 1) whatever the format, as these commands always did.
 */
const holdingsOutput = (csv: string) => ({
  csv,
  print: (view: View<unknown>, opts: ViewOptions) => printView(view, view.data === null ? {} : opts),
});

function addHoldings(tf: Command): void {
  viewCommand(
    tf
      .command('holdings')
      .description('holdings of a filer for a quarter (after amendments), with put/call notional and premium')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--period <date>', 'period of report (default: the latest filed by --as-of)')
      .option('--as-of <date>', AS_OF_HELP)
      .option('--top <n>', 'concentration: top-N share', countOpt, 5)
      .option('--map <file>', 'CUSIP → ticker mapping file (cusip,ticker,name)'),
    async (store, opts: ViewOptions & { cik: number; period?: string; top: number; map?: string }) => {
      const { holdingsView } = await import('../../views/thirteenf-holdings.js');
      const period = optDate(opts.period, '--period');
      return holdingsView(store, {
        asOf: asOfOf(opts),
        cik: opts.cik,
        ...(period ? { period } : {}),
        top: opts.top,
        ...(opts.map ? { mapFile: opts.map } : {}),
      });
    },
    holdingsOutput('the positions as CSV'),
  );
}

function addDiff(tf: Command): void {
  viewCommand(
    tf
      .command('diff')
      .description('quarter-over-quarter changes: new, added, trimmed, exited (by shares)')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--from <date>', 'earlier period (default: the one before --to)')
      .option('--to <date>', 'later period (default: the latest filed by --as-of)')
      .option('--as-of <date>', AS_OF_HELP),
    async (store, opts: ViewOptions & { cik: number; from?: string; to?: string }) => {
      const { diffView } = await import('../../views/thirteenf-holdings.js');
      const from = optDate(opts.from, '--from');
      const to = optDate(opts.to, '--to');
      return diffView(store, {
        asOf: asOfOf(opts),
        cik: opts.cik,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
    },
    holdingsOutput('the changes as CSV'),
  );
}

function addWatchlist(tf: Command): void {
  viewCommand(
    tf
      .command('watchlist')
      .description(
        'watched filers: coverage, latest report, puts/calls with notional and premium, put history',
      )
      .option('--add <cik>', 'add a filer to the watchlist', cikOpt)
      .option('--name <name>', 'name for --add')
      .option('--as-of <date>', AS_OF_HELP),
    async (store, opts: ViewOptions & { add?: number; name?: string }) => {
      if (opts.add !== undefined) {
        const { addToWatchlist } = await import('../../sources/sec/thirteenf/watchlist-store.js');
        await addToWatchlist(store.db, { cik: opts.add, name: opts.name ?? `CIK ${opts.add}`, note: '' });
      }
      const { watchlistView } = await import('../../views/thirteenf-watchlist.js');
      return watchlistView(store, { asOf: asOfOf(opts) });
    },
    { csv: 'the puts and calls of the latest reports as CSV' },
  );
}

function addFilings(tf: Command): void {
  viewCommand(
    tf
      .command('filings')
      .description(
        'stored 13F filings filed by --as-of: form, filing date, value unit and the rule that decided it',
      )
      .option('--cik <n>', 'one filer (default: every filer)', cikOpt)
      .option('--as-of <date>', AS_OF_HELP),
    async (store, opts: ViewOptions & { cik?: number }) =>
      (await import('../../views/thirteenf-holdings.js')).filingsView(store, {
        asOf: asOfOf(opts),
        ...(opts.cik !== undefined ? { cik: opts.cik } : {}),
      }),
  );
}

/** The display commands of one filer under `13f`. */
export function registerThirteenFViews(tf: Command): void {
  addHoldings(tf);
  addDiff(tf);
  addWatchlist(tf);
  addFilings(tf);
}
