import type { Command } from 'commander';
import { TidewatchError } from '../../core/errors.js';
import { asOfOf, dateOpt, printView, type ViewOptions, viewCommand } from '../context.js';
import { fileImport, type ImportOptions } from '../import-run.js';
import { importCommand } from './core.js';

/** `tidewatch import xbrl` and `tidewatch capex` (the view is built in src/views/capex.ts). */
export function register(program: Command): void {
  fileImport(importCommand(program).command('xbrl'), {
    description:
      'import XBRL financials: companyfacts JSON, XBRL instance .xml or inline-XBRL 10-K/10-Q .htm',
    source: 'xbrl-file',
    options: (cmd) =>
      cmd
        .option('--accession <a>', 'accession number of the filing (instance/iXBRL files do not carry it)')
        .option(
          '--filed <date>',
          'filing date (needed for --as-of queries on imported filings)',
          dateOpt('--filed'),
        )
        .option('--form <form>', 'form type when the document does not say (10-K, 10-Q)'),
    importer: async (
      store,
      files,
      run,
      opts: ImportOptions & { accession?: string; filed?: string; form?: string },
    ) =>
      (await import('../../update/import/xbrl.js')).importXbrlFiles(
        store,
        files,
        { accession: opts.accession, filed: opts.filed, form: opts.form },
        run,
      ),
  });

  viewCommand(
    program
      .command('capex')
      .description(
        'AI capex cycle: capex vs operating income growth per company and for the hyperscalers together, the gap (pp), burst flag',
      )
      .option('--as-of <date>', 'only figures filed on or before this date (default today)')
      .option('--ticker <t>', 'one company (MSFT, GOOGL, AMZN, META, ORCL, NVDA or an imported one)')
      .option('--last <n>', 'quarters and years to show per company', '8'),
    async (store, opts: ViewOptions & { ticker?: string; last: string }) => {
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last <= 0)
        throw new TidewatchError('bad-input', `--last must be a positive integer, got '${opts.last}'`);
      const { capexView } = await import('../../views/capex.js');
      return capexView(store, {
        asOf: asOfOf(opts),
        last,
        ...(opts.ticker ? { ticker: opts.ticker } : {}),
      });
    },
    {
      json: 'print the full report as JSON',
      csv: 'the latest period per company as CSV',
      print: (view, opts) => printView(view, opts, () => view.data.report),
    },
  );
}
