import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { resumeFrom, wantedItems } from '../../update/items.js';
import { type Batch, observations } from '../batches.js';
import { defineSource, type Transformed } from '../define.js';
import { streamRateFiles } from './files.js';
import { operationBatches, rateBatches } from './ingest.js';
import {
  extractNyfed,
  NYFED_BASE,
  parseRateWindows,
  parseRepoWindows,
  parseTreasuryWindows,
} from './markets-api.js';

/**
 * New York Fed Markets API as a source: SOFR/EFFR with percentiles and volume (NYFED:* series),
 * repo/ON RRP operations and bill purchases (nyfed_operations + daily take-up series). Items
 * (for --series): sofr, effr, repo, treasury. A file import reads SOFR/EFFR JSON in either shape
 * (the website's read endpoint or the Markets API).
 */

/** SOFR starts 2018-04-03; the SRF 2021-07-28; a full first update fetches from here. */
const DEFAULT_FROM = '2018-04-01';

/** Re-fetch a week of overlap: recent fixings are occasionally revised. */
const OVERLAP_DAYS = 7;

const ITEMS = ['sofr', 'effr', 'repo', 'treasury'] as const;
/** The series whose last date an item resumes from. */
const RESUME_SERIES: Record<(typeof ITEMS)[number], string> = {
  sofr: 'NYFED:SOFR',
  effr: 'NYFED:EFFR',
  repo: 'NYFED:RRP_ACCEPTED',
  treasury: 'NYFED:BILL_PURCHASES',
};

const date = z.string().refine(isIsoDate, 'must be YYYY-MM-DD');
export const NyfedQuerySchema = z.object({ item: z.enum(ITEMS), from: date, to: date });

const ratesOrigin = (kind: string) => `${NYFED_BASE} ${kind}`;

export const nyfedSource = defineSource({
  name: 'nyfed',
  describe:
    'New York Fed Markets API: SOFR/EFFR with percentiles and volume, repo/ON RRP operations, bill purchases',
  query: NyfedQuerySchema,
  async plan(ctx) {
    const out = [];
    for (const item of wantedItems(ctx, ITEMS)) {
      const from = await resumeFrom(
        ctx,
        RESUME_SERIES[item as (typeof ITEMS)[number]],
        OVERLAP_DAYS,
        DEFAULT_FROM,
      );
      out.push({ label: item, query: { item: item as (typeof ITEMS)[number], from, to: ctx.today } });
    }
    return out;
  },
  async extract(http, q) {
    return { inputs: await extractNyfed(http, q.item, q.from, q.to) };
  },
  transform(ex, q): Transformed {
    if (q.item === 'sofr' || q.item === 'effr') {
      const r = parseRateWindows(ex.inputs);
      return {
        batches: [...rateBatches(r.records, ratesOrigin(q.item))].map((b) => observations(b)),
        warnings: r.warnings,
      };
    }
    const repo = q.item === 'repo' ? parseRepoWindows(ex.inputs) : [];
    const tsy = q.item === 'treasury' ? parseTreasuryWindows(ex.inputs) : [];
    const origin = `${NYFED_BASE}${q.item === 'repo' ? '/api/rp/results' : '/api/tsy/all/results'}`;
    const batches: Batch[] = [
      {
        kind: 'operations',
        label: `nyfed_operations (${q.item})`,
        repo,
        tsy,
        origin: `nyfed:${q.item === 'repo' ? 'rp' : 'tsy'}/results`,
      },
      ...operationBatches(repo, tsy, origin).map((b) => observations(b)),
    ];
    return { batches };
  },
  files: {
    source: 'nyfed-file',
    query: z.object({}).default({}),
    // A snapshot folder is many one-day files that belong together: one item, one transaction.
    stream: { together: true, transform: (files, _query, db) => streamRateFiles(files, db) },
  },
});
