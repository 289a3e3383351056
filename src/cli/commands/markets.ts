import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { asOfOf, optDate, printView, type ViewOptions, viewCommand, withStore } from '../context.js';
import { fileImport, type ImportOptions, runImport, summaryOptions } from '../import-run.js';
import { importCommand } from './core.js';

/**
 * `tidewatch import prices|crypto`, `prices show`, `duration`, `crypto`, `cascade`. Thin: each
 * command builds its view (src/views) and prints it; the importers, the analytics and the views
 * are loaded inside the actions, so `tidewatch --help` does not load them.
 */

function positiveNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!(n > 0)) throw new TidewatchError('bad-input', `${name} must be a positive number, got '${v}'`);
    return n;
  };
}

export function register(program: Command): void {
  registerImports(program);
  registerPrices(program);
  registerDuration(program);
  registerCrypto(program);
  registerCascade(program);
}

function registerImports(program: Command): void {
  summaryOptions(
    importCommand(program)
      .command('prices')
      .description(
        'import daily price files (yfinance, classic Yahoo, close-only, multi-row header, Stooq, Binance; folders expand)',
      )
      .argument('[files...]', 'CSV files or folders')
      .option('--symbol <S>', 'symbol of a single file (default: from the header or the file name)')
      .option('--map <spec>', 'column map for other layouts, e.g. date=Day,close=Last,volume=Vol')
      .option('--keep-partial', 'keep a last row that looks like an unfinished day (flagged)')
      .option(
        '--shared [dir]',
        'import every file under <dir>/prices and <dir>/crypto (default ../shared/data)',
      ),
  ).action(async (files: string[], opts) =>
    withStore(opts, async (store) => {
      const { importPriceFiles, loadDefaultPriceFiles } = await import('../../update/import/prices.js');
      const { parseColumnMap } = await import('../../sources/prices/detect.js');
      const base = {
        today: today(),
        ...(opts.symbol ? { symbol: String(opts.symbol).toUpperCase() } : {}),
        ...(opts.map ? { map: parseColumnMap(opts.map) } : {}),
        ...(opts.keepPartial ? { partialLast: 'flag' as const } : {}),
      };
      if (opts.shared) {
        const dir = typeof opts.shared === 'string' ? opts.shared : undefined;
        return runImport(store, 'prices-file', opts, (runId) =>
          loadDefaultPriceFiles(store, { ...(dir ? { sharedData: dir } : {}), today: base.today, runId }),
        );
      }
      // Said before a run is recorded: no files is a wrong command, not an import that failed.
      if (!files.length)
        throw new TidewatchError('bad-input', 'no files given', {
          hint: 'tidewatch import prices FILE... or --shared',
        });
      return runImport(store, 'prices-file', opts, (runId) =>
        importPriceFiles(store, files, { ...base, runId }),
      );
    }),
  );

  fileImport(importCommand(program).command('crypto'), {
    description:
      'import crypto files: Binance klines, BTC-USD closes, funding (CSV/JSON, % or decimal), fear & greed, liquidations',
    source: 'crypto-file',
    files: 'files or folders',
    options: (cmd) =>
      cmd.option('--symbol <S>', 'coin of a funding file when its name does not say (BTC, ETH)'),
    importer: async (store, files, run, opts: ImportOptions & { symbol?: string }) =>
      (await import('../../update/import/prices.js')).importCryptoFiles(store, files, {
        ...run,
        ...(opts.symbol ? { symbol: opts.symbol } : {}),
      }),
  });
}

function registerPrices(program: Command): void {
  viewCommand(
    program
      .command('prices')
      .description('stored daily prices')
      .command('show')
      .description(
        'adjusted closes of a symbol merged across sources (each row names its source), its sources and corporate actions',
      )
      .argument('<symbol>')
      .option('--from <date>', 'closes from this day')
      .option('--to <date>', 'as of this day: only bars dated by then (same as --as-of)')
      .option('--as-of <date>', 'only bars dated by this day')
      .option('--source <source>', "also one source's bars as reported (first table)"),
    async (store, opts: ViewOptions & { from?: string; to?: string; source?: string }, [symbol]) => {
      const { pricesView } = await import('../../views/prices.js');
      const asOf = optDate(opts.to, '--to') ?? asOfOf(opts);
      const from = optDate(opts.from, '--from');
      return pricesView(store, {
        asOf,
        symbol: symbol!,
        ...(from ? { from } : {}),
        ...(opts.source ? { source: opts.source } : {}),
      });
    },
    {
      json: 'the sources, links, actions and every close as JSON',
      csv: "every merged close as CSV (with --source: that source's bars)",
      print: (view, opts) => {
        const rows = (id: string) => view.tables.find((t) => t.id === id)?.rows ?? [];
        printView(view, opts, () => ({
          ...view.data,
          points: rows('closes'),
          ...(opts.source ? { bars: rows('bars') } : {}),
        }));
      },
    },
  );
}

