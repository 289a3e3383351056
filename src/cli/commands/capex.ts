import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { optDate, printView, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

/** `tidewatch import xbrl` and `tidewatch capex` (the view is built in src/views/capex.ts). */
export function register(program: Command): void {
  withDbOption(
    importCommand(program)
      .command('xbrl')
      .description(
        'import XBRL financials: companyfacts JSON, XBRL instance .xml or inline-XBRL 10-K/10-Q .htm',
      )
      .argument('<files...>')
      .option('--accession <a>', 'accession number of the filing (instance/iXBRL files do not carry it)')
      .option('--filed <date>', 'filing date (needed for --as-of queries on imported filings)')
      .option('--form <form>', 'form type when the document does not say (10-K, 10-Q)')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, async (store) => {
      const { importXbrlFiles } = await import('../../update/import/xbrl.js');
      const filed = optDate(opts.filed, '--filed');
      return runImport(store, 'xbrl-file', opts, (runId) =>
        importXbrlFiles(
          store,
          files,
          { accession: opts.accession, filed, form: opts.form },
          { runId, today: today() },
        ),
      );
    }),
  );

  withDbOption(
    program
      .command('capex')
      .description(
        'AI capex cycle: capex vs operating income growth per company and for the hyperscalers together, the gap (pp), burst flag',
      )
      .option('--as-of <date>', 'only figures filed on or before this date (default today)')
      .option('--ticker <t>', 'one company (MSFT, GOOGL, AMZN, META, ORCL, NVDA or an imported one)')
      .option('--last <n>', 'quarters and years to show per company', '8')
      .option('--json', 'print the full report as JSON')
      .option('--csv', 'the latest period per company as CSV'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last <= 0)
        throw new TidewatchError('bad-input', `--last must be a positive integer, got '${opts.last}'`);
      const { capexView } = await import('../../views/capex.js');
      const view = await capexView(store, {
        asOf: optDate(opts.asOf, '--as-of') ?? today(),
        last,
        ...(opts.ticker ? { ticker: opts.ticker } : {}),
      });
      printView(view, opts, () => view.data.report);
    }),
  );
}
