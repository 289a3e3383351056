import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { reasonOf } from '../../core/errors.js';
import { OPENFIGI_KEY_ENV } from '../../sources/sec/thirteenf/openfigi.js';
import { printJson, say, withDbOption, withStore } from '../context.js';
import { runImport, summaryOptions } from '../import-run.js';
import { cikOpt } from './thirteenf-options.js';

/**
 * `13f map-cusips` and `13f fetch`: the commands that reach EDGAR or OpenFIGI. The HTTP client and
 * the parsers load only when one of them runs.
 */

function addMapCusips(tf: Command): void {
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
      const { createHttp } = await import('../../http/client.js');
      const { EdgarClient } = await import('../../sources/sec/edgar/client.js');
      const { parseCompanyTickers } = await import('../../sources/sec/thirteenf/cusip-map.js');
      const { mapCusips } = await import('../../sources/sec/thirteenf/cusip-store.js');
      const { COMPANY_TICKERS_URL } = await import('../../sources/sec/thirteenf/source.js');
      const { openFigiKey } = await import('../../sources/sec/thirteenf/openfigi.js');
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
}

function addFetch(tf: Command): void {
  summaryOptions(
    tf
      .command('fetch')
      .description('fetch a filer’s 13F filings from EDGAR (needs SEC_USER_AGENT unless replaying)')
      .requiredOption('--cik <n>', 'filer CIK', cikOpt)
      .option('--accession <a>', 'one filing (default: every 13F of the filer)'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const { fetchThirteenF } = await import('../../update/run.js');
      await runImport(store, 'sec', opts, (runId) => fetchThirteenF(store, runId, opts.cik, opts.accession));
    }),
  );
}

export function registerThirteenFEdgar(tf: Command): void {
  addMapCusips(tf);
  addFetch(tf);
}
