import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { NOTIONAL_CAVEAT } from '../../analytics/thirteenf/exposure.js';
import { positionLabel } from '../../analytics/thirteenf/positions.js';
import type { PremiumEstimate } from '../../analytics/thirteenf/premium.js';
import {
  diffReport,
  holdingsReport,
  type OptionRow,
  watchlistReport,
} from '../../analytics/thirteenf/service.js';
import { today } from '../../core/dates.js';
import { createHttp } from '../../http/client.js';
import { EdgarClient } from '../../sources/sec/edgar/client.js';
import { COMPANY_TICKERS_URL } from '../../sources/sec/thirteenf/fetch.js';
import { reasonOf, TidewatchError } from '../../core/errors.js';
import { formatUsd } from '../../core/units.js';
import { importDataSetZip } from '../../sources/sec/thirteenf/bulk.js';
import { parseCompanyTickers } from '../../sources/sec/thirteenf/cusip-map.js';
import { mapCusips, storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { OPENFIGI_KEY_ENV, openFigiKey } from '../../sources/sec/thirteenf/openfigi.js';
import { addToWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import type { Store } from '../../store/store.js';
import type { SeriesSummary } from '../../update/types.js';
import { optDate, printJson, say, table, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';
import { registerThirteenFQueries } from './thirteenf-queries.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString('en-US');

/** One premium estimate: the range per horizon, then its assumptions (printed with every premium). */
function printPremium(p: PremiumEstimate, indent: string): void {
  const pts = p.points
    .map(
      (x) => `${x.months}m ${x.premiumUsd === null ? '—' : formatUsd(x.premiumUsd)} (${pct(x.ofNotional)})`,
    )
    .join(', ');
  say(
    `${indent}premium est. ${p.lowUsd === null ? '—' : `${formatUsd(p.lowUsd)}–${formatUsd(p.highUsd ?? p.lowUsd)}`}: ${pts}`,
  );
  for (const a of p.assumptions) say(`${indent}  · ${a}`);
}

/** Put/call rows: reported notional next to the premium estimate and its assumptions. */
function printOptions(options: OptionRow[], indent = ''): void {
  if (!options.length) return;
  say(`${indent}options — reported notional vs estimated premium:`);
  for (const o of options) {
    say(
      `${indent}  ${o.putCall.toUpperCase()} ${o.ticker ?? o.issuer}: ${num(o.shares)} sh × $${o.impliedSpot.toFixed(2)} = notional ${formatUsd(o.notionalUsd)}${o.premium ? '' : `; ${o.premiumNote}`}`,
    );
    if (o.premium) printPremium(o.premium, `${indent}    `);
  }
}

function cikOpt(v: string): number {
  if (!/^\d{1,10}$/.test(v))
    throw new TidewatchError('bad-input', `--cik must be a number like 1649339, got '${v}'`);
  return Number(v);
}

/**
 * Import 13F files: full submissions (.txt/.nc), a primary_doc + information table pair, or a
 * bare information table (needs --cik and --period), through the 13F source's file transform.
 * Each filing is written in one transaction; importing the same filing twice changes nothing.
 */
export async function importThirteenFFiles(
  store: Store,
  files: string[],
  opts: { cik?: number; period?: string; filed?: string },
  run: { runId?: number | null; today?: string } = {},
): Promise<SeriesSummary[]> {
  const { importFiles } = await import('../../update/import-files.js');
  const { thirteenFSource } = await import('../../sources/sec/thirteenf/source.js');
  const query = {
    ...(opts.cik !== undefined ? { cik: opts.cik } : {}),
    ...(opts.period ? { period: opts.period } : {}),
    ...(opts.filed ? { filed: opts.filed } : {}),
  };
  return importFiles(store, thirteenFSource.files!, files, { runId: run.runId ?? null, today: run.today ?? today(), query });
}

function addImport(cmd: Command): void {
  withDbOption(
    cmd
      .description(
        'import 13F filings: full submission .txt/.nc, primary_doc + information table, or a bare table',
      )
      .argument('<files...>')
      .option('--cik <n>', 'filer CIK (for a bare information table)', cikOpt)
      .option('--period <date>', 'period of report YYYY-MM-DD (for a bare information table)')
      .option(
        '--filed <date>',
        'EDGAR filing date YYYY-MM-DD of a file without an SGML header (else it counts from the import day)',
      )
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'sec-13f', opts, (runId) =>
        importThirteenFFiles(
          store,
          files,
          { cik: opts.cik, period: optDate(opts.period, '--period'), filed: optDate(opts.filed, '--filed') },
          { runId },
        ),
      ),
    ),
  );
}

export function register(program: Command): void {
  addImport(importCommand(program).command('13f'));
  withDbOption(
    importCommand(program)
      .command('13f-data-set')
      .description(
        'import SEC Form 13F data-set zips (quarterly TSVs): streamed, size-capped, each zip in one transaction',
      )
      .argument('<zips...>')
      .option('--metadata <file>', 'FORM13F_metadata.json (default: the one inside each zip)')
      .option('--json'),
  ).action(async (zips: string[], opts) =>
    withStore(opts, async (store) => {
      const out = [];
      for (const zip of zips) {
        const r = await importDataSetZip(store.db, zip, opts.metadata ? { metadataFile: opts.metadata } : {});
        out.push({ zip, ...r });
        if (opts.json) continue;
        console.log(
          `${zip}: ${num(r.filings)} filings, ${num(r.rows)} rows imported; ${num(r.skippedExisting)} filings already stored`,
        );
        if (r.orphanRows) console.log(`  ${num(r.orphanRows)} INFOTABLE rows name no SUBMISSION accession: not imported`);
        if (r.ignoredEntries.length) console.log(`  not read: ${r.ignoredEntries.join(', ')}`);
      }
      if (opts.json) printJson(out);
    }),
  );

  const tf = program.command('13f').description('SEC 13F holdings: famous shorts, diffs, put/call notional');
  addImport(tf.command('import'));
  registerThirteenFQueries(tf);

  withDbOption(
    tf
      .command('holdings')
      .description('holdings of a filer for a quarter (after amendments), with put/call notional and premium')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--period <date>', 'period of report (default: the latest public by --as-of)')
      .option('--as-of <date>', 'only filings and amendments filed by this day (default: today)')
      .option('--top <n>', 'concentration: top-N share', (v) => Number(v), 5)
      .option('--map <file>', 'CUSIP → ticker mapping file (cusip,ticker,name)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const period = optDate(opts.period, '--period');
      const r = await holdingsReport(store, {
        cik: opts.cik,
        ...(period ? { period } : {}),
        asOf: optDate(opts.asOf, '--as-of') ?? today(),
        topN: opts.top,
        resolver: await storeResolver(store.db, opts.map, { builtIn: true }),
      });
      if (opts.json) return printJson(r);
      say(`${r.filer ?? `CIK ${r.cik}`} — 13F period ${r.period}, as of ${r.asOf}`);
      for (const f of r.filings)
        say(
          `  ${f.accession} ${f.form} filed ${f.filed ?? `? (counted from ${f.knownFrom})`}: ${f.action} (${f.reason}); values ${f.unit} by ${f.unitRule}`,
        );
      const total = r.exposure.totalUsd;
      say(
        table(
          ['position', 'cusip', 'class', 'shares', 'value / notional', 'weight'],
          r.positions.map((p) => [
            positionLabel(p),
            p.cusip,
            p.titleOfClass,
            num(p.shares),
            formatUsd(p.valueUsd),
            pct(total > 0 ? p.valueUsd / total : null),
          ]),
        ),
      );
      say(
        `total ${formatUsd(total)}; puts ${formatUsd(r.exposure.putNotionalUsd)} (${pct(r.exposure.putShare)}), calls ${formatUsd(r.exposure.callNotionalUsd)} (${pct(r.exposure.callShare)}); top ${r.concentration.n} = ${pct(r.concentration.share)}`,
      );
      printOptions(r.options);
      say(`note: ${NOTIONAL_CAVEAT}`);
    }),
  );

  withDbOption(
    tf
      .command('diff')
      .description('quarter-over-quarter changes: new, added, trimmed, exited (by shares)')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--from <date>', 'earlier period (default: the one before --to)')
      .option('--to <date>', 'later period (default: the latest public by --as-of)')
      .option('--as-of <date>', 'only filings and amendments filed by this day (default: today)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const from = optDate(opts.from, '--from');
      const to = optDate(opts.to, '--to');
      const d = await diffReport(store, {
        cik: opts.cik,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        asOf: optDate(opts.asOf, '--as-of') ?? today(),
      });
      if (opts.json) return printJson(d);
      say(
        `CIK ${d.cik}: ${d.from} → ${d.to} (as of ${d.asOf})  ${Object.entries(d.summary)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      say(
        table(
          ['change', 'position', 'shares before', 'shares after', 'Δ shares', 'value after'],
          d.changes
            .filter((c) => c.kind !== 'unchanged')
            .map((c) => [
              c.kind,
              c.putCall ? `${c.issuer} ${c.putCall.toLowerCase()}` : c.issuer,
              num(c.sharesBefore),
              num(c.sharesAfter),
              c.sharesChangePct === null ? 'new' : `${c.sharesChangePct.toFixed(1)}%`,
              formatUsd(c.valueAfterUsd),
            ]),
        ),
      );
    }),
  );

  withDbOption(
    tf
      .command('watchlist')
      .description('watched filers: latest report, puts/calls with notional and premium, data missing')
      .option('--add <cik>', 'add a filer to the watchlist', cikOpt)
      .option('--name <name>', 'name for --add')
      .option('--as-of <date>', 'only filings filed by this day (default: today)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      if (opts.add !== undefined)
        await addToWatchlist(store.db, { cik: opts.add, name: opts.name ?? `CIK ${opts.add}`, note: '' });
      const w = await watchlistReport(store, {
        asOf: optDate(opts.asOf, '--as-of') ?? today(),
        resolver: await storeResolver(store.db, undefined, { builtIn: true }),
      });
      if (opts.json) return printJson(w);
      say(`13F watchlist as of ${w.asOf}`);
      for (const e of w.entries) {
        say(`${e.name} (CIK ${e.cik}) — ${e.note}`);
        say(`  ${e.coverage.message}`);
        if (e.latest) {
          const x = e.latest.exposure;
          say(
            `  latest ${e.latest.period}: total ${formatUsd(x.totalUsd)}, puts ${formatUsd(x.putNotionalUsd)} (${pct(x.putShare)}), calls ${formatUsd(x.callNotionalUsd)}`,
          );
        }
        printOptions(e.options, '  ');
      }
      say(`note: ${NOTIONAL_CAVEAT}`);
      const t5 = w.thesis5;
      if (t5) {
        say(
          `thesis 5 (curated): PLTR puts ~${formatUsd(t5.quotedPremiumUsd)} premium vs ~${formatUsd(t5.quotedNotionalUsd)} notional, period ${t5.periodEnd}, public ${t5.knownFrom} — ${t5.source}`,
        );
        if (t5.premium) printPremium(t5.premium, '  ');
        else say(`  ${t5.premiumNote}`);
      }
    }),
  );

  withDbOption(
    tf
      .command('map-cusips')
      .description(
        'map stored CUSIPs to tickers: name match against company_tickers.json, then optionally OpenFIGI',
      )
      .option('--tickers <file>', 'company_tickers.json saved from SEC (default: fetch it from EDGAR)')
      .option('--openfigi', `ask OpenFIGI for CUSIPs still unmapped (needs ${OPENFIGI_KEY_ENV})`)
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const http = createHttp();
      const notes: string[] = [];
      let companies: ReturnType<typeof parseCompanyTickers> | undefined;
      try {
        const text = opts.tickers
          ? readFileSync(opts.tickers, 'utf8')
          : (await new EdgarClient(http).raw(COMPANY_TICKERS_URL)).text();
        companies = parseCompanyTickers(JSON.parse(text), opts.tickers ?? COMPANY_TICKERS_URL);
      } catch (e) {
        if (opts.tickers) throw e;
        notes.push(`company_tickers.json unavailable (${reasonOf(e)}); pass --tickers FILE`);
      }
      let openFigi: Parameters<typeof mapCusips>[1]['openFigi'];
      if (opts.openfigi) {
        openFigiKey(); // fail early with the how-to-set-it message; the key itself is never printed
        const post = http.post.bind(http);
        openFigi = { poster: { post } };
      }
      const r = await mapCusips(store.db, {
        ...(companies ? { companies } : {}),
        ...(openFigi ? { openFigi } : {}),
      });
      r.notes.unshift(...notes);
      if (opts.json) return printJson(r);
      say(
        `name match: ${r.nameMatched} new mapping(s); OpenFIGI: ${opts.openfigi ? `${r.openFigiMapped} of ${r.openFigiAsked} asked` : 'not asked (--openfigi)'}`,
      );
      for (const n of r.notes) say(`note: ${n}`);
      if (r.stillUnmapped.length) {
        say(
          `${r.stillUnmapped.length} CUSIP(s) still unmapped — add them to the mapping file (cusip,ticker,name):`,
        );
        for (const u of r.stillUnmapped.slice(0, 20)) say(`  ${u.cusip}  ${u.issuer}`);
      }
    }),
  );

  withDbOption(
    tf
      .command('fetch')
      .description('fetch a filer’s 13F filings from EDGAR (needs SEC_USER_AGENT unless replaying)')
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--accession <a>', 'one filing (default: every 13F of the filer)')
      .option('--verbose', 'list every warning (default: one counted line per source)')
      .option('--json', 'print the summary as JSON'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { fetchThirteenF } = await import('../../update/run.js');
      await runImport(store, 'sec', opts, (runId) => fetchThirteenF(store, runId, opts.cik, opts.accession));
    }),
  );
}
