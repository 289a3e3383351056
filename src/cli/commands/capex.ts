import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { formatUsd } from '../../core/units.js';
import { capexReportFromStore } from '../../indicators/capex/from-store.js';
import type { CapexReport } from '../../indicators/capex/report.js';
import { importXbrlFiles } from '../../update/import/xbrl.js';
import { optDate, printJson, table, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`;
const ratio = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(2));

function printReport(r: CapexReport, last: number): void {
  if (!r.companies.length) {
    console.log(
      'no XBRL facts stored yet: run `tidewatch update --source xbrl` or `tidewatch import xbrl FILE`',
    );
    return;
  }
  for (const c of r.companies) {
    console.log(`\n${c.ticker} — ${c.name} (CIK ${c.cik})${r.asOf ? `, as known on ${r.asOf}` : ''}`);
    const rows = c.quarters
      .slice(-last)
      .map((q) => [
        `FY${q.fiscalYear} Q${q.fiscalQuarter}`,
        `${q.start}..${q.end}`,
        formatUsd(q.values.capex),
        q.basis.capex === 'reported' ? 'rep' : (q.basis.capex ?? null),
        formatUsd(q.values.operatingIncome),
        pct(q.ttmYoy.capex),
        pct(q.ttmYoy.operatingIncome),
        pct(q.ttmGap),
        ratio(q.capexToOcf),
        pct(q.debtFundedShare),
        q.burst ? 'BURST' : '',
        q.knownFrom,
      ]);
    if (!c.quarters.length) {
      console.log('no quarterly figures stored; fiscal years from 10-K filings:');
      console.log(
        table(
          [
            'fiscal year',
            'period',
            'capex',
            'op. income',
            'capex YoY',
            'op.inc YoY',
            'gap',
            'capex/OCF',
            'debt share',
          ],
          c.years
            .slice(-last)
            .map((y) => [
              `FY${y.fiscalYear}`,
              `${y.start}..${y.end}`,
              formatUsd(y.values.capex),
              formatUsd(y.values.operatingIncome),
              pct(y.yoy.capex),
              pct(y.yoy.operatingIncome),
              pct(y.gap),
              ratio(y.capexToOcf),
              pct(y.debtFundedShare),
            ]),
        ),
      );
      continue;
    }
    console.log(
      table(
        [
          'quarter',
          'period',
          'capex',
          'capex basis',
          'op. income',
          'capex TTM YoY',
          'op.inc TTM YoY',
          'gap',
          'capex/OCF',
          'debt share',
          'flag',
          'known from',
        ],
        rows,
      ),
    );
  }
  const agg = r.aggregate.filter((a) => a.members.length).slice(-last);
  if (agg.length) {
    console.log('\nHyperscalers together (calendar quarter of period end)');
    console.log(
      table(
        [
          'quarter',
          'members',
          'capex',
          'op. income',
          'capex TTM YoY',
          'op.inc TTM YoY',
          'gap',
          'capex/OCF',
          'flag',
        ],
        agg.map((a) => [
          a.calendarQuarter,
          a.members.join(','),
          formatUsd(a.values.capex),
          formatUsd(a.values.operatingIncome),
          pct(a.ttmYoy.capex),
          pct(a.ttmYoy.operatingIncome),
          pct(a.ttmGap),
          ratio(a.capexToOcf),
          a.burst ? 'BURST' : '',
        ]),
      ),
    );
  }
  console.log(`\n${r.burstRule.text}`);
  for (const n of r.notes) console.log(`note: ${n}`);
  for (const w of r.warnings) console.log(`warning: ${w}`);
}

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
    withStore(opts, (store) => {
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
        'AI capex cycle: capex vs operating income growth per company and for the hyperscalers together, the gap, burst flag',
      )
      .option('--as-of <date>', 'only figures filed on or before this date')
      .option('--ticker <t>', 'one company (MSFT, GOOGL, AMZN, META, ORCL, NVDA or an imported one)')
      .option('--last <n>', 'quarters to show per company', '8')
      .option('--json', 'print the full report as JSON'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const r = await capexReportFromStore(store, {
        asOf: optDate(opts.asOf, '--as-of'),
        ticker: opts.ticker,
      });
      if (opts.json) return printJson(r);
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last <= 0)
        throw new TidewatchError('bad-input', `--last must be a positive integer, got '${opts.last}'`);
      printReport(r, last);
    }),
  );
}
