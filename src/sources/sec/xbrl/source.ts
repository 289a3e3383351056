import path from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../../../core/dates.js';
import { defineSource, type Transformed, textOf } from '../../define.js';
import { secUserAgent } from '../edgar/user-agent.js';
import { allConcepts, COMPANIES } from './concepts.js';
import { extractCompanyFacts, parseCompanyFactsBytes } from './fetch.js';
import { parseXbrlDocument } from './parse.js';
import { documentId } from './repository.js';

/**
 * SEC XBRL as a source: companyfacts for the hyperscalers and NVIDIA. Only the concepts the capex
 * indicators read are stored (the raw response is archived in full). A file import reads
 * companyfacts JSON, XBRL instances and inline-XBRL documents, each checked whole (root element
 * closed, JSON complete) before anything is written.
 */
export const xbrlSource = defineSource({
  name: 'xbrl',
  describe:
    'SEC XBRL companyfacts (capex, operating income, cash flow, debt) for MSFT, GOOGL, AMZN, META, ORCL, NVDA',
  query: z.object({ ticker: z.string(), cik: z.number().int().positive() }),
  progressLabel: 'companyfacts',
  async plan(ctx) {
    // Refuse before any request when SEC_USER_AGENT is missing (replay needs none).
    if (ctx.http.replaying !== true) secUserAgent();
    const wanted = ctx.only?.map((t) => t.toUpperCase());
    const companies = wanted ? COMPANIES.filter((c) => wanted.includes(c.ticker)) : COMPANIES;
    const byTicker = new Map(companies.map((c) => [c.ticker, c]));
    return [...byTicker.values()].map((c) => ({
      label: `XBRL:${c.ticker}`,
      query: { ticker: c.ticker, cik: c.cik },
    }));
  },
  async extract(http, q) {
    return { inputs: [await extractCompanyFacts(http, q.cik)] };
  },
  transform(ex, q): Transformed {
    const doc = parseCompanyFactsBytes(ex.inputs[0]!, q.cik);
    const keep = allConcepts();
    const facts = doc.facts.filter((f) => f.taxonomy === 'us-gaap' && keep.has(f.concept));
    return {
      batches: [
        {
          kind: 'xbrl-document',
          label: `XBRL:${q.ticker}`,
          doc: { ...doc, facts },
          documentId: `cf:${q.cik}`,
          ticker: q.ticker,
        },
      ],
      warnings: doc.warnings,
    };
  },
  files: {
    source: 'xbrl-file',
    query: z
      .object({
        accession: z.string().optional(),
        filed: z.string().refine(isIsoDate, 'filed must be YYYY-MM-DD').optional(),
        form: z.string().optional(),
      })
      .default({}),
    transform(inputs, meta): Transformed {
      const raw = inputs[0]!;
      const text = textOf(raw).text;
      const doc = parseXbrlDocument(text, path.basename(raw.origin), meta);
      const label = `${raw.origin} (CIK ${doc.cik}${doc.documentType ? `, ${doc.documentType}` : ''}${doc.periodEnd ? ` ${doc.periodEnd}` : ''})`;
      return {
        batches: [{ kind: 'xbrl-document', label, doc, documentId: documentId(text) }],
        warnings: doc.warnings.slice(0, 20),
      };
    },
  },
});
