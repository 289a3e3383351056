import type { Command } from 'commander';
import type { View } from '../../views/model.js';
import { printView, type ViewOptions } from '../context.js';
import { addViewCommands, type ViewCommandRow, type ViewOption } from '../view-commands.js';
import { AS_OF_HELP, cikOpt, concentrationTopOpt, cusipOpt, topPutsOpt } from './thirteenf-options.js';

/**
 * The 13F display commands, one row each: `holdings`, `diff`, `watchlist`, `filings` (one filer's
 * books, src/views/thirteenf-holdings.ts and thirteenf-watchlist.ts) and `holders`, `history`,
 * `top-puts` (the cross-quarter queries over every stored filing, src/views/thirteenf-queries.ts).
 * Each prints its registry view as known on --as-of (filed on or before it): text for people,
 * --json for programs, --csv for spreadsheets (its first table).
 */

const AS_OF: ViewOption = { flags: '--as-of <date>', help: AS_OF_HELP, param: 'asOf', date: true };

const SCION_CIK: ViewOption = {
  flags: '--cik <n>',
  help: 'filer CIK (default: Scion, 1649339)',
  param: 'cik',
  parse: cikOpt,
  default: 1649339,
};

/** A date option that sets the view parameter of its own name. */
const dateOption = (name: string, help: string): ViewOption => ({
  flags: `--${name} <date>`,
  help,
  param: name,
  date: true,
});

/**
 * The output of a holdings or diff view. One with nothing public by then has no data to print as
 * JSON either: it fails with its reason (exit 1) whatever the format, as these commands always did.
 */
const printHoldings = (view: View, opts: ViewOptions) => printView(view, view.data === null ? {} : opts);

export const THIRTEENF_VIEW_COMMANDS: ViewCommandRow[] = [
  {
    name: 'holdings',
    description: 'holdings of a filer for a quarter (after amendments), with put/call notional and premium',
    view: '13f-holdings',
    options: [
      SCION_CIK,
      dateOption('period', 'period of report (default: the latest filed by --as-of)'),
      AS_OF,
      {
        flags: '--top <n>',
        help: 'concentration: top-N share',
        param: 'top',
        parse: concentrationTopOpt,
        default: 5,
      },
      { flags: '--map <file>', help: 'CUSIP → ticker mapping file (cusip,ticker,name)', local: 'mapFile' },
    ],
    csv: 'the positions as CSV',
    print: printHoldings,
  },
  {
    name: 'diff',
    description: 'quarter-over-quarter changes: new, added, trimmed, exited (by shares)',
    view: '13f-diff',
    options: [
      SCION_CIK,
      dateOption('from', 'earlier period (default: the one before --to)'),
      dateOption('to', 'later period (default: the latest filed by --as-of)'),
      AS_OF,
    ],
    csv: 'the changes as CSV',
    print: printHoldings,
  },
  {
    name: 'watchlist',
    description: 'watched filers: coverage, latest report, puts/calls with notional and premium, put history',
    view: 'watchlist',
    options: [
      { flags: '--add <cik>', help: 'add a filer to the watchlist', parse: cikOpt },
      { flags: '--name <name>', help: 'name for --add' },
      AS_OF,
    ],
    csv: 'the puts and calls of the latest reports as CSV',
    async before(store, opts: ViewOptions & { add?: number; name?: string }) {
      if (opts.add === undefined) return;
      const { addToWatchlist } = await import('../../sources/sec/thirteenf/watchlist-store.js');
      await addToWatchlist(store.db, { cik: opts.add, name: opts.name ?? `CIK ${opts.add}`, note: '' });
    },
  },
  {
    name: 'filings',
    description:
      'stored 13F filings filed by --as-of: form, filing date, value unit and the rule that decided it',
    view: '13f-filings',
    options: [
      { flags: '--cik <n>', help: 'one filer (default: every filer)', param: 'cik', parse: cikOpt },
      AS_OF,
    ],
  },
  {
    name: 'holders',
    description: 'every filer and quarter holding one CUSIP (after amendments, filed by --as-of)',
    view: '13f-holders',
    options: [
      {
        flags: '--cusip <cusip>',
        help: 'CUSIP, e.g. 78462F103 (SPDR S&P 500 ETF)',
        param: 'cusip',
        parse: cusipOpt,
        required: true,
      },
      AS_OF,
    ],
    csv: 'one row per filer, quarter and position',
  },
  {
    name: 'history',
    description: "one filer's positions in every quarter on file (after amendments, filed by --as-of)",
    view: '13f-history',
    options: [{ flags: '--cik <n>', help: 'filer CIK', param: 'cik', parse: cikOpt, required: true }, AS_OF],
    csv: 'one row per position and quarter',
    // the text shows quarter totals only: the positions are for --json / --csv
    params: (opts) => ({ positions: opts.json || opts.csv ? 'true' : 'false' }),
  },
  {
    name: 'top-puts',
    description: 'the largest put notionals reported for one quarter (after amendments, filed by --as-of)',
    view: '13f-top-puts',
    options: [
      dateOption(
        'period',
        'quarter end, e.g. 2023-06-30 (default: the latest quarter with a put on file by --as-of)',
      ),
      AS_OF,
      { flags: '--top <n>', help: 'how many', param: 'top', parse: topPutsOpt, default: 20 },
    ],
  },
];

/** The display commands under `13f`, in the order `13f --help` lists them. */
export function registerThirteenFViews(tf: Command): void {
  addViewCommands(tf, THIRTEENF_VIEW_COMMANDS);
}
