import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { formatUsd } from '../../core/units.js';
import type { IndicatorRow } from '../../indicators/plumbing/index.js';
import { plumbingFromStore } from '../../indicators/plumbing/load.js';
import { importNyfedFiles } from '../../sources/nyfed/ingest.js';
import { importTreasuryFiles } from '../../sources/treasury/ingest.js';
import { optDate, printJson, table, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

/** Value in the indicator's unit, for a terminal. */
export function formatIndicator(unit: IndicatorRow['unit'], v: number | null): string {
  if (v === null) return '—';
  switch (unit) {
    case 'usd':
      return formatUsd(v);
    case 'bp':
      return `${v >= 0 ? '+' : ''}${v.toFixed(0)}bp`;
    case 'percent':
      return `${v.toFixed(2)}%`;
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    case 'count':
      return v.toFixed(0);
    case 'score':
      return v.toFixed(1);
  }
}

export function register(program: Command): void {
  withDbOption(
    program
      .command('plumbing')
      .description(
        'Fed/Treasury plumbing: reserves, repo stress, TGA, ON RRP, issuance, bathtub, stress score',
      )
      .option('--as-of <date>', 'only what was published by this day (default today)')
      .option('--json', 'JSON output (rows, crossings, latest bathtub weeks, thesis-1 check, notes)'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const asOf = optDate(opts.asOf, '--as-of') ?? today();
      const r = await plumbingFromStore(store, asOf);
      if (opts.json) {
        return printJson({
          asOf: r.asOf,
          rows: r.rows,
          crossings: r.crossings.slice(-12),
          bathtub: r.bathtub.slice(-8),
          thesis1: r.thesis1,
          notes: r.notes,
        });
      }
      const have = r.rows.filter((x) => x.value !== null);
      if (have.length === 0) {
        process.stderr.write(
          `no plumbing data known on ${asOf}: run \`tidewatch update\` or \`tidewatch import fred|treasury|nyfed FILE...\`\n`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`Plumbing as known on ${asOf} (STALE = older than its cadence allows; not current)\n`);
      console.log(
        table(
          ['indicator', 'date', 'value', '1m change', 'pctile', 'stale', 'source'],
          r.rows.map((x) => [
            x.label,
            x.date,
            formatIndicator(x.unit, x.value),
            x.change1m === null
              ? null
              : formatIndicator(x.unit === 'percent' ? 'percent' : x.unit, x.change1m),
            x.percentile === null ? null : `${x.percentile.toFixed(0)}%`,
            x.value === null ? '' : x.stale ? `STALE (${x.cadence})` : '',
            x.source ?? '',
          ]),
        ),
      );
      if (r.thesis1) {
        console.log('\nThesis 1 thresholds against the data:');
        console.log(`  $45B (2007):  ${r.thesis1.claim2007.verdict}`);
        console.log(`  $2.2T (2023): ${r.thesis1.claim2023.verdict}`);
        console.log(`  $3T need:     ${r.thesis1.claimNeed.verdict}`);
      }
      for (const n of r.notes) console.log(`note: ${n}`);
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
      runImport(store, 'treasury-file', opts, (runId) =>
        importTreasuryFiles(store, files, { runId, today: today() }),
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
      runImport(store, 'nyfed-file', opts, (runId) =>
        importNyfedFiles(store, files, { runId, today: today() }),
      ),
    ),
  );
}
