import path from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../../../core/dates.js';
import { reasonOf, TidewatchError } from '../../../core/errors.js';
import type { Db } from '../../../store/db.js';
import type { Batch } from '../../batches.js';
import {
  defineSource,
  jsonOf,
  type RawBytes,
  rawFromResponse,
  type Transformed,
  textOf,
} from '../../define.js';
import { EdgarClient } from '../edgar/client.js';
import { isThirteenF } from '../edgar/submissions.js';
import {
  fullSubmissionUrl,
  normaliseAccession,
  SUBMISSIONS_MAX_AGE_SECONDS,
  submissionsUrl,
} from '../edgar/urls.js';
import { parseCompanyTickers } from './cusip-map.js';
import { parseThirteenF, parseThirteenFParts } from './filing.js';
import { KNOWN_13F_ACCESSIONS } from './known-filings.js';
import { contentHash, hasAccession } from './repository.js';
import { documentShape } from './shape.js';
import { getWatchlist, lastFetched } from './watchlist-store.js';
import { assertThirteenFWhole } from './wholeness.js';

/**
 * SEC 13F as a source: the filings of the watchlist filers (full submission .txt, immutable once
 * published: a stored accession is never fetched again), then SEC's company list to name-match
 * new CUSIPs. A file import reads full submissions (.txt/.nc), a primary_doc + information table
 * pair, or a bare table (with --cik and --period). Each filing is written in its own transaction:
 * one bad filing is a warning of its filer, never a reason to keep the filer's other quarters out.
 */

export const COMPANY_TICKERS_URL = 'https://www.sec.gov/files/company_tickers.json';

/**
 * The 13F accessions of a filer: from EDGAR's submissions list (all pages) when it can be read —
 * refetched at most once an hour — else from the documented known list, saying so. `listRead`
 * says whether the list was read (its fetch time is then recorded).
 */
export async function thirteenFAccessions(
  db: Db,
  client: EdgarClient,
  cik: number,
  now = new Date(),
): Promise<{ accessions: string[]; via: string; listRead: boolean }> {
  const url = submissionsUrl(cik);
  const last = await lastFetched(db, url);
  const fresh =
    last && now.getTime() - Date.parse(`${last.replace(' ', 'T')}Z`) < SUBMISSIONS_MAX_AGE_SECONDS * 1000;
  const known = KNOWN_13F_ACCESSIONS[cik] ?? [];
  if (fresh)
    return {
      accessions: known,
      via: `submissions list fetched ${last} (< 1 h ago); known accessions used`,
      listRead: false,
    };
  try {
    const list = await client.allFilings(cik, (f) => isThirteenF(f.form));
    return { accessions: list.map((f) => f.accession), via: 'EDGAR submissions list', listRead: true };
  } catch (e) {
    if (
      !(e instanceof TidewatchError) ||
      !['replay-miss', 'network', 'timeout', 'not-found'].includes(e.kind)
    )
      throw e;
    return {
      accessions: known,
      via: `known accessions (${known.length}); submissions list unavailable: ${e.message}`,
      listRead: false,
    };
  }
}

export const ThirteenFQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filer'), cik: z.number().int().positive(), accession: z.string().optional() }),
  z.object({ kind: z.literal('tickers') }),
]);

/** One fetched filing's bytes → its batch; parse errors are the caller's to report. */
function filingBatch(raw: RawBytes, label: string, count: 'filings' | 'rows'): Batch {
  const text = textOf(raw).text;
  return {
    kind: 'thirteenf-filing',
    label,
    parsed: parseThirteenF(text, { source: raw.origin }),
    contentSha: contentHash(text),
    count,
    inputs: [raw],
  };
}

/** Options of `import 13f`: what a bare information table does not say itself. */
const ThirteenFFileQuery = z
  .object({
    cik: z.number().int().positive().optional(),
    period: z.string().refine(isIsoDate, 'period must be YYYY-MM-DD').optional(),
    filed: z.string().refine(isIsoDate, 'filed must be YYYY-MM-DD').optional(),
  })
  .default({});

export const thirteenFSource = defineSource<
  z.output<typeof ThirteenFQuerySchema>,
  { listRead: string | null },
  z.output<typeof ThirteenFFileQuery>
