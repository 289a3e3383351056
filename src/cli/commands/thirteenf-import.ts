import { today } from '../../core/dates.js';
import { importDataSetZip } from '../../sources/sec/thirteenf/bulk.js';
import { thirteenFSource } from '../../sources/sec/thirteenf/source.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../../update/import-files.js';
import type { SeriesSummary } from '../../update/types.js';
import { printJson } from '../context.js';

/**
 * The bodies of `import 13f` and `import 13f-data-set` : loaded
 * only when one of them runs, so the XML parser, the zip reader and the data-set import stay out of
 * every other command's start-up.
 */

const num = (x: number) => x.toLocaleString('en-US');

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
  const query = {
    ...(opts.cik !== undefined ? { cik: opts.cik } : {}),
    ...(opts.period ? { period: opts.period } : {}),
    ...(opts.filed ? { filed: opts.filed } : {}),
  };
  return importFiles(store, thirteenFSource.files!, files, {
    runId: run.runId ?? null,
    today: run.today ?? today(),
    query,
  });
}

/** `import 13f-data-set ZIP...`: each zip streamed and imported in one transaction. */
export async function importDataSets(
  store: Store,
  zips: string[],
  opts: { metadata?: string; json?: boolean },
): Promise<void> {
  const out = [];
  for (const zip of zips) {
    const r = await importDataSetZip(store.db, zip, opts.metadata ? { metadataFile: opts.metadata } : {});
    out.push({ zip, ...r });
    if (opts.json) continue;
    console.log(
      `${zip}: ${num(r.filings)} filings, ${num(r.rows)} rows imported; ${num(r.skippedExisting)} filings already stored`,
    );
    if (r.orphanRows)
      console.log(`  ${num(r.orphanRows)} INFOTABLE rows name no SUBMISSION accession: not imported`);
    if (r.ignoredEntries.length) console.log(`  not read: ${r.ignoredEntries.join(', ')}`);
  }
  if (opts.json) printJson(out);
}
