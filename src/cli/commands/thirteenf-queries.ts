import { type Command, InvalidArgumentError } from 'commander';
import { NOTIONAL_CAVEAT } from '../../analytics/thirteenf/exposure.js';
import { today } from '../../core/dates.js';
import { formatUsd } from '../../core/units.js';
import { filerHistory, holdersOf, topPuts } from '../../sources/sec/thirteenf/queries.js';
import { optDate, printJson, table, withDbOption, withStore } from '../context.js';

/**
 * `13f holders`, `13f history`, `13f top-puts`: the cross-quarter queries over every stored
 * filing (sources/sec/thirteenf/queries.ts), each as known on --as-of (filed on or before it).
 * Text for people, --json for programs, --csv for spreadsheets (one row per position).
 */
const num = (x: number) => x.toLocaleString('en-US');

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function printCsv<T extends object>(rows: T[], columns: Array<keyof T & string>): void {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function cikOpt(v: string): number {
  if (!/^\d{1,10}$/.test(v))
    throw new InvalidArgumentError(`--cik must be a number like 1649339, got '${v}'`);
  return Number(v);
}

function cusipOpt(v: string): string {
  if (!/^[0-9A-Za-z]{9}$/.test(v))
    throw new InvalidArgumentError(`--cusip must be 9 letters/digits like 78462F103, got '${v}'`);
  return v.toUpperCase();
}

const label = (putCall: string | null, shareType: string) =>
  putCall ?? (shareType === 'PRN' ? 'principal' : 'shares');

/** Add the three query commands under `13f`. */
export function registerThirteenFQueries(tf: Command): void {
  withDbOption(
    tf
      .command('holders')
      .description('every filer and quarter holding one CUSIP (after amendments, filed by --as-of)')
      .requiredOption('--cusip <cusip>', 'CUSIP, e.g. 78462F103 (SPDR S&P 500 ETF)', cusipOpt)
      .option('--as-of <date>', 'only filings filed on or before this day (default today)')
      .option('--json')
      .option('--csv'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const r = await holdersOf(store.db, opts.cusip, optDate(opts.asOf, '--as-of') ?? today());
      if (opts.json) return printJson(r);
      if (opts.csv)
        return printCsv(r.holders, [
          'period',
          'cik',
          'filer',
          'filed',
          'putCall',
          'shareType',
          'shares',
          'valueUsd',
        ]);
      console.log(
        `${r.cusip} ${r.issuer ?? ''} — holders as filed by ${r.asOf}: ${num(r.holders.length)} filer-quarters`,
      );
      const periods = new Map<string, { n: number; usd: number }>();
      for (const h of r.holders) {
        const p = periods.get(h.period) ?? { n: 0, usd: 0 };
        p.n++;
        if (!h.putCall) p.usd += h.valueUsd;
        periods.set(h.period, p);
      }
      console.log(
        table(
          ['period', 'holders', 'value held (shares, not options)'],
          [...periods].map(([p, x]) => [p, num(x.n), formatUsd(x.usd)]),
        ),
      );
      const last = r.holders.at(-1)?.period;
      if (last) {
        console.log(`\nlargest in ${last}:`);
        console.log(
          table(
            ['filer', 'cik', 'filed', 'position', 'shares', 'value / notional'],
            r.holders
              .filter((h) => h.period === last)
              .slice(0, 20)
              .map((h) => [
                h.filer,
                h.cik,
                h.filed,
                label(h.putCall, h.shareType),
                num(h.shares),
                formatUsd(h.valueUsd),
              ]),
          ),
        );
        console.log(`note: ${NOTIONAL_CAVEAT}`);
      }
    }),
  );

  withDbOption(
    tf
      .command('history')
      .description("one filer's positions in every quarter on file (after amendments, filed by --as-of)")
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--as-of <date>', 'only filings filed on or before this day (default today)')
      .option('--json')
      .option('--csv', 'one row per position and quarter'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      // the text view shows quarter totals only: the positions are for --json / --csv
      const r = await filerHistory(store.db, opts.cik, optDate(opts.asOf, '--as-of') ?? today(), {
        positions: Boolean(opts.json || opts.csv),
      });
      if (opts.json) return printJson(r);
      if (opts.csv)
        return printCsv(r.positions, [
          'period',
          'filed',
          'cusip',
          'issuer',
          'titleOfClass',
          'putCall',
          'shareType',
          'shares',
          'valueUsd',
        ]);
      console.log(`${r.filer ?? `CIK ${r.cik}`} (CIK ${r.cik}) — 13F history as filed by ${r.asOf}`);
      console.log(
        table(
          ['period', 'filed', 'filings', 'positions', 'total', 'put notional', 'call notional'],
          r.quarters.map((q) => [
            q.period,
            q.filed,
            q.accessions.length,
            num(q.positions),
            formatUsd(q.totalUsd),
            formatUsd(q.putNotionalUsd),
            formatUsd(q.callNotionalUsd),
          ]),
        ),
      );
      if (r.stale)
        console.log(
          `stale: the latest quarter on file is ${r.quarters.at(-1)?.period}; a later report was due by ${r.asOf}`,
        );
      if (!r.quarters.length) console.log('no 13F filings of this CIK filed by then');
      console.log(`note: ${NOTIONAL_CAVEAT}`);
    }),
  );

  withDbOption(
    tf
      .command('top-puts')
      .description('the largest put notionals reported for one quarter (after amendments, filed by --as-of)')
      .requiredOption('--period <date>', 'quarter end, e.g. 2023-06-30')
      .option('--as-of <date>', 'only filings filed on or before this day (default today)')
      .option('--top <n>', 'how many', (v) => Number(v), 20)
      .option('--json')
      .option('--csv'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const period = optDate(opts.period, '--period')!;
      const r = await topPuts(store.db, period, optDate(opts.asOf, '--as-of') ?? today(), opts.top);
      if (opts.json) return printJson(r);
      if (opts.csv)
        return printCsv(r.puts, ['cik', 'filer', 'filed', 'cusip', 'issuer', 'shares', 'notionalUsd']);
      console.log(`largest put notionals for ${r.period}, as filed by ${r.asOf}`);
      console.log(
        table(
          ['filer', 'cik', 'filed', 'underlying', 'cusip', 'shares', 'notional'],
          r.puts.map((p) => [
            p.filer,
            p.cik,
            p.filed,
            p.issuer,
            p.cusip,
            num(p.shares),
            formatUsd(p.notionalUsd),
          ]),
        ),
      );
      if (!r.puts.length) console.log('no put positions reported for this quarter by then');
      console.log(`note: ${NOTIONAL_CAVEAT}`);
    }),
  );
}
