import path from 'node:path';
import { importDataSetZip } from '../../sources/sec/thirteenf/bulk.js';
import { parseThirteenF, parseThirteenFParts } from '../../sources/sec/thirteenf/filing.js';
import { contentHash, saveFiling } from '../../sources/sec/thirteenf/repository.js';
import { documentShape } from '../../sources/sec/thirteenf/shape.js';
import { storeResolver } from '../../sources/sec/thirteenf/cusip-store.js';
import { normaliseWithStoredPrices } from '../../sources/sec/thirteenf/stored-prices.js';
import { assertThirteenFWhole } from '../../sources/sec/thirteenf/wholeness.js';
import type { Store } from '../../store/store.js';
import { readDecodedFile } from '../../update/files.js';
import { failedSummary } from '../../update/items.js';
import type { SeriesSummary } from '../../update/types.js';
import { printJson } from '../context.js';

/**
 * The bodies of `import 13f` and `import 13f-data-set` (moved here unchanged from sec.ts): loaded
 * only when one of them runs, so the XML parser, the zip reader and the data-set import stay out of
 * every other command's start-up.
 */

const num = (x: number) => x.toLocaleString('en-US');

type Kind = 'submission' | 'cover' | 'table';
/** The parser's own shape detection; anything else goes the cover-page way, whose error names the root. */
function kindOf(text: string): Kind {
  return documentShape(text) ?? 'cover';
}

/**
 * Import 13F files: full submissions (.txt/.nc), a primary_doc + information table pair, or a
 * bare information table (needs --cik and --period). Each filing is written in one transaction;
 * importing the same filing twice changes nothing.
 */
export async function importThirteenFFiles(
  store: Store,
  files: string[],
  opts: { cik?: number; period?: string; filed?: string },
): Promise<SeriesSummary[]> {
  // Each file is read and checked for wholeness on its own: one unreadable or cut-short file
  // fails alone, the others still import.
  const out: SeriesSummary[] = [];
  const items: { file: string; text: string }[] = [];
  const decodeNotes: string[] = [];
  for (const file of files) {
    try {
      const { text, warnings } = readDecodedFile(file);
      assertThirteenFWhole(text, file);
      items.push({ file, text });
      decodeNotes.push(...warnings);
    } catch (e) {
      out.push(failedSummary('sec-13f', file, e));
    }
  }
  const kinds = items.map((i) => kindOf(i.text));
  const covers = items.filter((_, i) => kinds[i] === 'cover');
  const tables = items.filter((_, i) => kinds[i] === 'table');
  const jobs: { name: string; text: string; parse: () => ReturnType<typeof parseThirteenF> }[] = [];
  const base = {
    ...(opts.cik !== undefined ? { cik: opts.cik } : {}),
    ...(opts.period ? { period: opts.period } : {}),
    ...(opts.filed ? { filed: opts.filed } : {}),
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
        warnings: [
          ...decodeNotes.filter((n) => j.name.split('+').some((part) => n.includes(path.basename(part)))),
          `${f.form}: values ${f.unit.unit} (${f.unit.rule}: ${f.unit.detail})`,
          ...f.warnings,
        ],
      });
    } catch (e) {
      out.push(failedSummary('sec-13f', j.name, e));
    }
  }
  return out;
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
