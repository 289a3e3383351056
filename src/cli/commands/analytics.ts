import type { Command } from 'commander';
import { runBacktest } from '../../analytics/backtest/engine.js';
import { loadWeeklyData, resolveStrategy } from '../../analytics/backtest/load.js';
import { defaultParams, paramGrid } from '../../analytics/backtest/spec.js';
import { BUILTIN_STRATEGIES } from '../../analytics/backtest/strategies.js';
import { best, sweep, walkForward } from '../../analytics/backtest/sweep.js';
import { evaluateTheses, recordThesisRun } from '../../analytics/theses/store.js';
import type { Evidence } from '../../analytics/theses/types.js';
import { today } from '../../core/dates.js';
import { formatUsd } from '../../core/units.js';
import { optDate, printJson, printView, table, withDbOption, withStore } from '../context.js';

/** `tidewatch risk | backtest | scorecard | theses` — thin: the work is in src/analytics. */

function formatEvidence(e: Evidence): string {
  if (typeof e.value !== 'number') return String(e.value ?? '—');
  if (e.unit === 'usd') return formatUsd(e.value);
  if (e.unit === 'fraction') return `${(e.value * 100).toFixed(1)}%`;
  return `${e.value}${e.unit ? ` ${e.unit}` : ''}`;
}