function registerDuration(program: Command): void {
  viewCommand(
    program
      .command('duration')
      .description(
        'duration / speculativeness ranking: betas to net liquidity and 10y yield, falls in liquidity-squeeze windows; thesis 3',
      )
      .option(
        '--threshold <pct>',
        'squeeze = net liquidity down more than this % over the lookback',
        positiveNumber('--threshold'),
      )
      .option('--weeks <n>', 'lookback in weeks', positiveNumber('--weeks'))
      .option('--symbols <list>', 'comma-separated symbols (default: the universe)')
      .option('--as-of <date>', 'only prices and series published by this day'),
    async (store, opts: ViewOptions & { threshold?: number; weeks?: number; symbols?: string }) =>
      (await import('../../views/duration.js')).durationView(store, {
        asOf: asOfOf(opts),
        ...(opts.threshold ? { thresholdPct: opts.threshold } : {}),
        ...(opts.weeks ? { lookbackWeeks: opts.weeks } : {}),
        ...(opts.symbols
          ? {
              symbols: String(opts.symbols)
                .split(',')
                .map((s: string) => s.trim().toUpperCase()),
            }
          : {}),
      }),
    { json: 'the ranking, windows and verdict as JSON', csv: 'the ranking as CSV' },
  );
}

function registerCrypto(program: Command): void {
  viewCommand(
    program
      .command('crypto')
      .description('BTC stress: drawdown, realised vol, funding, open interest; the ~$126k → ~$60k check')
      .option('--as-of <date>', 'only prices and funding up to this day'),
    async (store, opts) => (await import('../../views/crypto.js')).cryptoView(store, { asOf: asOfOf(opts) }),
    {
      json: 'the stress figures as JSON',
      csv: 'the two measures of the fall as CSV',
      print: (view, opts) => printView(view, opts, () => view.data.stress),
    },
  );
}

interface CascadeOptions extends ViewOptions {
  shock: string;
  model: string;
  depth?: number;
  oi?: number;
  longShare?: number;
  positions?: number;
}

function registerCascade(program: Command): void {
  viewCommand(
    program
      .command('cascade')
      .description(
        'liquidation cascade what-if on BTC: shock → forced selling → impact → more liquidations, until stable',
      )
      .option('--shock <x>', 'first move: a percent (-10%) or a fraction (-0.1)', '-10%')
      .option('--as-of <date>', 'start from the last BTC close, funding and open interest known on this day')
      .option(
        '--depth <usd>',
        'market flow (US$) that moves the price 1 % (default: calibrated on 2025-10-10)',
        positiveNumber('--depth'),
      )
      .option(
        '--oi <usd>',
        'open interest US$ (default: the stored one, else 80e9, an assumption)',
        positiveNumber('--oi'),
      )
      .option(
        '--long-share <x>',
        'share of open interest held long (default 0.6)',
        positiveNumber('--long-share'),
      )
      .option(
        '--positions <n>',
        'number of simulated positions (default 200000)',
        positiveNumber('--positions'),
      )
      .option('--model <m>', 'impact model: sqrt | linear', 'sqrt'),
    async (store, opts: CascadeOptions) => {
      if (opts.model !== 'sqrt' && opts.model !== 'linear')
        throw new TidewatchError('bad-input', `--model must be sqrt or linear, got '${opts.model}'`);
      const { parseShock } = await import('../../analytics/cascade/shock.js');
      const { cascadeView } = await import('../../views/cascade.js');
      return cascadeView(store, {
        asOf: asOfOf(opts),
        shock: parseShock(opts.shock, '--shock'),
        model: opts.model,
        ...(opts.depth ? { depthUsdPer1Pct: opts.depth } : {}),
        ...(opts.oi ? { openInterestUsd: opts.oi } : {}),
        ...(opts.longShare ? { longShare: opts.longShare } : {}),
        ...(opts.positions ? { count: Math.round(opts.positions) } : {}),
      });
    },
    { json: 'the simulation as JSON', csv: 'the rounds as CSV' },
  );
}
