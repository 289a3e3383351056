import { failedSummary, runItems } from '../../../update/items.js';
import type { UpdateJob } from '../../../update/types.js';
import { secUserAgent } from '../edgar/user-agent.js';
import { allConcepts, COMPANIES } from './concepts.js';
import { fetchCompanyFacts } from './fetch.js';
import { saveXbrlDocument } from './repository.js';

/**
 * `tidewatch update --source xbrl`: companyfacts for the hyperscalers and NVIDIA. Only the
 * concepts the capex indicators read are stored (the raw response is archived in full by the
 * HTTP layer). A company that fails does not stop the others. `--series MSFT,NVDA` limits it.
 */
export const xbrlUpdateJob: UpdateJob = {
  source: 'xbrl',
  describe:
    'SEC XBRL companyfacts (capex, operating income, cash flow, debt) for MSFT, GOOGL, AMZN, META, ORCL, NVDA',
  async run(ctx) {
    // Refuse before any request when SEC_USER_AGENT is missing (replay needs none).
    if (ctx.http.replaying !== true) secUserAgent();
    const wanted = ctx.only?.map((t) => t.toUpperCase());
    const companies = wanted ? COMPANIES.filter((c) => wanted.includes(c.ticker)) : COMPANIES;
    const keep = allConcepts();
    const byTicker = new Map(companies.map((c) => [c.ticker, c]));
    return runItems(
      ctx,
      'companyfacts',
      [...byTicker.keys()],
      async (ticker) => {
        const c = byTicker.get(ticker)!;
        const doc = await fetchCompanyFacts(ctx.http, c.cik);
        const facts = doc.facts.filter((f) => f.taxonomy === 'us-gaap' && keep.has(f.concept));
        const r = await saveXbrlDocument(ctx.store.db, { ...doc, facts }, `cf:${c.cik}`, c.ticker);
        return {
          source: 'xbrl',
          series: `XBRL:${ticker}`,
          status: 'ok',
          newRows: r.inserted,
          revisedRows: 0,
          unchanged: r.unchanged,
          warnings: doc.warnings,
        };
      },
      (ticker, e) => failedSummary('xbrl', `XBRL:${ticker}`, e),
    );
  },
};