const p = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(d)}%`;
const f = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);

/** `tidewatch scorecard`: prints the scorecard view (src/views/scorecard.ts), which the API and the dashboard show too. */
function addScorecard(program: Command): void {
  withDbOption(
    program
      .command('scorecard')
      .description(
        'famous shorts (curated episodes + stored 13F puts): underlying moves, estimated put outcome, win rate per class',
      )
      .option(
        '--as-of <date>',
        'only episodes, filings, prices and outcomes known by this day (default: today)',
      )
      .option('--json', 'machine-readable output')
      .option('--csv', 'the episodes as CSV'),
  ).action((o: { asOf?: string; json?: boolean; csv?: boolean; db?: string }) =>
    withStore(o, async (store) => {
      const { scorecardView } = await import('../../views/scorecard.js');
      printView(await scorecardView(store, { asOf: optDate(o.asOf, '--as-of') ?? today() }), o);
    }),
  );
}

export function register(program: Command): void {
  withDbOption(
    program
      .command('risk')
      .description(
        'macro risk level 0-3 (calm, liquidity squeeze, credit stress, systemic) with the rules that fired',
      )
      .option('--as-of <date>', 'evaluate with only what was published by this day')
      .option(
        '--json',
        'machine-readable output (the level, rules, counts, forward returns, weekly history and runs)',
      )
      .option('--csv', 'CSV output (the rules that fired, raw values)'),
  ).action((o: { asOf?: string; json?: boolean; csv?: boolean; db?: string }) =>
    withStore(o, async (store) => {
      const { riskView } = await import('../../views/risk.js');
      printView(await riskView(store, { asOf: optDate(o.asOf, '--as-of') ?? today() }), o);
    }),
  );

  withDbOption(
    program
      .command('backtest [fileOrName]')
      .description(
        `run a strategy (JSON file or built-in: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')})`,
      )
      .option('--sweep', 'evaluate every parameter set of the grid')
      .option('--walk-forward', 'walk-forward: fit on the train window, trade the next one')
      .option('--as-of <date>', 'use only data published by this day')
      .option('--list', 'list the built-in strategies')
      .option('--json', 'machine-readable output'),
  ).action(
    (
      name: string | undefined,
      o: {
        sweep?: boolean;
        walkForward?: boolean;
        asOf?: string;
        list?: boolean;
        json?: boolean;
        db?: string;
      },
    ) => {
      if (o.list || !name) {
        const rows = BUILTIN_STRATEGIES.map((s) => [
          s.name,
          s.asset,
          paramGrid(s).length,
          s.description ?? '',
        ]);
        if (o.json) printJson(BUILTIN_STRATEGIES);
        else process.stdout.write(`${table(['name', 'asset', 'sets', 'description'], rows)}\n`);
        return;
      }
      return withStore(o, async (store) => {
        const spec = resolveStrategy(name);
        const data = await loadWeeklyData(store, spec, optDate(o.asOf, '--as-of') ?? today());
        const single = runBacktest(spec, data, defaultParams(spec));
        const swept = o.sweep ? sweep(spec, data) : undefined;
        const wfCfg = spec.walkForward ?? { trainWeeks: 260, testWeeks: 52, objective: 'sharpe' as const };
        const wf = o.walkForward
          ? walkForward(spec, data, wfCfg.trainWeeks, wfCfg.testWeeks, wfCfg.objective)
          : undefined;
        if (o.json) {
          printJson({
            strategy: spec,
            result: { ...single, positions: undefined },
            sweep: swept,
            walkForward: wf,
          });
          return;
        }
        const m = single.metrics;
        const b = single.buyAndHold;
        process.stdout.write(
          `${spec.name}: ${spec.description ?? ''}\n${single.from} → ${single.to} (scored from the week after the first week with a signal, ${single.signalFrom}; ${single.warmUpWeeks} weeks of warm-up not scored), params ${JSON.stringify(single.params)}, costs ${spec.costsBp} bp\n`,
        );
        const row = (label: string, x: typeof m) => [
          label,
          p(x.cagr),
          p(x.volatility),
          f(x.sharpe),
          f(x.sortino),
          p(x.maxDrawdown),
          p(x.hitRate),
          f(x.turnover, 1),
          p(x.exposure, 0),
        ];
        const H = ['', 'CAGR', 'vol', 'Sharpe', 'Sortino', 'max DD', 'hit', 'turnover/y', 'exposure'];
        process.stdout.write(`${table(H, [row('strategy', m), row('buy & hold', b)])}\n`);
        if (swept) {
          const top = [...swept]
            .filter((r) => Number.isFinite(r.metrics.sharpe))
            .sort((x, y) => y.metrics.sharpe - x.metrics.sharpe);
          process.stdout.write(
            `\nsweep: ${swept.length} sets (top 10 by Sharpe — in-sample, mind the overfit)\n`,
          );
          process.stdout.write(
            `${table(
              H,
              top.slice(0, 10).map((r) => row(JSON.stringify(r.params), r.metrics)),
            )}\n`,
          );
          const pick = best(swept, 'sharpe');
          if (pick) process.stdout.write(`best: ${JSON.stringify(pick.params)}\n`);
        }
        if (wf) {
          process.stdout.write(
            `\nwalk-forward (${wfCfg.trainWeeks}w train / ${wfCfg.testWeeks}w test, by ${wf.objective}): ${wf.splits.length} splits\n`,
          );
          process.stdout.write(`${table(H, [row('out-of-sample', wf.outOfSample)])}\n`);
        }
      });
    },
  );

  addScorecard(program);

  withDbOption(
    program
      .command('theses')
      .description('the thesis ledger: each PRODUCT.md thesis checked against the stored data')
      .option('--as-of <date>', 'evaluate with only what was known by this day')
      .option('--no-record', 'do not store this run in the ledger history')
      .option('--json', 'machine-readable output'),
  ).action((o: { asOf?: string; record?: boolean; json?: boolean; db?: string }) =>
    withStore(o, async (store) => {
      const asOf = optDate(o.asOf, '--as-of') ?? today();
      const results = await evaluateTheses(store, asOf);
      const changes = o.record === false ? [] : await recordThesisRun(store, results);
      if (o.json) {
        printJson({ asOf, results, changes });
        return;
      }
      for (const t of results) {
        process.stdout.write(`\n${t.number}. ${t.title} — ${t.status.toUpperCase()} (as of ${t.asOf})\n`);
        for (const c of t.checks) {
          process.stdout.write(`   [${c.status}] ${c.claim}: ${c.summary}\n`);
          for (const e of c.evidence)
            process.stdout.write(
              `      · ${e.label}: ${formatEvidence(e)} (${e.basis}${e.basis === 'curated' ? `: ${e.source}` : ''}; ${e.from} → ${e.to})\n`,
            );
        }
      }
      if (changes.length) {
        process.stdout.write(
          `\nstatus changes: ${changes.map((c) => `${c.thesisId} ${c.from ?? 'new'} → ${c.to}`).join('; ')}\n`,
        );
      }
    }),
  );
}
