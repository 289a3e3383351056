import type { Command } from 'commander';
import { BUILTIN_STRATEGIES } from '../../analytics/backtest/strategies.js';
import { asOfOf, printJson, printView, say, viewCommand, withDbOption, withStore } from '../context.js';

const BUILTIN_STRATEGY_NAMES = BUILTIN_STRATEGIES.map((s) => s.name);

/** `tidewatch risk | backtest | scorecard | theses` — thin: the work is in src/analytics. */

/** `tidewatch scorecard`: prints the scorecard view (src/views/scorecard.ts), which the API and the dashboard show too. */
function addScorecard(program: Command): void {
  viewCommand(
    program
      .command('scorecard')
      .description(
        'famous shorts (curated episodes + stored 13F puts): underlying moves, estimated put outcome, win rate per class',
      )
      .option(
        '--as-of <date>',
        'only episodes, filings, prices and outcomes known by this day (default: today)',
      ),
    async (store, o) => (await import('../../views/scorecard.js')).scorecardView(store, { asOf: asOfOf(o) }),
    { json: 'machine-readable output', csv: 'the episodes as CSV' },
  );
}

export function register(program: Command): void {
  viewCommand(
    program
      .command('risk')
      .description(
        'macro risk level 0-3 (calm, liquidity squeeze, credit stress, systemic) with the rules that fired',
      )
      .option('--as-of <date>', 'evaluate with only what was published by this day'),
    async (store, o) => (await import('../../views/risk.js')).riskView(store, { asOf: asOfOf(o) }),
    {
      json: 'machine-readable output (the level, rules, counts, forward returns, weekly history and runs)',
      csv: 'CSV output (the rules that fired, raw values)',
    },
  );

  registerBacktest(program);
  addScorecard(program);
  registerTheses(program);
}

/** `tidewatch backtest`: the view is built in src/views/backtest.ts. */
function registerBacktest(program: Command): void {
  withDbOption(
    program
      .command('backtest [fileOrName]')
      .description(`run a strategy (JSON file or built-in: ${BUILTIN_STRATEGY_NAMES.join(', ')})`)
      .option('--sweep', 'evaluate every parameter set of the grid')
      .option('--walk-forward', 'walk-forward: fit on the train window, trade the next one')
      .option('--as-of <date>', 'use only data published by this day')
      .option('--list', 'list the built-in strategies')
      .option('--json', 'machine-readable output')
      .option('--csv', 'the metrics table (with --list: the strategies) as CSV'),
  ).action(
    async (
      name: string | undefined,
      o: {
        sweep?: boolean;
        walkForward?: boolean;
        asOf?: string;
        list?: boolean;
        json?: boolean;
        csv?: boolean;
        db?: string;
      },
    ) => {
      const { backtestView, strategiesTable } = await import('../../views/backtest.js');
      if (o.list || !name) {
        const { BUILTIN_STRATEGIES } = await import('../../analytics/backtest/strategies.js');
        const { renderCsv, renderTable } = await import('../../views/text.js');
        if (o.json) printJson(BUILTIN_STRATEGIES);
        else say(o.csv ? renderCsv(strategiesTable()) : renderTable(strategiesTable()));
        return;
      }
      return withStore(o, async (store) => {
        const { resolveStrategy } = await import('../../analytics/backtest/load.js');
        const spec = resolveStrategy(name);
        const mode = o.sweep ? 'sweep' : o.walkForward ? 'walk-forward' : 'single';
        const view = await backtestView(store, { asOf: asOfOf(o), spec, mode });
        const d = view.data;
        printView(
          view,
          o,
          () =>
            d && {
              strategy: d.strategy,
              result: {
                from: d.from,
                to: d.to,
                signalFrom: d.signalFrom,
                warmUpWeeks: d.warmUpWeeks,
                params: d.params,
                metrics: d.metrics,
                buyAndHold: d.buyAndHold,
              },
              sweep: d.sweep,
              walkForward: d.walkForward,
            },
        );
      });
    },
  );
}

/** `tidewatch theses`: evaluates, records the run, prints the view of src/views/theses.ts. */
function registerTheses(program: Command): void {
  withDbOption(
    program
      .command('theses')
      .description('the thesis ledger: each PRODUCT.md thesis checked against the stored data')
      .option('--as-of <date>', 'evaluate with only what was known by this day')
      .option('--no-record', 'do not store this run in the ledger history')
      .option('--json', 'machine-readable output')
      .option('--csv', 'the evidence table (measured/curated, window, input dates) as CSV'),
  ).action((o: { asOf?: string; record?: boolean; json?: boolean; csv?: boolean; db?: string }) =>
    withStore(o, async (store) => {
      const { evaluateTheses, recordThesisRun } = await import('../../analytics/theses/store.js');
      const { thesesView } = await import('../../views/theses.js');
      const asOf = asOfOf(o);
      const results = await evaluateTheses(store, asOf);
      const changes = o.record === false ? [] : await recordThesisRun(store, results);
      const view = await thesesView(store, { asOf, results });
      const evidence = view.tables.find((t) => t.id === 'evidence');
      if (o.csv && evidence) {
        const { renderCsv } = await import('../../views/text.js');
        say(renderCsv(evidence));
      } else printView(view, o, () => ({ asOf, results, changes }));
      if (changes.length && !o.json && !o.csv)
        say(
          `\nstatus changes: ${changes.map((c) => `${c.thesisId} ${c.from ?? 'new'} → ${c.to}`).join('; ')}`,
        );
    }),
  );
}