>({
  name: 'sec',
  describe:
    'SEC EDGAR 13F filings of the watchlist filers (full submission .txt; needs SEC_USER_AGENT unless replaying)',
  query: ThirteenFQuerySchema,
  progressLabel: 'sec 13F',
  atomic: 'batch',
  async plan(ctx) {
    const ciks = ctx.only?.length
      ? ctx.only.map(Number)
      : (await getWatchlist(ctx.store.db)).map((w) => w.cik);
    return [
      ...ciks.map((cik) => ({ label: `13F:${cik}`, query: { kind: 'filer' as const, cik } })),
      { label: 'CUSIP-TICKER', query: { kind: 'tickers' as const } },
    ];
  },
  async extract(http, q, ctx) {
    const client = new EdgarClient(http);
    if (q.kind === 'tickers')
      return {
        inputs: [rawFromResponse(await client.raw(COMPANY_TICKERS_URL), 'tickers')],
        payload: { listRead: null },
      };
    const list = q.accession
      ? { accessions: [q.accession], via: 'given', listRead: false }
      : await thirteenFAccessions(ctx.store.db, client, q.cik);
    const inputs: RawBytes[] = [];
    const warnings = [list.via];
    let alreadyStored = 0;
    for (const a of list.accessions) {
      const acc = normaliseAccession(a);
      // Archives are immutable: a stored accession is not fetched again.
      if (await hasAccession(ctx.store.db, acc)) {
        alreadyStored++;
        continue;
      }
      try {
        inputs.push(rawFromResponse(await client.raw(fullSubmissionUrl(q.cik, acc)), `submission:${acc}`));
      } catch (e) {
        warnings.push(`${acc}: ${reasonOf(e)}`);
      }
    }
    return {
      inputs,
      warnings,
      alreadyStored,
      payload: { listRead: list.listRead ? submissionsUrl(q.cik) : null },
    };
  },
  transform(ex, q): Transformed {
    if (q.kind === 'tickers') {
      const raw = ex.inputs[0]!;
      return {
        batches: [
          {
            kind: 'cusip-tickers',
            label: 'CUSIP-TICKER',
            companies: parseCompanyTickers(jsonOf(raw), raw.origin),
          },
        ],
      };
    }
    const label = `13F:${q.cik}`;
    const batches: Batch[] = [];
    const warnings: string[] = [];
    // The submissions list was read now: it is not asked again within the hour.
    if (ex.payload?.listRead)
      batches.push({ kind: 'fetch-state', label, url: ex.payload.listRead, inputs: [] });
    for (const raw of ex.inputs) {
      try {
        batches.push(filingBatch(raw, label, 'filings'));
      } catch (e) {
        warnings.push(`${raw.part?.replace('submission:', '') ?? raw.origin}: ${reasonOf(e)}`);
      }
    }
    return { batches, warnings };
  },
  files: {
    source: 'sec-13f',
    query: ThirteenFFileQuery,
    /**
     * A lone cover page and a lone information table are one filing; every other file stands
     * alone. A file that is not whole stands alone too (its transform refuses it, naming it).
     */
    group(files) {
      const whole = (f: { file: string; text: string }) => {
        try {
          assertThirteenFWhole(f.text, f.file);
          return true;
        } catch {
          return false;
        }
      };
      const broken = files.filter((f) => !whole(f));
      const ok = files.filter((f) => whole(f));
      const kind = (t: string) => documentShape(t) ?? 'cover';
      const covers = ok.filter((f) => kind(f.text) === 'cover');
      const tables = ok.filter((f) => kind(f.text) === 'table');
      const subs = ok.filter((f) => kind(f.text) === 'submission');
      const parts =
        covers.length === 1 && tables.length === 1
          ? [[covers[0]!.file, tables[0]!.file]]
          : [...covers, ...tables].map((f) => [f.file]);
      return [...broken.map((f) => [f.file]), ...parts, ...subs.map((f) => [f.file])];
    },
    transform(inputs, q): Transformed {
      for (const raw of inputs) assertThirteenFWhole(textOf(raw).text, raw.origin);
      const base = {
        ...(q.cik !== undefined ? { cik: q.cik } : {}),
        ...(q.period ? { period: q.period } : {}),
        ...(q.filed ? { filed: q.filed } : {}),
      };
      let parsed: ReturnType<typeof parseThirteenF>;
      let text: string;
      let name: string;
      if (inputs.length === 2) {
        const [c, t] = inputs.map((r) => textOf(r).text) as [string, string];
        name = inputs.map((r) => path.basename(r.origin)).join('+');
        parsed = parseThirteenFParts({ cover: c, infoTable: t }, { source: name, ...base });
        text = c + t;
      } else {
        const raw = inputs[0]!;
        text = textOf(raw).text;
        name = raw.origin;
        // A full submission carries its own header; the options only complete a bare document.
        parsed = parseThirteenF(
          text,
          documentShape(text) === 'submission' ? { source: raw.origin } : { source: raw.origin, ...base },
        );
      }
      const label = `${parsed.cik} ${parsed.period} ${parsed.accession ?? path.basename(name)}`;
      return {
        batches: [{ kind: 'thirteenf-filing', label, parsed, contentSha: contentHash(text), count: 'rows' }],
      };
    },
  },
});
