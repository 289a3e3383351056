import { TidewatchError } from '../core/errors.js';
import { type CapexReport, capexReport } from '../indicators/capex/report.js';
import { allConcepts, companyByTicker } from '../sources/sec/xbrl/concepts.js';
import { listXbrlCompanies, loadXbrlFacts } from '../sources/sec/xbrl/repository.js';
import type { Store } from '../store/store.js';

/** Load stored facts and compute the report (shared by the CLI and the API). The thin I/O edge: the report itself (report.ts) is pure. */
export async function capexReportFromStore(
  store: Store,
  opts: { asOf?: string; ticker?: string } = {},
): Promise<CapexReport> {
  if (opts.ticker && !companyByTicker(opts.ticker)) {
    const stored = await listXbrlCompanies(store.db);
    if (!stored.some((c) => c.ticker?.toUpperCase() === opts.ticker!.toUpperCase())) {
      throw new TidewatchError('not-found', `no XBRL facts stored for ticker ${opts.ticker}`, {
        hint: 'run `tidewatch update --source xbrl` or `tidewatch import xbrl FILE`',
      });
    }
  }
  const companies = await listXbrlCompanies(store.db);
  const names = new Map(companies.map((c) => [c.cik, { name: c.name, ticker: c.ticker }]));
  // As of a day, only the facts filed by then are read (the report's period selection also checks).
  const facts = await loadXbrlFacts(store.db, {
    concepts: [...allConcepts()],
    ...(opts.asOf ? { knownBy: opts.asOf } : {}),
  });
  return capexReport(facts, { asOf: opts.asOf, ticker: opts.ticker, names });
}
