import type { Command } from 'commander';
import { parseShock } from '../../analytics/cascade/shock.js';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { formatUsd } from '../../core/units.js';
import { cascadeFromStore, cryptoFromStore, durationFromStore, mergedFor } from '../../indicators/markets/load.js';
import { parseColumnMap } from '../../sources/prices/detect.js';
import { listPriceSources, readActions, readBars } from '../../sources/prices/repository.js';
import { importCryptoFiles, importPriceFiles, loadDefaultPriceFiles } from '../../update/import/prices.js';
import { optDate, printJson, table, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

const pct = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(d)}%`;
const fix = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);

function positiveNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!(n > 0)) throw new TidewatchError('bad-input', `${name} must be a positive number, got '${v}'`);
    return n;
  };
}

export function register(program: Command): void {
  withDbOption(
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
      )
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, async (store) => {
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
      if (!files.length)
        throw new TidewatchError('bad-input', 'no files given', {
          hint: 'tidewatch import prices FILE... or --shared',
        });
      return runImport(store, 'prices-file', opts, (runId) =>
        importPriceFiles(store, files, { ...base, runId }),
      );
    }),
  );

  withDbOption(
    importCommand(program)
      .command('crypto')
      .description(
        'import crypto files: Binance klines, BTC-USD closes, funding (CSV/JSON, % or decimal), fear & greed, liquidations',
      )
      .argument('<files...>', 'files or folders')
      .option('--symbol <S>', 'coin of a funding file when its name does not say (BTC, ETH)')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'crypto-file', opts, (runId) =>
        importCryptoFiles(store, files, {
          today: today(),
          runId,
          ...(opts.symbol ? { symbol: opts.symbol } : {}),
        }),
      ),
    ),
  );

  const prices = program.command('prices').description('stored daily prices');
  withDbOption(
    prices
      .command('show')
      .description(
        'adjusted closes of a symbol merged across sources (each row names its source), with corporate actions',
      )
      .argument('<symbol>')
      .option('--from <date>')
      .option('--to <date>')
      .option('--source <source>', 'one source only, with its raw (as reported) close')
      .option('--json')
      .option('--csv'),
  ).action(async (symbol: string, opts) =>
    withStore(opts, async (store) => {
      const sym = symbol.toUpperCase();
      const q = {
        ...(opts.from ? { from: optDate(opts.from, '--from') } : {}),
        ...(opts.to ? { to: optDate(opts.to, '--to') } : {}),
      };
      const sources = await listPriceSources(store.db, sym);
      if (!sources.length && !(await mergedFor(store, sym)).points.length)
        throw new TidewatchError('not-found', `no prices stored for ${sym}`, {
          hint: 'tidewatch import prices FILE or tidewatch update --source prices',
        });
      const actions = await readActions(store.db, sym);
      if (opts.source) {
        const bars = await readBars(store.db, sym, { ...q, source: opts.source });
        if (opts.json) return printJson({ symbol: sym, source: opts.source, bars, actions });
        if (opts.csv) {
          console.log('date,open,high,low,close,adj_close,volume,close_basis,source');
          for (const b of bars)
            console.log(
              [
                b.date,
                b.open ?? '',
                b.high ?? '',
                b.low ?? '',
                b.close,
                b.adjClose,
                b.volume ?? '',
                b.closeBasis,
                b.source,
              ].join(','),
            );
          return;
        }
        return console.log(
          table(
            ['date', 'close', 'adj close', 'basis'],
            bars.slice(-40).map((b) => [b.date, fix(b.close, 4), fix(b.adjClose, 4), b.closeBasis]),
          ),
        );
      }
      const m = await mergedFor(store, sym, q);
      if (opts.json) return printJson({ symbol: sym, sources, links: m.links, actions, points: m.points });
      if (opts.csv) {
        console.log('date,adj_close,source,factor');
        for (const p of m.points) console.log(`${p.date},${p.value},${p.source},${p.factor}`);
        return;
      }
      console.log(
        table(
          ['source', 'format', 'basis', 'first', 'last', 'bars', 're-based ×'],
          sources.map((s) => [
            s.source,
            s.format,
            s.closeBasis,
            s.firstDate,
            s.lastDate,
            s.bars,
            fix(m.links.find((l) => l.source === s.source)?.ratio, 6),
          ]),
        ),
      );
      for (const l of m.links) {
        if (!sources.some((s) => s.source === l.source))
          console.log(`also merged: ${l.source} (series in the store), × ${fix(l.ratio, 6)}`);
        if (l.note) console.log(`note: ${l.source}: ${l.note}`);
      }
      const splits = actions.filter((a) => a.kind === 'split');
      if (splits.length)
        console.log(`splits: ${splits.map((a) => `${a.date} ${a.value}:1 (${a.source})`).join(', ')}`);
      console.log('');
      console.log(
        table(
          ['date', 'adj close', 'source'],
          m.points.slice(-20).map((p) => [p.date, fix(p.value, 4), p.source]),
        ),
      );
      console.log(`${m.points.length} days; last 20 shown (--csv for all)`);
    }),
  );

  withDbOption(
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
      .option('--as-of <date>', 'only prices and series published by this day')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const asOf = optDate(opts.asOf, '--as-of');
      const r = await durationFromStore(store, {
        ...(asOf ? { asOf } : {}),
        ...(opts.threshold ? { thresholdPct: opts.threshold } : {}),
        ...(opts.weeks ? { lookbackWeeks: opts.weeks } : {}),
        ...(opts.symbols
          ? {
              symbols: String(opts.symbols)
                .split(',')
                .map((s: string) => s.trim().toUpperCase()),
            }
          : {}),
      });
      if (opts.json) return printJson(r);
      console.log(
        `squeeze windows (net liquidity −${r.params.thresholdPct}% over ${r.params.lookbackWeeks} weeks): ${r.windows.length}`,
      );
      for (const w of r.windows)
        console.log(`  ${w.start} → ${w.end}  worst ${w.worstChangePct.toFixed(1)}%`);
      console.log('');
      console.log(
        table(
          [
            'rank',
            'symbol',
            'group',
            'β liq (%/%)',
            'β 10y (%/pp)',
            `β ${r.spxSymbol}`,
            'squeeze ret',
            'squeeze dd',
            'windows',
            'score',
          ],
          r.rows.map((x) => [
            x.rank,
            x.symbol,
            x.group ?? '',
            fix(x.liquidityBeta),
            fix(x.yieldBeta),
            fix(x.spxBeta),
            pct(x.squeezeReturn),
            pct(x.squeezeDrawdown),
            x.windowsCovered,
            fix(x.score),
          ]),
        ),
      );
      if (r.notStored.length) console.log(`not stored: ${r.notStored.join(', ')}`);
      for (const [s, p] of Object.entries(r.proxies)) console.log(`${s}: prices of ${p} used as a proxy`);
      console.log(
        `\nthesis 3 (duration sorting) as of ${r.asOf}: ${r.thesis.status.toUpperCase()} — ${r.thesis.statement}`,
      );
      console.log(`  (${r.thesisBasis})`);
      if (r.thesis.missing.length) console.log(`  missing from the data: ${r.thesis.missing.join(', ')}`);
    }),
  );

  withDbOption(
    program
      .command('crypto')
      .description('BTC stress: drawdown, realised vol, funding, open interest; the ~$126k → ~$60k check')
      .option('--as-of <date>', 'only prices and funding up to this day')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const s = await cryptoFromStore(store, optDate(opts.asOf, '--as-of'));
      if (opts.json) return printJson(s);
      if (!s.last)
        throw new TidewatchError('not-found', 'no BTC prices stored', {
          hint: 'tidewatch import crypto ../shared/data/crypto',
        });
      console.log(`BTC ${fix(s.last.value)} on ${s.last.date} (${s.last.source})`);
      if (s.drawdown) {
        console.log(
          `peak close ${fix(s.drawdown.peak)} on ${s.drawdown.peakDate}; now ${pct(s.currentDrawdown)}; deepest ${pct(s.drawdown.depth)} on ${s.drawdown.troughDate}`,
        );
      }
      console.log(`realised vol 30d ${pct(s.realisedVol30)}, 90d ${pct(s.realisedVol90)} (annualised)`);
      console.log(
        `funding: latest ${s.fundingLatest ? `${(s.fundingLatest.value * 100).toFixed(4)}% per 8h at ${s.fundingLatest.date} (${s.fundingLatest.source})` : 'none stored'}; 30-day mean annualised ${pct(s.fundingAnnualised30d)}`,
      );
      console.log(
        `open interest: ${s.openInterestLatest ? formatUsd(s.openInterestLatest.value) : 'none stored (no exchange data in the shared files)'}`,
      );
      console.log(
        `\nclaim "BTC fell from ~$126k (Oct 2025) to ~$60k" as of ${s.asOf}: ${s.claim.status.toUpperCase()} — ${s.claim.statement}`,
      );
      for (const [label, f] of [
        ['from the intraday high', s.claim.fall.fromIntradayHigh],
        ['close-to-close', s.claim.fall.closeToClose],
      ] as const)
        if (f)
          console.log(
            `  fall ${label}: ${pct(f.depth)} (${f.peakSource} ${fix(f.peak)} on ${f.peakDate} → ${f.troughSource} ${fix(f.trough)} on ${f.troughDate})`,
          );
    }),
  );

  withDbOption(
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
      .option('--oi <usd>', 'open interest US$ (default 80e9, an assumption)', positiveNumber('--oi'))
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
      .option('--model <m>', 'impact model: sqrt | linear', 'sqrt')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      if (opts.model !== 'sqrt' && opts.model !== 'linear')
        throw new TidewatchError('bad-input', `--model must be sqrt or linear, got '${opts.model}'`);
      const asOf = optDate(opts.asOf, '--as-of');
      const r = await cascadeFromStore(store, {
        shock: parseShock(opts.shock, '--shock'),
        ...(asOf ? { asOf } : {}),
        model: opts.model,
        ...(opts.depth ? { depthUsdPer1Pct: opts.depth } : {}),
        ...(opts.oi ? { openInterestUsd: opts.oi } : {}),
        ...(opts.longShare ? { longShare: opts.longShare } : {}),
        ...(opts.positions ? { count: Math.round(opts.positions) } : {}),
      });
      if (opts.json) return printJson(r);
      console.log(
        `as of ${r.asOf}: start BTC ${fix(r.startPrice)} (close ${r.startDate}); shock ${pct(r.shock)}; impact ${r.impact.model}, ${formatUsd(r.impact.depthUsdPer1Pct)} per 1 %`,
      );
      console.log(
        `funding known then: ${r.funding ? `${(r.funding.value * 100).toFixed(4)}% per 8h at ${r.funding.date}` : 'none stored'}`,
      );
      console.log(
        `book: OI ${formatUsd(r.book.openInterestUsd)} (${r.openInterestBasis}${r.openInterest ? `, stored ${r.openInterest.date}` : ''}), ${pct(r.book.longShare, 0)} long, ${r.book.count} positions`,
      );
      console.log(r.calibrationNote);
      console.log(
        table(
          ['round', 'price', 'longs liquidated', 'shorts liquidated'],
          r.result.path.map((s) => [
            s.round,
            fix(s.price),
            formatUsd(s.liquidatedLongUsd),
            formatUsd(s.liquidatedShortUsd),
          ]),
        ),
      );
      console.log(
        `final ${fix(r.result.finalPrice)} (${pct(r.result.finalMove)}), liquidated ${formatUsd(r.result.liquidatedUsd)} in ${r.result.rounds} rounds, ${r.result.stable ? 'stable' : 'NOT stable (round limit)'}`,
      );
    }),
  );
}
