import { type Command, Option } from 'commander';
import { formatUsd } from '../../core/format.js';
import { type Unit, unitLabel } from '../../core/units.js';
import { TGA_BASES, type TgaBasis } from '../../indicators/liquidity.js';
import { UPDATE_SOURCE_NAMES } from '../../update/types.js';
import {
  asOfOf,
  fail,
  optDate,
  printJson,
  printListing,
  printView,
  storeCommand,
  table,
  type ViewOptions,
  viewCommand,
  withStore,
} from '../context.js';
import { fileImport, summaryOptions } from '../import-run.js';
import { makeProgress } from '../progress.js';
import { printSummaries } from '../summary.js';
import { describeCheck } from './alerts.js';

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The `import` parent command; domains add `import <kind>` subcommands to it. */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import files a user saved')
  );
}

export function register(program: Command): void {
  registerUpdate(program);
  registerFredImport(program);
  registerSeries(program);
  registerLiquidity(program);
}

/** `tidewatch update`: every source, or `--source`, with progress and the alerts at the end. */
function registerUpdate(program: Command): void {
  summaryOptions(
    program
      .command('update')
      .description(`fetch new data from the sources (${UPDATE_SOURCE_NAMES.join(', ')})`)
      .option('--source <names>', 'comma-separated sources', list)
      .option('--series <ids>', 'comma-separated series/items to update (source-specific)', list)
      .option('--from <date>', 'fetch observations from this date'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { updateFromEnvironment } = await import('../../update/run.js');
      const report = await updateFromEnvironment(store, {
        sources: opts.source,
        only: opts.series,
        from: optDate(opts.from, '--from'),
        progress: opts.json ? undefined : makeProgress(),
      });
      const all = report.runs.flatMap((r) => r.summaries);
      if (opts.json) printJson(report);
      else {
        printSummaries(all, undefined, { verbose: Boolean(opts.verbose) });
        if (report.alerts) for (const line of describeCheck(report.alerts)) console.log(line);
      }
      if (report.failed.length) process.exitCode = 2;
    }),
  );
}

function registerFredImport(program: Command): void {
  fileImport(importCommand(program).command('fred'), {
    description: 'import FRED CSV files (observation_date/DATE/date headers, any id case, CRLF, quoted)',
    source: 'fred-file',
    importer: async (store, files, run) =>
      (await import('../../update/import/fred.js')).importFredFiles(store, files, run),
  });
}

/** `tidewatch series list|show`. */
function registerSeries(program: Command): void {
  const series = program.command('series').description('stored series');
  storeCommand(
    series
      .command('list')
      .description('list stored series with their range and freshness')
      .option('--as-of <date>', 'only observations published by this day')
      .option('--json'),
    async (store, opts: ViewOptions) => {
      const rows = await store.listSeries({ asOf: optDate(opts.asOf, '--as-of') });
      printListing(opts, {
        json: rows,
        headers: ['id', 'source', 'unit (source)', 'freq', 'obs', 'first', 'last', 'title'],
        rows: rows.map((r) => [
          r.id,
          r.source,
          `${r.unit} (${r.sourceUnit})`,
          r.frequency,
          r.observations,
          r.firstDate,
          r.lastDate,
          r.title,
        ]),
        empty: 'no series stored yet: run `tidewatch update` or `tidewatch import fred FILE`',
      });
    },
  );
  storeCommand(
    series
      .command('show')
      .argument('<id>')
      .description('observations of one series (latest vintage; with --as-of, as known that day)')
      .option('--from <date>')
      .option('--to <date>')
      .option('--as-of <date>', 'only values published by this day')
      .option('--json', 'JSON output')
      .option('--csv', 'CSV output'),
    async (store, opts: ViewOptions & { from?: string; to?: string }, [id]) => {
      const info = await store.getSeries(id!.toUpperCase(), optDate(opts.asOf, '--as-of'));
      if (!info) {
        fail(new Error(`series ${id!.toUpperCase()} is not stored; \`tidewatch series list\` shows what is`));
        return;
      }
      const obs = await store.getObservations(info.id, {
        from: optDate(opts.from, '--from'),
        to: optDate(opts.to, '--to'),
        asOf: optDate(opts.asOf, '--as-of'),
      });
      if (opts.json) return printJson({ series: info, observations: obs });
      if (opts.csv) {
        process.stdout.write(
          `date,${info.id},known_from\n${obs.map((o) => `${o.date},${o.value},${o.knownFrom}`).join('\n')}\n`,
        );
        return;
      }
      console.log(
        `${info.id} — ${info.title} [${info.unit}; source unit ${unitLabel(info.sourceUnit as Unit)}; ${info.frequency}]`,
      );
      console.log(
        table(
          ['date', 'value', 'known from'],
          obs.map((o) => [o.date, info.unit === 'usd' ? formatUsd(o.value) : o.value, o.knownFrom]),
        ),
      );
    },
  );
}

/** `tidewatch liquidity`: the liquidity view (src/views/liquidity.ts). */
function registerLiquidity(program: Command): void {
  viewCommand(
    program
      .command('liquidity')
      .description('net liquidity = Fed total assets − TGA − overnight reverse repo, as known on a day')
      .option('--as-of <date>', 'as known at the end of this day (default today)')
      .addOption(
        new Option(
          '--tga <basis>',
          'TGA basis: h41 = WTREGEN week average, dts = Wednesday close (Daily Treasury Statement)',
        )
          .choices([...TGA_BASES])
          .default('h41'),
      ),
    async (store, opts: ViewOptions & { asOf?: string; tga: TgaBasis }) =>
      (await import('../../views/liquidity.js')).liquidityView(store, { asOf: asOfOf(opts), tga: opts.tga }),
    {
      json: 'JSON output (the level and its components)',
      csv: 'CSV output (the components table)',
      print: (view, opts) => printView(view, opts, () => view.data.level),
    },
  );
}
