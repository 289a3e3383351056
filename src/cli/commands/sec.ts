import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { NOTIONAL_CAVEAT } from '../../analytics/thirteenf/exposure.js';
import { positionLabel } from '../../analytics/thirteenf/positions.js';
import {
  diffReport,
  holdingsReport,
  type OptionRow,
  storePriceHistory,
  watchlistReport,
} from '../../analytics/thirteenf/service.js';
import { today } from '../../core/dates.js';
import { reasonOf, TidewatchError } from '../../core/errors.js';
import { formatUsd } from '../../core/units.js';
import { createHttp } from '../../http/client.js';
import { EdgarClient } from '../../sources/sec/edgar/client.js';
import { importDataSetZip } from '../../sources/sec/thirteenf/bulk.js';
import { parseCompanyTickers } from '../../sources/sec/thirteenf/cusip-map.js';
import { mapCusips, storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { COMPANY_TICKERS_URL, fetchFiling, thirteenFAccessions } from '../../sources/sec/thirteenf/fetch.js';
import { parseThirteenF, parseThirteenFParts } from '../../sources/sec/thirteenf/filing.js';
import { OPENFIGI_KEY_ENV, openFigiKey } from '../../sources/sec/thirteenf/openfigi.js';
import { contentHash, saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { normaliseWithStoredPrices } from '../../sources/sec/thirteenf/stored-prices.js';
import { addToWatchlist } from '../../sources/sec/thirteenf/watchlist-store.js';
import type { Store } from '../../store/store.js';
import { readTextFile } from '../../update/files.js';
import { failedSummary } from '../../update/items.js';
import type { SeriesSummary } from '../../update/types.js';
import { optDate, printJson, table, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';
import { registerThirteenFQueries } from './thirteenf-queries.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString('en-US');

/** Put/call rows: reported notional next to the Black-Scholes premium range, with assumptions. */
function printOptions(options: OptionRow[], indent = ''): void {
  if (!options.length) return;
  console.log(`${indent}options — reported notional vs estimated premium (Black-Scholes, strike = spot):`);
  for (const o of options) {
    const head = `${indent}  ${o.putCall.toUpperCase()} ${o.ticker ?? o.issuer}: ${num(o.shares)} sh × $${o.impliedSpot.toFixed(2)} = notional ${formatUsd(o.notionalUsd)}`;
    if (!o.premium) {
      console.log(`${head}; ${o.premiumNote}`);
      continue;
    }
    const pts = o.premium.points
      .map((p) => `${p.months}m ${formatUsd(p.premiumUsd)} (${pct(p.ofNotional)})`)
      .join(', ');
    console.log(
      `${head}; realised vol ${pct(o.premium.vol)}; premium est. ${formatUsd(o.premium.lowUsd)}–${formatUsd(o.premium.highUsd)}: ${pts}`,
    );
  }
  for (const o of options) if (o.premium) console.log(`${indent}  ${o.ticker}: ${o.premium.assumptions[2]}`);
  const a = options.find((o) => o.premium)?.premium?.assumptions;
  if (a)
    console.log(
      `${indent}assumptions: strike = spot = reported value ÷ shares (at the money; out-of-the-money options cost much less); ${a[1]}; ${a[3]}`,
    );
}

function cikOpt(v: string): number {
  if (!/^\d{1,10}$/.test(v))
    throw new TidewatchError('bad-input', `--cik must be a number like 1649339, got '${v}'`);
  return Number(v);
}

type Kind = 'submission' | 'cover' | 'table';
function kindOf(text: string): Kind {
  if (/<SEC-DOCUMENT>|<SUBMISSION>|<DOCUMENT>/.test(text.slice(0, 2000))) return 'submission';
  return /<([\w-]+:)?informationTable[\s>]/.test(text.slice(0, 2000)) ? 'table' : 'cover';
}

/**
 * Import 13F files: full submissions (.txt/.nc), a primary_doc + information table pair, or a
 * bare information table (needs --cik and --period). Each filing is written in one transaction;
 * importing the same filing twice changes nothing.
 */
export async function importThirteenFFiles(
  store: Store,
  files: string[],
  opts: { cik?: number; period?: string },
): Promise<SeriesSummary[]> {
  const items = files.map((f) => ({ file: f, text: readTextFile(f) }));
  const kinds = items.map((i) => kindOf(i.text));
  const covers = items.filter((_, i) => kinds[i] === 'cover');
  const tables = items.filter((_, i) => kinds[i] === 'table');
  const jobs: { name: string; text: string; parse: () => ReturnType<typeof parseThirteenF> }[] = [];
  const base = {
    ...(opts.cik !== undefined ? { cik: opts.cik } : {}),
    ...(opts.period ? { period: opts.period } : {}),
  };
  if (covers.length === 1 && tables.length === 1) {
    const [c, t] = [covers[0]!, tables[0]!];
    const name = `${path.basename(c.file)}+${path.basename(t.file)}`;
    jobs.push({
      name,
      text: c.text + t.text,
      parse: () => parseThirteenFParts({ cover: c.text, infoTable: t.text }, { source: name, ...base }),
    });
  } else {
    for (const i of [...covers, ...tables])
      jobs.push({
        name: i.file,
        text: i.text,
        parse: () => parseThirteenF(i.text, { source: i.file, ...base }),
      });
  }
  for (const [n, i] of items.entries()) {
    if (kinds[n] === 'submission')
      jobs.push({ name: i.file, text: i.text, parse: () => parseThirteenF(i.text, { source: i.file }) });
  }
  const out: SeriesSummary[] = [];
  const resolver = await storeResolver(store.db);
  for (const j of jobs) {
    try {
      const f = await normaliseWithStoredPrices(store.db, j.parse(), resolver);
      const status = await saveFiling(store.db, f, contentHash(j.text));
      out.push({
        source: 'sec-13f',
        series: `${f.cik} ${f.period} ${f.accession ?? path.basename(j.name)}`,
        status: 'ok',
        newRows: status === 'unchanged' ? 0 : f.holdings.length,
        revisedRows: 0,
        unchanged: status === 'unchanged' ? f.holdings.length : 0,
        warnings: [`${f.form}: values ${f.unit.unit} (${f.unit.rule}: ${f.unit.detail})`, ...f.warnings],
      });
    } catch (e) {
      out.push(failedSummary('sec-13f', j.name, e));
    }
  }
  return out;
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
      .option('--json', 'print the summary as JSON'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'sec-13f', opts, () =>
        importThirteenFFiles(store, files, { cik: opts.cik, period: optDate(opts.period, '--period') }),
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
      .description('holdings of a filer for a quarter (after amendments), with put/call notional')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--period <date>', 'period of report (default: latest stored)')
      .option('--top <n>', 'concentration: top-N share', (v) => Number(v), 5)
      .option('--map <file>', 'CUSIP → ticker mapping file (cusip,ticker,name)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const r = await holdingsReport(
        store.db,
        opts.cik,
        optDate(opts.period, '--period'),
        await storeResolver(store.db, opts.map),
        opts.top,
        storePriceHistory(store.db),
      );
      if (opts.json) return printJson(r);
      console.log(`${r.filer ?? `CIK ${r.cik}`} — 13F period ${r.period}`);
      for (const f of r.filings)
        console.log(
          `  ${f.accession} ${f.form} filed ${f.filed ?? '?'}: ${f.action} (${f.reason}); values ${f.unit} by ${f.unitRule}`,
        );
      const total = r.exposure.totalUsd;
      console.log(
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
      console.log(
        `total ${formatUsd(total)}; puts ${formatUsd(r.exposure.putNotionalUsd)} (${pct(r.exposure.putShare)}), calls ${formatUsd(r.exposure.callNotionalUsd)} (${pct(r.exposure.callShare)}); top ${r.concentration.n} = ${pct(r.concentration.share)}`,
      );
      printOptions(r.options);
      console.log(`note: ${NOTIONAL_CAVEAT}`);
    }),
  );

  withDbOption(
    tf
      .command('diff')
      .description('quarter-over-quarter changes: new, added, trimmed, exited (by shares)')
      .option('--cik <n>', 'filer CIK (default: Scion, 1649339)', cikOpt, 1649339)
      .option('--from <date>', 'earlier period (default: the one before --to)')
      .option('--to <date>', 'later period (default: latest stored)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const d = await diffReport(store.db, opts.cik, optDate(opts.from, '--from'), optDate(opts.to, '--to'));
      if (opts.json) return printJson(d);
      console.log(
        `CIK ${d.cik}: ${d.from} → ${d.to}  ${Object.entries(d.summary)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      console.log(
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
      .description('watched filers: latest report, puts/calls with notional, data missing')
      .option('--add <cik>', 'add a filer to the watchlist', cikOpt)
      .option('--name <name>', 'name for --add')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      if (opts.add !== undefined)
        await addToWatchlist(store.db, { cik: opts.add, name: opts.name ?? `CIK ${opts.add}`, note: '' });
      const w = await watchlistReport(
        store.db,
        today(),
        await storeResolver(store.db),
        storePriceHistory(store.db),
      );
      if (opts.json) return printJson(w);
      for (const e of w.entries) {
        console.log(`${e.name} (CIK ${e.cik}) — ${e.note}`);
        console.log(`  ${e.coverage.message}`);
        if (e.latest) {
          const x = e.latest.exposure;
          console.log(
            `  latest ${e.latest.period}: total ${formatUsd(x.totalUsd)}, puts ${formatUsd(x.putNotionalUsd)} (${pct(x.putShare)}), calls ${formatUsd(x.callNotionalUsd)}`,
          );
        }
        printOptions(e.options, '  ');
      }
      console.log(`note: ${NOTIONAL_CAVEAT}`);
      console.log(
        `thesis 5: PLTR puts ~${formatUsd(w.thesis5.premiumUsd)} premium vs ~${formatUsd(w.thesis5.notionalUsd)} notional — ${w.thesis5.source}`,
      );
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
      console.log(
        `name match: ${r.nameMatched} new mapping(s); OpenFIGI: ${opts.openfigi ? `${r.openFigiMapped} of ${r.openFigiAsked} asked` : 'not asked (--openfigi)'}`,
      );
      for (const n of r.notes) console.log(`note: ${n}`);
      if (r.stillUnmapped.length) {
        console.log(
          `${r.stillUnmapped.length} CUSIP(s) still unmapped — add them to the mapping file (cusip,ticker,name):`,
        );
        for (const u of r.stillUnmapped.slice(0, 20)) console.log(`  ${u.cusip}  ${u.issuer}`);
      }
    }),
  );

  withDbOption(
    tf
      .command('fetch')
      .description('fetch a filer’s 13F filings from EDGAR (needs SEC_USER_AGENT unless replaying)')
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--accession <a>', 'one filing (default: every 13F of the filer)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const client = new EdgarClient(createHttp());
      const accs = opts.accession
        ? { accessions: [opts.accession as string], via: 'given' }
        : await thirteenFAccessions(store.db, client, opts.cik);
      const out = [];
      for (const a of accs.accessions) {
        try {
          out.push(await fetchFiling(store.db, client, opts.cik, a));
        } catch (e) {
          out.push({ accession: a, status: 'failed', warnings: [reasonOf(e)] });
        }
      }
      if (opts.json) return printJson({ via: accs.via, filings: out });
      console.log(`accessions via ${accs.via}`);
      console.log(
        table(
          ['accession', 'status', 'period', 'rows', 'notes'],
          out.map((o) => [
            o.accession,
            o.status,
            'period' in o ? o.period : '',
            'rows' in o ? o.rows : '',
            o.warnings.join('; '),
          ]),
        ),
      );
      if (out.some((o) => o.status === 'failed')) process.exitCode = 2;
    }),
  );
}
